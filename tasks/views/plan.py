from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from core.history import history_for
from core.selectors import org_unit_queryset
from tasks import selectors
from tasks.permissions import may_manage_measures


class HomeView(LoginRequiredMixin, TemplateView):
    """The plan as a tree: 6 systems → 21 work items, the 6 key actions, and the targets."""

    template_name = "tasks/home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        plan = selectors.current_plan(user=user, year=self.request.GET.get("year") or None)
        tree = selectors.plan_tree(user=user, plan=plan) if plan else {}
        return {**tree, "plans": selectors.plan_queryset(user=user)}


def _entry_context(user, entry):
    """A work item's or key action's page: its text, its measures with their colours, its history."""
    return {
        "entry": entry,
        "measures": selectors.measure_queryset(user=user).for_entry(entry).order_by("deadline", "pk"),
        "can_manage": may_manage_measures(user, entry.lead_unit_id),
        "history": history_for(entry),
    }


class WorkItemDetailView(LoginRequiredMixin, TemplateView):
    template_name = "tasks/work_item_detail.html"

    def get_context_data(self, **kwargs):
        item = get_object_or_404(selectors.work_item_queryset(user=self.request.user), pk=kwargs["pk"])
        return {**_entry_context(self.request.user, item), "targets": item.targets.order_by("number")}


class KeyActionDetailView(LoginRequiredMixin, TemplateView):
    template_name = "tasks/work_item_detail.html"

    def get_context_data(self, **kwargs):
        action = get_object_or_404(selectors.key_action_queryset(user=self.request.user), pk=kwargs["pk"])
        return {**_entry_context(self.request.user, action), "is_key_action": True}


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
