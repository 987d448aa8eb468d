"""The safety credit record of an enterprise (安全信用档案) and the county overview by grade."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.choices import OrgUnitKind, Sector
from core.forms import run_service
from core.models import Enterprise, OrgUnit
from inspections import credit_selectors as selectors
from inspections import credit_services as services
from inspections import enterprise_service_selectors as service_selectors
from inspections.credit_choices import GRADE_CSS, CreditGrade
from inspections.credit_rules import GRADE_FLOORS, RULES, SOURCE_LABELS, START_SCORE
from inspections.enterprise_service_forms import CreditNoticeForm


class CreditListView(LoginRequiredMixin, TemplateView):
    template_name = "inspections/credit_list.html"

    def get_context_data(self, **kwargs):
        filterset = selectors.credit_list(user=self.request.user, filters=self.request.GET)
        rows = selectors.credit_list_rows(filterset)
        page = Paginator(rows, 100).get_page(self.request.GET.get("page"))
        for row in page.object_list:
            row.grade_css = GRADE_CSS[CreditGrade(row.credit_grade)]
        return {
            "filterset": filterset,
            "page": page,
            "grade_totals": selectors.grade_totals(rows),
            "townships": OrgUnit.objects.filter(kind=OrgUnitKind.TOWNSHIP, is_active=True).order_by("sort_order"),
            "sectors": Sector.choices,
            "rules": RULES,
            "floors": GRADE_FLOORS,
            "start": START_SCORE,
        }


def _record_context(request, pk, notice_form=None):
    enterprise = get_object_or_404(Enterprise.objects.visible_to(request.user).select_related("township"), pk=pk)
    record = selectors.credit_record(enterprise=enterprise)
    may_issue = services.may_issue_notice(request.user)
    return {
        "enterprise": enterprise,
        "record": record,
        "grade_css": GRADE_CSS[record.grade],
        "source_labels": SOURCE_LABELS,
        "notices": selectors.credit_notices(enterprise=enterprise),
        "rules": RULES,
        "floors": GRADE_FLOORS,
        "may_issue": may_issue,
        "notice_form": notice_form or (CreditNoticeForm() if may_issue else None),
        **service_selectors.enterprise_services_summary(user=request.user, enterprise=enterprise),
    }


class CreditRecordView(LoginRequiredMixin, TemplateView):
    template_name = "inspections/credit_record.html"

    def get_context_data(self, **kwargs):
        return _record_context(self.request, kwargs["pk"])


class CreditNoticeCreateView(LoginRequiredMixin, View):
    def post(self, request, pk):
        enterprise = get_object_or_404(Enterprise.objects.visible_to(request.user), pk=pk)
        if not services.may_issue_notice(request.user):
            raise PermissionDenied(_("只有安委办管理员可以发出警示曝光。"))
        form = CreditNoticeForm(request.POST)
        if form.is_valid():
            call = lambda: services.credit_notice_issue(  # noqa: E731
                actor=request.user, enterprise=enterprise, **form.cleaned_data
            )
            if run_service(form, call) is not None:
                messages.success(request, _("已登记警示曝光。"))
                return redirect("inspections:credit-record", pk=pk)
        return render(request, CreditRecordView.template_name, _record_context(request, pk, form), status=400)
