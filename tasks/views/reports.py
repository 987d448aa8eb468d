from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.evidence import evidence_file_response
from core.forms import run_service
from tasks import selectors, workflow
from tasks.forms import ReportForm, ReturnForm
from tasks.models import ReportEvidence, ReportTransition
from tasks.periods import period_label
from tasks.permissions import may_review, may_write_reports


def _report(request, pk):
    return get_object_or_404(
        selectors.report_queryset(user=request.user).prefetch_related(
            Prefetch("evidence", queryset=ReportEvidence.objects.order_by("pk")),
            Prefetch("transitions", queryset=ReportTransition.objects.select_related("actor").order_by("at", "pk")),
        ),
        pk=pk,
    )


class ReportFormView(LoginRequiredMixin, View):
    """Write this period's report for a measure (`measure_pk`) or fix a draft or returned one (`pk`).

    "保存草稿" keeps it; "提交审核" keeps it and sends it to the lead unit. A refused form keeps what was typed.
    """

    template_name = "tasks/report_form.html"

    def _context(self, request, measure_pk=None, pk=None):
        if pk is not None:
            report = _report(request, pk)
            measure = get_object_or_404(selectors.measure_queryset(user=request.user), pk=report.measure_id)
        else:
            report = None
            measure = get_object_or_404(selectors.measure_queryset(user=request.user), pk=measure_pk)
        if not may_write_reports(request.user, measure):
            raise PermissionDenied(_("只有责任单位可以填报该措施的进展。"))
        if report:
            return {
                "measure": measure,
                "report": report,
                "period": period_label(report.period_start, measure.frequency),
                "periods": None,
            }
        periods = selectors.open_periods(measure=measure, today=timezone.localdate())
        return {"measure": measure, "report": None, "period": periods[0][1] if periods else "", "periods": periods}

    def get(self, request, measure_pk=None, pk=None):
        context = self._context(request, measure_pk, pk)
        report = context["report"]
        initial = {f: getattr(report, f) for f in workflow.REPORT_FIELDS} if report else {}
        form = ReportForm(initial=initial, measure=context["measure"], periods=context["periods"])
        return render(request, self.template_name, {**context, "form": form})

    def post(self, request, measure_pk=None, pk=None):
        context = self._context(request, measure_pk, pk)
        form = ReportForm(request.POST, request.FILES, measure=context["measure"], periods=context["periods"])
        if form.is_valid():
            values = {k: v for k, v in form.cleaned_data.items() if k != "evidence"}
            if context["report"] is not None:
                values.pop("period", None)
            files = form.cleaned_data["evidence"]
            report = run_service(form, lambda: self._save(request, context, values, files))
            if report:
                return redirect("report-detail", pk=report.pk)
        return render(request, self.template_name, {**context, "form": form}, status=400)

    def _save(self, request, context, values, files):
        from django.db import transaction

        with transaction.atomic():  # saving and submitting are one step for the person: both or neither
            if context["report"] is None:
                report = workflow.report_create(actor=request.user, measure=context["measure"], files=files, **values)
            else:
                report = workflow.report_update(actor=request.user, report=context["report"], files=files, **values)
            if "submit" in request.POST:
                report = workflow.report_submit(actor=request.user, report=report)
                messages.success(request, _("已提交，等待牵头单位审核。"))
            else:
                messages.success(request, _("草稿已保存。"))
            return report


def _detail_context(request, pk, return_form=None):
    report = _report(request, pk)
    return {
        "report": report,
        "period": period_label(report.period_start, report.measure.frequency),
        "can_write": may_write_reports(request.user, report.measure),
        "can_review": may_review(request.user, report.measure),
        "return_form": return_form or ReturnForm(),
    }


class ReportDetailView(LoginRequiredMixin, TemplateView):
    template_name = "tasks/report_detail.html"

    def get_context_data(self, **kwargs):
        return _detail_context(self.request, kwargs["pk"])


class ReportActionView(LoginRequiredMixin, View):
    """POST-only state changes from the report page: submit, approve, return."""

    def post(self, request, pk, action):
        report = _report(request, pk)
        form = ReturnForm(request.POST) if action == "return" else None
        calls = {
            "submit": lambda: workflow.report_submit(actor=request.user, report=report),
            "approve": lambda: workflow.report_approve(
                actor=request.user, report=report, note=request.POST.get("note", "")
            ),
            "return": lambda: workflow.report_return(
                actor=request.user, report=report, reason=request.POST.get("reason", "")
            ),
        }
        holder = form or ReturnForm()
        if (form is None or form.is_valid()) and run_service(holder, calls[action]):
            messages.success(
                request,
                {
                    "submit": _("已提交审核。"),
                    "approve": _("已审核通过。"),
                    "return": _("已退回，责任单位将收到退回理由。"),
                }[action],
            )
            return redirect("report-detail", pk=pk)
        if action != "return":  # the return form shows its own error beside the reason field
            messages.error(request, "；".join(str(e) for errors in holder.errors.values() for e in errors))
        context = _detail_context(request, pk, return_form=holder if action == "return" else None)
        return render(request, "tasks/report_detail.html", context, status=400)


class EvidenceDownloadView(LoginRequiredMixin, View):
    """Evidence is served here, to those who may see the report, never from a public media URL."""

    def get(self, request, pk):
        evidence = get_object_or_404(
            ReportEvidence.objects.filter(report__in=selectors.report_queryset(user=request.user)), pk=pk
        )
        return evidence_file_response(
            evidence.file, filename=evidence.original_name, content_type=evidence.content_type
        )


class MyTasksView(LoginRequiredMixin, TemplateView):
    """我的任务: what my units must report this period, and what came back."""

    template_name = "tasks/my_tasks.html"

    def get_context_data(self, **kwargs):
        return selectors.my_tasks(user=self.request.user)


class ReviewInboxView(LoginRequiredMixin, TemplateView):
    """待我审核: reports and extension requests waiting for the lead unit the person heads."""

    template_name = "tasks/review_inbox.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return {
            "reports": selectors.reports_awaiting_review(user=user).order_by("submitted_at"),
            "extensions": selectors.extensions_awaiting_decision(user=user).order_by("created_at"),
        }
