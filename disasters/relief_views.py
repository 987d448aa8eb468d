"""救灾救助 pages (item 18): the events, one event's relief page (every household with what it is owed and paid,
village and fund totals, the unpaid, reconstruction, dispatches), a household, and the forms that write through
disasters.relief_services."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.forms import run_service
from core.history import history_for
from disasters import relief_selectors as selectors
from disasters import relief_services as services
from disasters.models import SupplyItem
from disasters.models.relief import ReconstructionStage
from disasters.relief_forms import (
    DisasterEventForm,
    ReconstructionAdvanceForm,
    ReconstructionCreateForm,
    ReliefDispatchForm,
    ReliefEntitlementForm,
    ReliefHouseholdForm,
    ReliefPaymentForm,
)
from disasters.relief_permissions import may_manage_events, may_write_for_village, writes_some_village


def _call(form, call):
    try:
        return run_service(form, call)
    except PermissionDenied as exc:
        form.add_error(None, str(exc))
        return None


class ReliefEventListView(LoginRequiredMixin, TemplateView):
    template_name = "disasters/relief_event_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        filterset = selectors.event_list(user=user, filters=self.request.GET)
        rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
        return {
            "filterset": filterset,
            "page": Paginator(rows.order_by("-started_on", "-pk"), 50).get_page(self.request.GET.get("page")),
            "can_create": may_manage_events(user),
        }


class ReliefEventDetailView(LoginRequiredMixin, TemplateView):
    """The relief page of one event; a township person sees the households of their own villages."""

    template_name = "disasters/relief_event_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        event = get_object_or_404(selectors.event_queryset(user=user), pk=kwargs["pk"])
        households = list(selectors.event_households(user=user, event=event))
        reconstructions = list(selectors.event_reconstructions(user=user, event=event))
        villages = selectors.village_totals(user=user, event=event)
        return {
            "event": event,
            "households": households,
            "unpaid": [h for h in households if h.outstanding > 0],
            "villages": villages,
            "funds": selectors.fund_totals(user=user, event=event),
            "totals": {
                "owed": sum((h.owed for h in households), 0),
                "paid": sum((h.paid for h in households), 0),
                "outstanding": sum((h.outstanding for h in households), 0),
            },
            "reconstructions": reconstructions,
            "completed": sum(1 for r in reconstructions if r.stage == ReconstructionStage.COMPLETED),
            "dispatches": selectors.event_dispatches(user=user, event=event),
            "can_write": writes_some_village(user),
            "can_manage": may_manage_events(user),
        }


class _FormPage(LoginRequiredMixin, View):
    template_name = "disasters/relief_form.html"
    title = ""

    def page(self, request, form, back, status=200, **extra):
        context = {"form": form, "title": self.title, "back": back} | extra
        return render(request, self.template_name, context, status=status)


class ReliefEventCreateView(_FormPage):
    title = _("登记灾害事件")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_manage_events(request.user):
            raise PermissionDenied(_("只有县应急管理员或救灾科可以登记灾害事件。"))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.page(request, DisasterEventForm(), reverse("disasters:relief-event-list"))

    def post(self, request):
        form = DisasterEventForm(request.POST)
        if form.is_valid():
            event = _call(form, lambda: services.disaster_event_create(actor=request.user, **form.cleaned_data))
            if event:
                messages.success(request, _("已登记灾害事件%(name)s。") % {"name": event.name})
                return redirect(event)
        return self.page(request, form, reverse("disasters:relief-event-list"), status=400)


def _event_for_writer(request, pk):
    event = get_object_or_404(selectors.event_queryset(user=request.user), pk=pk)
    if not writes_some_village(request.user):
        raise PermissionDenied(_("您只能登记本乡镇（街道）所辖村（社区）的救灾救助信息。"))
    return event


class ReliefHouseholdCreateView(_FormPage):
    title = _("登记受灾户")

    def _form(self, request, event, data=None):
        villages = [v for v in selectors.area_villages(event=event) if may_write_for_village(request.user, v)]
        return ReliefHouseholdForm(data, villages=villages)

    def get(self, request, pk):
        event = _event_for_writer(request, pk)
        return self.page(request, self._form(request, event), event.get_absolute_url(), event=event)

    def post(self, request, pk):
        event = _event_for_writer(request, pk)
        form = self._form(request, event, request.POST)
        if form.is_valid():
            values = form.cleaned_data
            household = _call(form, lambda: services.relief_household_create(actor=request.user, event=event, **values))
            if household:
                messages.success(request, _("已登记受灾户%(name)s。") % {"name": household.head_name})
                return redirect(household)
        return self.page(request, form, event.get_absolute_url(), status=400, event=event)


class ReliefDispatchCreateView(_FormPage):
    title = _("调拨救灾物资")

    def _form(self, request, event, data=None):
        villages = [v for v in selectors.area_villages(event=event) if may_write_for_village(request.user, v)]
        items = (
            SupplyItem.objects.visible_to(request.user)
            .filter(quantity__gt=0)
            .select_related("depot")
            .order_by("depot__name", "category", "name")
        )
        return ReliefDispatchForm(data, villages=villages, items=items)

    def get(self, request, pk):
        event = _event_for_writer(request, pk)
        return self.page(request, self._form(request, event), event.get_absolute_url(), event=event)

    def post(self, request, pk):
        event = _event_for_writer(request, pk)
        form = self._form(request, event, request.POST)
        if form.is_valid():
            values = form.cleaned_data
            dispatch = _call(form, lambda: services.relief_dispatch_create(actor=request.user, event=event, **values))
            if dispatch:
                messages.success(request, _("已调拨%(item)s %(n)s。") % {"item": dispatch.item, "n": dispatch.quantity})
                return redirect(event)
        return self.page(request, form, event.get_absolute_url(), status=400, event=event)


def _household(request, pk):
    return get_object_or_404(selectors.household_queryset(user=request.user), pk=pk)


class ReliefHouseholdDetailView(LoginRequiredMixin, TemplateView):
    template_name = "disasters/relief_household_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        household = get_object_or_404(selectors.with_totals(selectors.household_queryset(user=user)), pk=kwargs["pk"])
        reconstruction = getattr(household, "reconstruction", None)
        return {
            "household": household,
            "identity": selectors.identity_of(user, household),
            "entitlements": household.entitlements.order_by("kind", "period"),
            "payments": household.payments.select_related("recorded_by").order_by("paid_on", "pk"),
            "reconstruction": reconstruction,
            "steps": reconstruction.steps.select_related("actor") if reconstruction else [],
            "can_write": may_write_for_village(user, household.village),
            "history": history_for(household),
        }


class _HouseholdFormPage(_FormPage):
    form_class = None

    def _household(self, request, pk):
        household = _household(request, pk)
        if not may_write_for_village(request.user, household.village):
            raise PermissionDenied(_("您只能登记本乡镇（街道）所辖村（社区）的救灾救助信息。"))
        return household

    def make_form(self, household, data=None):
        return self.form_class(data)

    def get(self, request, pk):
        household = self._household(request, pk)
        return self.page(request, self.make_form(household), household.get_absolute_url(), household=household)

    def post(self, request, pk):
        household = self._household(request, pk)
        form = self.make_form(household, request.POST)
        if form.is_valid() and _call(form, lambda: self.save(request, household, form)):
            messages.success(request, _("已保存。"))
            return redirect(household)
        return self.page(request, form, household.get_absolute_url(), status=400, household=household)


class ReliefEntitlementCreateView(_HouseholdFormPage):
    title = _("核定救助")
    form_class = ReliefEntitlementForm

    def save(self, request, household, form):
        return services.relief_entitlement_create(actor=request.user, household=household, **form.cleaned_data)


class ReliefPaymentCreateView(_HouseholdFormPage):
    title = _("登记救助发放")
    form_class = ReliefPaymentForm

    def save(self, request, household, form):
        return services.relief_payment_create(actor=request.user, household=household, **form.cleaned_data)


class ReliefReconstructionView(_HouseholdFormPage):
    """登记倒损住房 when the household has none; otherwise advance its reconstruction."""

    title = _("倒损住房与重建进度")

    def make_form(self, household, data=None):
        exists = hasattr(household, "reconstruction")
        return (ReconstructionAdvanceForm if exists else ReconstructionCreateForm)(data)

    def save(self, request, household, form):
        if isinstance(form, ReconstructionCreateForm):
            return services.house_reconstruction_create(actor=request.user, household=household, **form.cleaned_data)
        return services.reconstruction_advance(
            actor=request.user, reconstruction=household.reconstruction, **form.cleaned_data
        )
