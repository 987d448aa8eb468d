"""群众举报 pages: the public ones (no login: report, receipt, check, poster) and the staff's triage queue."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from core.evidence import evidence_file_response
from core.forms import run_service
from core.history import history_for
from hazards import public_reports, selectors_public
from hazards.choices import PublicReportStatus
from hazards.forms_public import (
    PublicReportAcceptForm,
    PublicReportForm,
    PublicReportRejectForm,
    PublicReportRewardForm,
    ReceiptCheckForm,
)
from hazards.models_public import format_receipt_code
from hazards.permissions import may_set_reward, may_triage_public_report
from hazards.public_guard import (
    check_refusal_message,
    check_refused,
    client_address,
    submit_refusal_message,
    submit_refused,
)

RECEIPT_SESSION_KEY = "public_report_receipt"
TYPED_FIELDS = ("description", "place", "township", "contact_name", "contact_phone", "latitude", "longitude")


class PublicReportCreateView(View):
    """Anyone, no login: a refused or too frequent submission comes back with everything typed but the files."""

    template_name = "hazards/public_report_form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": PublicReportForm()})

    def post(self, request):
        if submit_refused(request):
            form = PublicReportForm(initial={name: request.POST.get(name, "") for name in TYPED_FIELDS})
            context = {"form": form, "refusal": submit_refusal_message(), "photos_dropped": bool(request.FILES)}
            return render(request, self.template_name, context, status=429)
        form = PublicReportForm(request.POST, request.FILES)
        if form.is_valid():
            values = {k: v for k, v in form.cleaned_data.items() if k != "captcha"}
            report = run_service(
                form, lambda: public_reports.public_report_submit(client_address=client_address(request), **values)
            )
            if report is not None:
                request.session[RECEIPT_SESSION_KEY] = report.receipt_code
                return redirect("public-report-receipt")
        context = {"form": form, "photos_dropped": bool(request.FILES)}
        return render(request, self.template_name, context, status=400)


class PublicReportReceiptView(View):
    """The receipt code of the report just sent, kept in the visitor's session so a reload shows it again."""

    def get(self, request):
        code = request.session.get(RECEIPT_SESSION_KEY)
        if not code:
            return redirect("public-report")
        check_url = f"{reverse('public-report-check')}?code={code}"
        context = {"code": format_receipt_code(code), "check_url": check_url}
        return render(request, "hazards/public_report_receipt.html", context)


class PublicReportCheckView(View):
    """The outcome for a receipt code; a wrong code says only that it was not found."""

    template_name = "hazards/public_report_check.html"

    def get(self, request):
        if "code" not in request.GET:
            return render(request, self.template_name, {"form": ReceiptCheckForm()})
        form = ReceiptCheckForm(request.GET)
        if check_refused(request):
            return render(request, self.template_name, {"form": form, "refusal": check_refusal_message()}, status=429)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        outcome = selectors_public.public_report_outcome(code=form.cleaned_data["code"])
        if outcome is None:
            form.add_error("code", _("未找到该回执码对应的举报，请核对后重新输入。"))
            return render(request, self.template_name, {"form": form}, status=404)
        return render(request, self.template_name, {"form": form, "outcome": outcome})


class PublicReportPosterView(TemplateView):
    """A page to print and post: the address of the report page in large type."""

    template_name = "hazards/public_report_poster.html"

    def get_context_data(self, **kwargs):
        return {"report_url": self.request.build_absolute_uri(reverse("public-report"))}


class PublicReportListView(LoginRequiredMixin, TemplateView):
    template_name = "hazards/public_report_list.html"

    def get_context_data(self, **kwargs):
        filterset = selectors_public.public_report_list(user=self.request.user, filters=self.request.GET)
        rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
        page = Paginator(rows, 50).get_page(self.request.GET.get("page"))
        return {"filterset": filterset, "page": page}


def _report(request, pk):
    return get_object_or_404(selectors_public.public_report_detail_queryset(user=request.user), pk=pk)


def _detail_context(request, report, **forms):
    may_triage = report.status == PublicReportStatus.PENDING and may_triage_public_report(request.user, report)
    may_reward = report.status == PublicReportStatus.ACCEPTED and may_set_reward(request.user)
    context = {"report": report, "may_triage": may_triage, "may_reward": may_reward, "history": history_for(report)}
    if may_triage:
        context["accept_form"] = forms.get("accept") or PublicReportAcceptForm(user=request.user, report=report)
        context["reject_form"] = forms.get("reject") or PublicReportRejectForm()
    if may_reward:
        initial = {f: getattr(report, f) for f in ("reward_status", "reward_amount", "reward_note")}
        context["reward_form"] = forms.get("reward") or PublicReportRewardForm(initial=initial)
    return context


class PublicReportDetailView(LoginRequiredMixin, View):
    def get(self, request, pk):
        report = _report(request, pk)
        return render(request, "hazards/public_report_detail.html", _detail_context(request, report))


class PublicReportActionView(LoginRequiredMixin, View):
    """POST only: accept into a hazard, reject with a reason, or set the reward."""

    MESSAGES = {
        "accept": gettext_lazy("已转为隐患。"),
        "reject": gettext_lazy("已不予受理，举报人凭回执码可以看到理由。"),
        "reward": gettext_lazy("举报奖励已登记。"),
    }

    def post(self, request, pk, action):
        report = _report(request, pk)
        allowed = may_set_reward(request.user) if action == "reward" else may_triage_public_report(request.user, report)
        if not allowed:
            raise PermissionDenied(_("您无权处理该举报。"))
        form, call = self._form_and_call(request, report, action)
        if form.is_valid() and run_service(form, lambda: call(form.cleaned_data)):
            messages.success(request, str(self.MESSAGES[action]))
            return redirect("hazards:public-report-detail", pk=report.pk)
        for error in form.non_field_errors():  # e.g. handled meanwhile by someone else: shown above the page
            messages.error(request, error)
        context = _detail_context(request, report, **{action: form})
        return render(request, "hazards/public_report_detail.html", context, status=400)

    def _form_and_call(self, request, report, action):
        actor = request.user
        if action == "accept":
            form = PublicReportAcceptForm(request.POST, user=actor, report=report)
            return form, lambda data: public_reports.public_report_accept(actor=actor, report=report, **data)
        if action == "reject":
            form = PublicReportRejectForm(request.POST)
            return form, lambda data: public_reports.public_report_reject(
                actor=actor, report=report, reason=data["reason"]
            )
        form = PublicReportRewardForm(request.POST)
        return form, lambda data: public_reports.public_report_set_reward(
            actor=actor,
            report=report,
            status=data["reward_status"],
            amount=data["reward_amount"],
            note=data["reward_note"],
        )


class PublicReportPhotoView(LoginRequiredMixin, View):
    """A report's photo, to those who may see the report."""

    def get(self, request, pk):
        photo = get_object_or_404(selectors_public.public_report_photo_queryset(user=request.user), pk=pk)
        return evidence_file_response(photo.file, filename=photo.original_name, content_type=photo.content_type)
