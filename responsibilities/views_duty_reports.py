"""Pages of the half-year duty reports (半年述职报告): the leader writes and submits, the county office reviews."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from core.forms import run_service
from responsibilities import duty_report_services as services
from responsibilities import duty_selectors as selectors
from responsibilities.duty_forms import DutyReportForm, DutyReportReviewForm
from responsibilities.duty_services import may_keep_duties
from responsibilities.models import DutyReport


class DutyReportWriteView(LoginRequiredMixin, View):
    template_name = "responsibilities/duties_report_form.html"

    def _load(self, request, pk, year, half):
        if half not in (1, 2):
            raise Http404
        leader = get_object_or_404(selectors.leader_queryset(user=request.user), pk=pk)
        if not services.may_write_report(request.user, leader):
            raise PermissionDenied(_("只有领导干部本人可以填写和提交述职报告。"))
        report = DutyReport.objects.filter(leader=leader, year=year, half=half).first()
        return leader, report

    def _render(self, request, leader, report, form, year, half, status=200):
        context = {"leader": leader, "report": report, "form": form, "year": year, "half": half}
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk, year, half):
        leader, report = self._load(request, pk, year, half)
        form = DutyReportForm(initial={"text": report.text if report else ""})
        return self._render(request, leader, report, form, year, half)

    def post(self, request, pk, year, half):
        leader, report = self._load(request, pk, year, half)
        form = DutyReportForm(request.POST)
        if form.is_valid():
            text = form.cleaned_data["text"]

            def save_and_maybe_submit():
                saved = services.duty_report_save(actor=request.user, leader=leader, year=year, half=half, text=text)
                if "submit" in request.POST:
                    saved = services.duty_report_submit(actor=request.user, report=saved)
                return saved

            saved = run_service(form, save_and_maybe_submit)
            if saved is not None:
                messages.success(request, _("已提交。") if "submit" in request.POST else _("已保存。"))
                return redirect("responsibilities:duty-report-detail", pk=saved.pk)
        return self._render(request, leader, report, form, year, half, status=400)


class DutyReportDetailView(LoginRequiredMixin, View):
    template_name = "responsibilities/duties_report_detail.html"

    def _render(self, request, report, form, status=200):
        context = {
            "report": report,
            "form": form,
            "can_review": may_keep_duties(request.user) and report.status == "submitted",
            "can_write": services.may_write_report(request.user, report.leader) and report.status in services.EDITABLE,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk):
        report = get_object_or_404(selectors.duty_report_queryset(user=request.user), pk=pk)
        return self._render(request, report, DutyReportReviewForm())

    def post(self, request, pk):
        report = get_object_or_404(selectors.duty_report_queryset(user=request.user), pk=pk)
        if not may_keep_duties(request.user):
            raise PermissionDenied(_("只有县安委办可以审阅述职报告。"))
        form = DutyReportReviewForm(request.POST)
        if form.is_valid():
            accept = "return" not in request.POST
            note = form.cleaned_data["review_note"]
            saved = run_service(
                form, lambda: services.duty_report_review(actor=request.user, report=report, note=note, accept=accept)
            )
            if saved is not None:
                messages.success(request, _("已审阅。") if accept else _("已退回。"))
                return redirect("responsibilities:duty-report-detail", pk=saved.pk)
        return self._render(request, report, form, status=400)
