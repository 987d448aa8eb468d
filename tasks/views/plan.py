from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.forms import run_service
from core.history import history_for
from core.selectors import org_unit_queryset
from tasks import selectors
from tasks.forms import PlanCopyForm
from tasks.permissions import may_copy_plans, may_manage_measures
from tasks.places import places_for
from tasks.plan_copy import plan_copy


class HomeView(LoginRequiredMixin, TemplateView):
    """The plan as a tree: 6 systems → 21 work items, the 6 key actions, and the targets."""

    template_name = "tasks/home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        plan = selectors.current_plan(user=user, year=self.request.GET.get("year") or None)
        tree = selectors.plan_tree(user=user, plan=plan) if plan else {}
        return {**tree, "plans": selectors.plan_queryset(user=user), "can_copy": may_copy_plans(user)}


class PlanCopyView(LoginRequiredMixin, View):
    """复制到新年度: the county administrator starts a new year's plan from this one."""

    template_name = "tasks/plan_copy.html"

    def _source(self, request, year):
        if not may_copy_plans(request.user):
            raise PermissionDenied
        return get_object_or_404(selectors.plan_queryset(user=request.user), year=year)

    def get(self, request, year):
        source = self._source(request, year)
        form = PlanCopyForm(initial={"year": source.year + 1})
        return render(request, self.template_name, {"form": form, "source": source})

    def post(self, request, year):
        source = self._source(request, year)
        form = PlanCopyForm(request.POST)
        plan = form.is_valid() and run_service(
            form, lambda: plan_copy(actor=request.user, source=source, year=form.cleaned_data["year"])
        )
        if not plan:
            return render(request, self.template_name, {"form": form, "source": source}, status=400)
        messages.success(
            request,
            _("已生成%(title)s。文号和印发日期暂沿用%(source)d年的，正式印发后请在管理后台修改。")
            % {"title": plan.title, "source": source.year},
        )
        return redirect(f"{reverse('home')}?year={plan.year}")


def _entry_context(user, entry):
    """A work item's or key action's page: its text, its measures with their colours, its history."""
    return {
        "entry": entry,
        "measures": selectors.measure_queryset(user=user).for_entry(entry).order_by("deadline", "pk"),
        "reports": selectors.recent_reports(user=user, entry=entry),
        "can_manage": may_manage_measures(user, entry.lead_unit_id),
        "history": history_for(entry),
    }


class WorkItemDetailView(LoginRequiredMixin, TemplateView):
    template_name = "tasks/work_item_detail.html"

    def get_context_data(self, **kwargs):
        item = get_object_or_404(selectors.work_item_queryset(user=self.request.user), pk=kwargs["pk"])
        return {
            **_entry_context(self.request.user, item),
            "targets": item.targets.order_by("number"),
            "places": places_for(item, is_key_action=False),
        }


class KeyActionDetailView(LoginRequiredMixin, TemplateView):
    template_name = "tasks/work_item_detail.html"

    def get_context_data(self, **kwargs):
        action = get_object_or_404(selectors.key_action_queryset(user=self.request.user), pk=kwargs["pk"])
        return {
            **_entry_context(self.request.user, action),
            "is_key_action": True,
            "places": places_for(action, is_key_action=True),
        }


class OrgUnitDetailView(LoginRequiredMixin, TemplateView):
    """A unit's page: where it sits and the plan's work it leads or shares."""

    template_name = "tasks/org_unit_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        units = org_unit_queryset(user=user)
        unit = get_object_or_404(units, pk=kwargs["pk"])
        return {
            "unit": unit,
            "children": units.filter(parent=unit).order_by("sort_order", "code"),
            "work_items": selectors.work_item_queryset(user=user).for_unit(unit.pk),
            "key_actions": selectors.key_action_queryset(user=user).for_unit(unit.pk),
        }
