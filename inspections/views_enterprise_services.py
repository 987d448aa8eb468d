"""Pages of enterprise services (items 6 and 8): trainings, certificates, insurance and benchmark enterprises."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from core.forms import run_service
from inspections import enterprise_service_selectors as selectors
from inspections import enterprise_services as services
from inspections.credit_choices import EXPIRY_CSS, IncentiveKind, expiry_state
from inspections.enterprise_service_forms import (
    AttendeeForm,
    BenchmarkForm,
    CertificateForm,
    IncentiveForm,
    InsuranceForm,
    TrainingForm,
)


def _page(request, rows, size=100):
    return Paginator(rows, size).get_page(request.GET.get("page"))


def _with_expiry(rows, field):
    today = timezone.localdate()
    for row in rows:
        state = expiry_state(getattr(row, field), today)
        row.expiry_label, row.expiry_css = state.label, EXPIRY_CSS[state]
    return rows


class ServiceFormView(LoginRequiredMixin, View):
    """GET shows the form, POST calls the service through it; refused before the form for those who may not."""

    template_name = "inspections/service_form.html"
    form_class = None
    title = ""
    back_url_name = "inspections:training-list"

    def allowed(self, request):
        return True

    def form_kwargs(self):
        return {}

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.prepare(request, **kwargs)
            if not self.allowed(request):
                raise PermissionDenied(_("您没有登记此项的权限。"))
        return super().dispatch(request, *args, **kwargs)

    def prepare(self, request, **kwargs):
        pass

    def context(self, form):
        return {"form": form, "title": self.title, "back_url": reverse(self.back_url_name)}

    def get(self, request, **kwargs):
        return render(request, self.template_name, self.context(self.form_class(**self.form_kwargs())))

    def post(self, request, **kwargs):
        form = self.form_class(request.POST, **self.form_kwargs())
        if form.is_valid():
            created = run_service(form, lambda: self.call(form.cleaned_data))
            if created is not None:
                messages.success(request, _("已保存。"))
                return redirect(self.success_url(created))
        return render(request, self.template_name, self.context(form), status=400)


class TrainingListView(LoginRequiredMixin, TemplateView):
    template_name = "inspections/training_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        filterset = selectors.training_list(user=user, filters=self.request.GET)
        return {
            "filterset": filterset,
            "page": _page(self.request, selectors.list_rows(filterset)),
            "may_create": services.organizer_choices(user).exists(),
        }


class TrainingDetailView(LoginRequiredMixin, TemplateView):
    template_name = "inspections/training_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        training = get_object_or_404(selectors.training_detail_queryset(user=user), pk=kwargs["pk"])
        may_edit = services.may_organize(user, training.organizer)
        return {
            "training": training,
            "certificates": _with_expiry(list(training.certificates.all()), "expires_on"),
            "may_edit": may_edit,
            "attendee_form": kwargs.get("attendee_form") or (AttendeeForm() if may_edit else None),
        }


class TrainingCreateView(ServiceFormView):
    form_class = TrainingForm
    title = gettext_lazy("登记培训")

    def allowed(self, request):
        return services.organizer_choices(request.user).exists()

    def form_kwargs(self):
        return {"user": self.request.user}

    def call(self, data):
        return services.training_create(actor=self.request.user, **data)

    def success_url(self, training):
        return training.get_absolute_url()


class AttendeeAddView(LoginRequiredMixin, View):
    def post(self, request, pk):
        training = get_object_or_404(selectors.training_queryset(user=request.user), pk=pk)
        if not services.may_organize(request.user, training.organizer):
            raise PermissionDenied(_("只有培训组织单位可以登记参训人员。"))
        form = AttendeeForm(request.POST)
        if form.is_valid():
            call = lambda: services.training_attendee_add(  # noqa: E731
                actor=request.user, training=training, **form.cleaned_data
            )
            if run_service(form, call) is not None:
                messages.success(request, _("已登记参训人员。"))
                return redirect(training.get_absolute_url())
        view = TrainingDetailView(request=request, kwargs={"pk": pk})
        context = view.get_context_data(pk=pk, attendee_form=form)
        return render(request, TrainingDetailView.template_name, context, status=400)


class CertificateListView(LoginRequiredMixin, TemplateView):
    template_name = "inspections/certificate_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        filterset = selectors.certificate_list(user=user, filters=self.request.GET)
        page = _page(self.request, selectors.list_rows(filterset))
        _with_expiry(page.object_list, "expires_on")
        return {
            "filterset": filterset,
            "page": page,
            "may_create": services.writable_enterprises(user).exists(),
        }


class CertificateCreateView(ServiceFormView):
    form_class = CertificateForm
    title = gettext_lazy("登记安全资格证书")
    back_url_name = "inspections:certificate-list"

    def allowed(self, request):
        return services.writable_enterprises(request.user).exists()

    def form_kwargs(self):
        return {"user": self.request.user}

    def call(self, data):
        return services.certificate_create(actor=self.request.user, **data)

    def success_url(self, certificate):
        return reverse("inspections:certificate-list")


class InsuranceListView(LoginRequiredMixin, TemplateView):
    template_name = "inspections/insurance_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        filterset = selectors.insurance_list(user=user, filters=self.request.GET)
        page = _page(self.request, selectors.list_rows(filterset))
        _with_expiry(page.object_list, "ends_on")
        uninsured, expiring = selectors.insurance_gaps(user=user)
        return {
            "filterset": filterset,
            "page": page,
            "uninsured": uninsured,
            "expiring": expiring,
            "may_create": services.writable_enterprises(user).exists(),
        }


class InsuranceCreateView(ServiceFormView):
    form_class = InsuranceForm
    title = gettext_lazy("登记安全生产责任保险")
    back_url_name = "inspections:insurance-list"

    def allowed(self, request):
        return services.writable_enterprises(request.user).exists()

    def form_kwargs(self):
        return {"user": self.request.user}

    def call(self, data):
        return services.insurance_create(actor=self.request.user, **data)

    def success_url(self, policy):
        return reverse("inspections:insurance-list")


class BenchmarkListView(LoginRequiredMixin, TemplateView):
    template_name = "inspections/benchmark_list.html"

    def get_context_data(self, **kwargs):
        rows = selectors.benchmark_queryset(user=self.request.user)
        year = self.request.GET.get("year")
        if year and year.isdigit():
            rows = rows.filter(year=int(year))
        return {
            "page": _page(self.request, rows),
            "year": year,
            "may_manage": services.may_manage_benchmarks(self.request.user),
            "incentive_kinds": IncentiveKind.choices,
        }


class BenchmarkCreateView(ServiceFormView):
    form_class = BenchmarkForm
    title = gettext_lazy("评定标杆企业")
    back_url_name = "inspections:benchmark-list"

    def allowed(self, request):
        return services.may_manage_benchmarks(request.user)

    def call(self, data):
        return services.benchmark_create(actor=self.request.user, **data)

    def success_url(self, benchmark):
        return reverse("inspections:benchmark-list")


class IncentiveAddView(BenchmarkCreateView):
    form_class = IncentiveForm
    title = gettext_lazy("登记激励措施")

    def call(self, data):
        return services.incentive_add(actor=self.request.user, **data)
