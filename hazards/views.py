from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.evidence import evidence_file_response
from core.forms import run_service
from core.idempotency import create_once
from hazards import selectors, services, workflow
from hazards.choices import HAZARD_STATUS_CSS, HazardStatus
from hazards.forms import HazardEditForm, HazardForm, TransitionForm
from hazards.models import HazardEvidence
from hazards.permissions import may_edit


class HazardListView(LoginRequiredMixin, TemplateView):
    template_name = "hazards/hazard_list.html"

    def get_context_data(self, **kwargs):
        filterset = selectors.hazard_list(user=self.request.user, filters=self.request.GET)
        rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
        return {
            "filterset": filterset,
            "page": Paginator(rows.order_by("-found_on", "-pk"), 50).get_page(self.request.GET.get("page")),
            "query": self.request.GET.urlencode(),
            "today": timezone.localdate(),
        }


class HazardDetailView(LoginRequiredMixin, TemplateView):
    template_name = "hazards/hazard_detail.html"

    def get_context_data(self, **kwargs):
        return _detail_context(self.request, kwargs["pk"])


def _detail_context(request, pk, failed_form=None):
    hazard = get_object_or_404(selectors.hazard_detail_queryset(user=request.user), pk=pk)
    moves = workflow.allowed_moves(request.user, hazard)
    forms = [
        (
            to,
            name,
            failed_form if failed_form and failed_form.data.get("to") == to else TransitionForm(initial={"to": to}),
        )
        for to, name in moves
    ]
    return {
        "hazard": hazard,
        "moves": forms,
        "can_edit": may_edit(request.user, hazard),
        "status_css": HAZARD_STATUS_CSS[HazardStatus(hazard.status)],
    }


class HazardTransitionView(LoginRequiredMixin, View):
    def post(self, request, pk):
        hazard = get_object_or_404(selectors.hazard_queryset(user=request.user), pk=pk)
        form = TransitionForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                moved = run_service(
                    form,
                    lambda: workflow.hazard_transition(
                        hazard=hazard,
                        actor=request.user,
                        to=form.cleaned_data["to"],
                        comment=form.cleaned_data["comment"],
                        files=form.cleaned_data["photos"],
                    ),
                )
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
                moved = None
            if moved:
                messages.success(request, _("已更新为“%(s)s”。") % {"s": moved.get_status_display()})
                return redirect("hazards:detail", pk=pk)
        messages.error(request, "；".join(str(e) for errors in form.errors.values() for e in errors))
        return render(request, "hazards/hazard_detail.html", _detail_context(request, pk, form), status=400)


class HazardCreateView(LoginRequiredMixin, View):
    template_name = "hazards/hazard_form.html"

    def get(self, request):
        initial = {"enterprise": request.GET.get("enterprise")} if request.GET.get("enterprise") else {}
        return render(request, self.template_name, {"form": HazardForm(user=request.user, initial=initial)})

    def post(self, request):
        form = HazardForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            values = {k: v for k, v in form.cleaned_data.items() if k != "photos"}
            outcome = _call(
                form,
                lambda: create_once(
                    request,
                    kind="hazard",
                    create=lambda: services.hazard_create(
                        actor=request.user, files=form.cleaned_data["photos"], **values
                    ),
                ),
            )
            if outcome and outcome.replayed:
                messages.info(request, _("该记录已提交，未重复保存。"))
                return redirect("hazards:detail", pk=outcome.record.pk)
            if outcome:
                hazard = outcome.record
                messages.success(request, _("已登记隐患%(n)s。") % {"n": hazard.number})
                return redirect("hazards:detail", pk=hazard.pk)
        return render(request, self.template_name, {"form": form}, status=400)


class HazardEditView(LoginRequiredMixin, View):
    template_name = "hazards/hazard_form.html"

    def _context(self, request, pk, data=None, files=None):
        hazard = get_object_or_404(selectors.hazard_queryset(user=request.user), pk=pk)
        if not may_edit(request.user, hazard):
            raise PermissionDenied(_("您无权修改该隐患。"))
        form = HazardEditForm(
            data, files, instance=hazard, user=request.user, editable=services.editable_fields(hazard)
        )
        return hazard, form

    def get(self, request, pk):
        hazard, form = self._context(request, pk)
        return render(request, self.template_name, {"form": form, "hazard": hazard})

    def post(self, request, pk):
        hazard, form = self._context(request, pk, request.POST, request.FILES)
        if form.is_valid():
            values = {k: v for k, v in form.cleaned_data.items() if k not in ("photos", "comment")}
            updated = _call(
                form,
                lambda: services.hazard_update(
                    actor=request.user,
                    hazard=hazard,
                    comment=form.cleaned_data["comment"],
                    files=form.cleaned_data["photos"],
                    **values,
                ),
            )
            if updated:
                return redirect("hazards:detail", pk=pk)
        return render(request, self.template_name, {"form": form, "hazard": hazard}, status=400)


def _call(form, call):
    try:
        return run_service(form, call)
    except PermissionDenied as exc:
        form.add_error(None, str(exc))
        return None


class HazardEvidenceView(LoginRequiredMixin, View):
    """Hazard photos are served here, to those who may see the hazard, never from a public media URL."""

    def get(self, request, pk):
        evidence = get_object_or_404(
            HazardEvidence.objects.filter(hazard__in=selectors.hazard_queryset(user=request.user)), pk=pk
        )
        return evidence_file_response(
            evidence.file, filename=evidence.original_name, content_type=evidence.content_type
        )
