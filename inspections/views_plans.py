"""Pages of inspection plans (执法计划): list with coverage, detail, form, and 按条件选取."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.forms import run_service
from inspections import plan_selectors as selectors
from inspections import plan_services as services
from inspections.plan_forms import InspectionPlanForm, PlanRuleForm
from inspections.plan_permissions import may_change_plan, may_make_plans


def _plan_for_change(request, pk):
    plan = get_object_or_404(selectors.plan_queryset(user=request.user), pk=pk)
    if not may_change_plan(request.user, plan):
        raise PermissionDenied(_("您无权修改该执法计划。"))
    return plan


class PlanListView(LoginRequiredMixin, TemplateView):
    template_name = "inspections/plan_list.html"

    def get_context_data(self, **kwargs):
        filterset = selectors.plan_list(user=self.request.user, filters=self.request.GET)
        rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
        this_year = timezone.localdate().year
        return {
            "filterset": filterset,
            "page": Paginator(rows, 50).get_page(self.request.GET.get("page")),
            "departments": selectors.plan_departments(user=self.request.user),
            "years": range(this_year, this_year - 6, -1),
            "today": timezone.localdate(),
            "can_create": may_make_plans(self.request.user),
        }


class PlanDetailView(LoginRequiredMixin, TemplateView):
    template_name = "inspections/plan_detail.html"

    def get_context_data(self, **kwargs):
        plan = get_object_or_404(selectors.plan_queryset(user=self.request.user), pk=kwargs["pk"])
        return {
            "plan": plan,
            "coverage": selectors.plan_coverage(plan=plan),
            "can_change": may_change_plan(self.request.user, plan),
        }


class PlanCreateView(LoginRequiredMixin, View):
    """A plan's form; a refused form is shown again with what was typed."""

    def target(self, request, pk=None):
        if not may_make_plans(request.user):
            raise PermissionDenied(_("您的角色只能查看，不能制定执法计划。"))
        return None

    def call(self, request, target, values):
        return services.plan_create(actor=request.user, **values)

    def render_form(self, request, target, form, status=200):
        heading = _("修改执法计划：%(title)s") % {"title": target.title} if target else _("制定执法计划")
        back = target.get_absolute_url() if target else reverse("inspections:plan-list")
        context = {"form": form, "heading": heading, "back_url": back}
        return render(request, "inspections/plan_form.html", context, status=status)

    def get(self, request, pk=None):
        target = self.target(request, pk)
        return self.render_form(request, target, InspectionPlanForm(instance=target, user=request.user))

    def post(self, request, pk=None):
        target = self.target(request, pk)
        form = InspectionPlanForm(request.POST, instance=target, user=request.user)
        if form.is_valid():
            try:
                saved = run_service(form, lambda: self.call(request, target, dict(form.cleaned_data)))
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
                saved = None
            if saved is not None:
                messages.success(request, _("已保存。"))
                return redirect(saved.get_absolute_url())
        return self.render_form(request, target, form, status=400)


class PlanEditView(PlanCreateView):
    def target(self, request, pk=None):
        return _plan_for_change(request, pk)

    def call(self, request, target, values):
        return services.plan_update(actor=request.user, plan=target, **values)


class PlanSelectView(LoginRequiredMixin, View):
    """按条件选取: the rule (GET) previews the enterprises; ticking them and saving (POST) sets the plan's list.
    With no condition the preview is the department's whole list, to choose by hand."""

    template_name = "inspections/plan_select.html"

    def _rule_form(self, data, plan):
        if data is None:
            saved = plan.selection_rule or {}
            initial = {k: saved.get(k) for k in ("sectors", "scales", "townships", "not_visited_months", "limit")}
            return PlanRuleForm(initial={k: v for k, v in initial.items() if v})
        return PlanRuleForm(data)

    def _preview(self, request, plan, form):
        """The rule's enterprises, or None with the service's message on the form."""
        values = form.rule_values()
        return run_service(
            form,
            lambda: list(services.plan_select_enterprises(actor=request.user, department=plan.department, **values)),
        )

    def _render(self, request, plan, form, preview, errors=(), status=200):
        planned = set(plan.visits.values_list("enterprise_id", flat=True))
        context = {
            "plan": plan,
            "form": form,
            "preview": preview,
            "planned_ids": planned,
            "errors": errors,
            "query": request.GET.urlencode() if request.method == "GET" else "",
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk):
        plan = _plan_for_change(request, pk)
        if "preview" not in request.GET:
            return self._render(request, plan, self._rule_form(None, plan), None)
        form = self._rule_form(request.GET, plan)
        preview = self._preview(request, plan, form) if form.is_valid() else None
        return self._render(request, plan, form, preview, status=200 if preview is not None else 400)

    def post(self, request, pk):
        plan = _plan_for_change(request, pk)
        form = self._rule_form(request.POST, plan)
        if not form.is_valid():
            return self._render(request, plan, form, None, status=400)
        chosen = [int(v) for v in request.POST.getlist("enterprise") if v.isdigit()]
        if request.POST.get("mode") == "append":
            chosen = [*plan.visits.values_list("enterprise_id", flat=True), *chosen]
        rule = services.selection_rule(**form.rule_values()) if form.has_criteria() else None
        try:
            services.plan_set_enterprises(actor=request.user, plan=plan, enterprises=chosen, rule=rule)
        except ValidationError as exc:
            preview = self._preview(request, plan, form)
            return self._render(request, plan, form, preview, errors=exc.messages, status=400)
        messages.success(request, _("已保存检查对象名单，共%(n)s家。") % {"n": len(set(chosen))})
        return redirect(plan.get_absolute_url())
