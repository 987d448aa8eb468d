"""Pages of emergency plans (预案) and drills (演练)."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from core.evidence import evidence_file_response
from disasters import readiness_selectors as selectors
from disasters import readiness_services as services
from disasters.models import DrillEvidence
from disasters.readiness_choices import DrillKind
from disasters.readiness_forms import DrillForm, EmergencyPlanForm
from disasters.readiness_permissions import may_change_drill, may_change_plan, may_register
from disasters.views_readiness import ServiceFormView


class EmergencyPlanListView(LoginRequiredMixin, TemplateView):
    template_name = "disasters/readiness_plan_list.html"

    def get_context_data(self, **kwargs):
        filterset = selectors.emergency_plan_list(user=self.request.user, filters=self.request.GET)
        rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
        return {
            "filterset": filterset,
            "page": Paginator(rows, 50).get_page(self.request.GET.get("page")),
            "units": selectors.owner_units(user=self.request.user),
            "can_create": may_register(self.request.user),
        }


class EmergencyPlanDetailView(LoginRequiredMixin, TemplateView):
    template_name = "disasters/readiness_plan_detail.html"

    def get_context_data(self, **kwargs):
        plan = get_object_or_404(selectors.emergency_plan_queryset(user=self.request.user), pk=kwargs["pk"])
        return {
            "plan": plan,
            "drills": selectors.drill_queryset(user=self.request.user).filter(plan=plan)[:20],
            "can_change": may_change_plan(self.request.user, plan),
        }


class EmergencyPlanFileView(LoginRequiredMixin, View):
    """The plan's text, served to those who may see the plan, never from a public media URL."""

    def get(self, request, pk):
        plan = get_object_or_404(selectors.emergency_plan_queryset(user=request.user), pk=pk)
        if not plan.file:
            raise Http404
        return evidence_file_response(plan.file, filename=plan.file_name, content_type=plan.file_type)


class EmergencyPlanCreateView(ServiceFormView):
    title = gettext_lazy("登记应急预案")

    def make_form(self, request, target, data=None, files=None):
        return EmergencyPlanForm(data, files, user=request.user, initial={"is_current": True})

    def _values(self, form):
        values = dict(form.cleaned_data)
        return values.pop("upload", None), values

    def call(self, request, target, form):
        upload, values = self._values(form)
        return services.emergency_plan_create(actor=request.user, file=upload, **values)

    def done_url(self, saved, target):
        return reverse("disasters:emergency-plan-detail", args=[saved.pk])

    def back_url(self, target):
        return reverse("disasters:emergency-plan-list")


class EmergencyPlanEditView(EmergencyPlanCreateView):
    def target(self, request, pk):
        plan = get_object_or_404(selectors.emergency_plan_queryset(user=request.user), pk=pk)
        if not may_change_plan(request.user, plan):
            raise PermissionDenied(_("您无权修改该应急预案。"))
        return plan

    def heading(self, target):
        return _("修改应急预案：%(title)s") % {"title": target.title}

    def make_form(self, request, target, data=None, files=None):
        return EmergencyPlanForm(data, files, instance=target, user=request.user)

    def call(self, request, target, form):
        upload, values = self._values(form)
        return services.emergency_plan_update(actor=request.user, plan=target, file=upload, **values)

    def back_url(self, target):
        return reverse("disasters:emergency-plan-detail", args=[target.pk])


class DrillListView(LoginRequiredMixin, TemplateView):
    template_name = "disasters/readiness_drill_list.html"

    def get_context_data(self, **kwargs):
        filterset = selectors.drill_list(user=self.request.user, filters=self.request.GET)
        rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
        this_year = timezone.localdate().year
        return {
            "filterset": filterset,
            "page": Paginator(rows, 50).get_page(self.request.GET.get("page")),
            "counts": selectors.drill_counts(rows),
            "units": selectors.owner_units(user=self.request.user),
            "years": range(this_year, this_year - 6, -1),
            "kinds": DrillKind.choices,
            "can_create": may_register(self.request.user),
        }


class DrillDetailView(LoginRequiredMixin, TemplateView):
    template_name = "disasters/readiness_drill_detail.html"

    def get_context_data(self, **kwargs):
        drill = get_object_or_404(selectors.drill_detail_queryset(user=self.request.user), pk=kwargs["pk"])
        return {"drill": drill, "can_change": may_change_drill(self.request.user, drill)}


class DrillEvidenceView(LoginRequiredMixin, View):
    def get(self, request, pk):
        evidence = get_object_or_404(
            DrillEvidence.objects.filter(drill__in=selectors.drill_queryset(user=request.user)), pk=pk
        )
        return evidence_file_response(
            evidence.file, filename=evidence.original_name, content_type=evidence.content_type
        )


class DrillCreateView(ServiceFormView):
    title = gettext_lazy("登记应急演练")

    def make_form(self, request, target, data=None, files=None):
        return DrillForm(data, files, user=request.user)

    def _values(self, form):
        values = dict(form.cleaned_data)
        return values.pop("files", []), values

    def call(self, request, target, form):
        files, values = self._values(form)
        return services.drill_create(actor=request.user, files=files, **values)

    def done_url(self, saved, target):
        return reverse("disasters:drill-detail", args=[saved.pk])

    def back_url(self, target):
        return reverse("disasters:drill-list")


class DrillEditView(DrillCreateView):
    def target(self, request, pk):
        drill = get_object_or_404(selectors.drill_queryset(user=request.user), pk=pk)
        if not may_change_drill(request.user, drill):
            raise PermissionDenied(_("您无权修改该演练记录。"))
        return drill

    def heading(self, target):
        return _("修改演练记录：%(title)s") % {"title": target.title}

    def make_form(self, request, target, data=None, files=None):
        return DrillForm(data, files, instance=target, user=request.user)

    def call(self, request, target, form):
        files, values = self._values(form)
        return services.drill_update(actor=request.user, drill=target, files=files, **values)

    def back_url(self, target):
        return reverse("disasters:drill-detail", args=[target.pk])
