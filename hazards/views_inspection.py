"""日周月排查 pages: the unit's overview, the enterprise page's fragment, recording a check, a check's page."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.choices import OrgUnitKind, Sector
from core.forms import run_service
from core.idempotency import create_once
from core.models import OrgUnit
from hazards import selectors_inspection as selectors
from hazards.cadence import period_label, period_start
from hazards.choices import Cadence
from hazards.forms_inspection import SelfInspectionForm
from hazards.models import Checklist
from hazards.permissions import may_record_self_inspection
from hazards.self_inspection import self_inspection_record


def _enterprise_to_record(request, pk):
    enterprise = get_object_or_404(selectors.enterprise_queryset(user=request.user), pk=pk)
    if not may_record_self_inspection(request.user, enterprise):
        raise PermissionDenied(_("您只能为本乡镇（街道）属地或本部门监管的生产经营单位记录自查。"))
    return enterprise


class SelfInspectionStatusView(LoginRequiredMixin, TemplateView):
    """The unit's enterprises with their checklists, last check and missed periods; the most missed first."""

    template_name = "hazards/self_inspection_list.html"

    def get_context_data(self, **kwargs):
        user, params = self.request.user, self.request.GET
        filterset = selectors.assignment_list(user=user, filters=params)
        rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
        statuses = selectors.check_statuses(rows, today=timezone.localdate())
        if params.get("missed") == "1":
            statuses = [s for s in statuses if s.missed]
        statuses.sort(key=lambda s: -s.missed_count)  # stable: by name within the same count
        page = Paginator(statuses, 50).get_page(params.get("page"))
        for status in page:
            status.can_record = may_record_self_inspection(user, status.enterprise)
        return {
            "filterset": filterset,
            "page": page,
            "missed_total": sum(1 for s in statuses if s.missed),
            "townships": OrgUnit.objects.visible_to(user).filter(kind=OrgUnitKind.TOWNSHIP).order_by("sort_order"),
            "sectors": Sector.choices,
            "cadences": Cadence.choices,
        }


class EnterpriseSelfInspectionView(LoginRequiredMixin, TemplateView):
    """A fragment the enterprise page loads with htmx, so core knows nothing of hazards."""

    template_name = "hazards/_self_inspection_enterprise.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        enterprise = get_object_or_404(selectors.enterprise_queryset(user=user), pk=kwargs["pk"])
        data = selectors.enterprise_self_inspections(user=user, enterprise=enterprise, today=timezone.localdate())
        return {**data, "enterprise": enterprise, "can_record": may_record_self_inspection(user, enterprise)}


class ChecklistChoiceView(LoginRequiredMixin, TemplateView):
    template_name = "hazards/self_inspection_choose.html"

    def get_context_data(self, **kwargs):
        enterprise = _enterprise_to_record(self.request, kwargs["enterprise_pk"])
        return {"enterprise": enterprise, "checklists": selectors.recordable_checklists(enterprise=enterprise)}


class SelfInspectionRecordView(LoginRequiredMixin, View):
    """Record this period's check; a refused form comes back with every answer as it was typed."""

    template_name = "hazards/self_inspection_form.html"

    def _context(self, request, enterprise_pk, checklist_pk):
        enterprise = _enterprise_to_record(request, enterprise_pk)
        checklist = get_object_or_404(Checklist.objects.filter(is_active=True), pk=checklist_pk)
        today = timezone.localdate()
        return {
            "enterprise": enterprise,
            "checklist": checklist,
            "items": list(checklist.items.order_by("order", "pk")),
            "period": period_label(period_start(today, checklist.cadence), checklist.cadence),
        }

    def get(self, request, enterprise_pk, checklist_pk):
        context = self._context(request, enterprise_pk, checklist_pk)
        return render(request, self.template_name, {**context, "form": SelfInspectionForm(items=context["items"])})

    def post(self, request, enterprise_pk, checklist_pk):
        context = self._context(request, enterprise_pk, checklist_pk)
        form = SelfInspectionForm(request.POST, items=context["items"])
        if form.is_valid():
            outcome = run_service(
                form,
                lambda: create_once(
                    request,
                    kind="self_inspection",
                    create=lambda: self_inspection_record(
                        actor=request.user,
                        enterprise=context["enterprise"],
                        checklist=context["checklist"],
                        performed_on=form.cleaned_data["performed_on"],
                        results=form.results(),
                        note=form.cleaned_data["note"],
                    ),
                ),
            )
            if outcome and outcome.replayed:
                messages.info(request, _("该记录已提交，未重复保存。"))
                return redirect("hazards:self-inspection-detail", pk=outcome.record.pk)
            if outcome:
                inspection = outcome.record
                found = inspection.findings.count()
                messages.success(
                    request,
                    _("自查已记录。发现问题%(n)d项，已登记为自查自报隐患。") % {"n": found}
                    if found
                    else _("自查已记录，检查项全部正常。"),
                )
                return redirect("hazards:self-inspection-detail", pk=inspection.pk)
        return render(request, self.template_name, {**context, "form": form}, status=400)


class SelfInspectionDetailView(LoginRequiredMixin, TemplateView):
    template_name = "hazards/self_inspection_detail.html"

    def get_context_data(self, **kwargs):
        inspection = get_object_or_404(selectors.self_inspection_queryset(user=self.request.user), pk=kwargs["pk"])
        return {"inspection": inspection, "items_count": inspection.checklist.items.count()}
