from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.forms import run_service
from core.import_views import SpreadsheetExportView
from tasks import selectors, services, workflow
from tasks.filtersets import MeasureFilterSet
from tasks.forms import DecisionForm, ExtensionForm, MeasureForm
from tasks.models import Milestone, ProgressReport, ReportEvidence, ReportTransition, WorkItem
from tasks.periods import period_label, period_start
from tasks.permissions import may_manage_measures, may_review, may_write_reports


def measure_list(request):
    """The FilterSet over the person's measures, as the list page and its Excel export use it."""
    return MeasureFilterSet(
        request.GET, queryset=selectors.measure_queryset(user=request.user).order_by("deadline", "pk")
    )


class MeasureListView(LoginRequiredMixin, TemplateView):
    template_name = "tasks/measure_list.html"

    def get_context_data(self, **kwargs):
        filterset = measure_list(self.request)
        rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
        return {
            "filterset": filterset,
            "page": Paginator(rows, 50).get_page(self.request.GET.get("page")),
            "query": self.request.GET.urlencode(),
            **selectors.measure_filter_choices(user=self.request.user, year=self.request.GET.get("year")),
        }


class MeasureDetailView(LoginRequiredMixin, TemplateView):
    template_name = "tasks/measure_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        measure = get_object_or_404(
            selectors.measure_queryset(user=user).prefetch_related(
                Prefetch("milestones", queryset=Milestone.objects.order_by("due_date")),
                Prefetch(
                    "reports",
                    queryset=ProgressReport.objects.select_related("created_by", "reviewed_by")
                    .prefetch_related(
                        Prefetch("evidence", queryset=ReportEvidence.objects.order_by("pk")),
                        Prefetch(
                            "transitions",
                            queryset=ReportTransition.objects.select_related("actor").order_by("at", "pk"),
                        ),
                    )
                    .order_by("-period_start"),
                ),
            ),
            pk=kwargs["pk"],
        )
        current = period_start(timezone.localdate(), measure.frequency)
        return {
            "measure": measure,
            "extensions": measure.extension_requests.select_related("requested_by", "decided_by"),
            "can_write": may_write_reports(user, measure),
            "can_review": may_review(user, measure),
            "can_manage": may_manage_measures(user, measure.lead_unit_id),
            "current_period": period_label(current, measure.frequency),
            "has_current_report": any(r.period_start == current for r in measure.reports.all()),
            "extension_form": ExtensionForm(),
        }


class MeasureCreateView(LoginRequiredMixin, View):
    """Break a work item or key action into measures, for one or many units at once."""

    template_name = "tasks/measure_form.html"

    def _entry(self, request):
        if request.GET.get("key_action"):
            return get_object_or_404(selectors.key_action_queryset(user=request.user), pk=request.GET["key_action"])
        return get_object_or_404(selectors.work_item_queryset(user=request.user), pk=request.GET.get("work_item"))

    def get(self, request):
        entry = self._entry(request)
        return render(request, self.template_name, {"form": MeasureForm(entry=entry), "entry": entry})

    def post(self, request):
        entry = self._entry(request)
        form = MeasureForm(request.POST, entry=entry)
        if form.is_valid():
            try:
                created = run_service(
                    form, lambda: services.measure_create(actor=request.user, entry=entry, **form.cleaned_data)
                )
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
                created = None
            if created:
                messages.success(request, _("已分解%(n)d条具体措施。") % {"n": len(created)})
                url = "work-item-detail" if isinstance(entry, WorkItem) else "key-action-detail"
                return redirect(url, pk=entry.pk)
        return render(request, self.template_name, {"form": form, "entry": entry}, status=400)


class ExtensionCreateView(LoginRequiredMixin, View):
    def post(self, request, pk):
        measure = get_object_or_404(selectors.measure_queryset(user=request.user), pk=pk)
        form = ExtensionForm(request.POST)
        if form.is_valid() and run_service(
            form, lambda: workflow.extension_request(actor=request.user, measure=measure, **form.cleaned_data)
        ):
            messages.success(request, _("延期申请已提交，等待牵头单位审批。"))
            return redirect("measure-detail", pk=pk)
        return render(request, "tasks/extension_form.html", {"form": form, "measure": measure}, status=400)


class ExtensionDecideView(LoginRequiredMixin, View):
    def post(self, request, pk, decision):
        extension = get_object_or_404(selectors.extension_queryset(user=request.user), pk=pk)
        form = DecisionForm(request.POST)
        form.is_valid()
        call = workflow.extension_approve if decision == "approve" else workflow.extension_refuse
        if run_service(form, lambda: call(actor=request.user, request=extension, note=form.cleaned_data["note"])):
            messages.success(request, _("已审批延期申请。"))
        else:
            messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
        return redirect("measure-detail", pk=extension.measure_id)


class MeasureExportView(SpreadsheetExportView):
    """The list page's rows, with its filters, as an Excel file."""

    filename = "measures"

    def filterset(self, request):
        return measure_list(request)

    def workbook(self, queryset):
        from tasks.excel import measures_workbook

        return measures_workbook(queryset)
