from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.forms import run_service
from core.history import history_for
from disasters import selectors, services
from disasters.forms import RiskPointForm, RiskZoneForm
from disasters.patrol_selectors import risk_point_patrol_summary
from disasters.permissions import may_keep_point
from disasters.shelter_selectors import shelter_coverage
from disasters.station_selectors import station_queryset
from disasters.supply_selectors import low_stock_items
from disasters.warning_selectors import warning_queryset


class DisastersIndexView(LoginRequiredMixin, TemplateView):
    template_name = "disasters/index.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        points = selectors.risk_point_queryset(user=user)
        return {
            "totals": selectors.risk_point_totals(points),
            "warnings_in_force": warning_queryset(user=user).filter(lifted_at__isnull=True).count(),
            "coverage": shelter_coverage(user=user),
            "low_stock": low_stock_items(user=user).count(),
        }


class RiskPointListView(LoginRequiredMixin, TemplateView):
    template_name = "disasters/risk_point_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        filterset = selectors.risk_point_list(user=user, filters=self.request.GET)
        rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
        return {
            "filterset": filterset,
            "townships": selectors.township_choices(user=user),
            "totals": selectors.risk_point_totals(rows),
            "page": Paginator(rows.order_by("township__sort_order", "code"), 50).get_page(self.request.GET.get("page")),
            "query": self.request.GET.urlencode(),
        }


class RiskPointDetailView(LoginRequiredMixin, TemplateView):
    template_name = "disasters/risk_point_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        point = get_object_or_404(selectors.risk_point_detail_queryset(user=user), pk=kwargs["pk"])
        return {
            "point": point,
            "risk_point": point,
            "can_edit": may_keep_point(user, point.township, point.supervising_department),
            "history": history_for(point),
            "patrol_summary": risk_point_patrol_summary(risk_point=point, on=timezone.localdate(), user=user),
            "stations": station_queryset(user=user).filter(risk_point=point).order_by("code"),
        }


class _FormView(LoginRequiredMixin, View):
    """Create or edit through a service; a refusal re-renders the form with what was typed (status 400)."""

    form_class = None
    template_name = None

    def instance(self, request, pk):
        return None

    def save(self, request, form, instance):
        raise NotImplementedError

    def get(self, request, pk=None):
        instance = self.instance(request, pk)
        form = self.form_class(instance=instance, user=request.user, initial=self.initial(request))
        return render(request, self.template_name, {"form": form, "object": instance})

    def initial(self, request):
        return {}

    def post(self, request, pk=None):
        instance = self.instance(request, pk)
        form = self.form_class(request.POST, instance=instance, user=request.user)
        if form.is_valid():
            try:
                saved = run_service(form, lambda: self.save(request, form, instance))
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
                saved = None
            if saved:
                messages.success(request, _("已保存“%(name)s”。") % {"name": saved})
                return redirect(saved.get_absolute_url())
        return render(request, self.template_name, {"form": form, "object": instance}, status=400)


class RiskPointCreateView(_FormView):
    form_class = RiskPointForm
    template_name = "disasters/risk_point_form.html"

    def initial(self, request):
        towns = selectors.township_choices(user=request.user)
        return {"township": towns[0]} if len(towns) == 1 else {}

    def save(self, request, form, instance):
        return services.risk_point_create(actor=request.user, **form.cleaned_data)


class RiskPointEditView(_FormView):
    form_class = RiskPointForm
    template_name = "disasters/risk_point_form.html"

    def instance(self, request, pk):
        point = get_object_or_404(selectors.risk_point_queryset(user=request.user), pk=pk)
        if not may_keep_point(request.user, point.township, point.supervising_department):
            raise PermissionDenied(_("您只能登记和修改本乡镇（街道）或本部门主管的隐患点。"))
        return point

    def save(self, request, form, instance):
        return services.risk_point_update(actor=request.user, point=instance, **form.cleaned_data)


class RiskZoneListView(LoginRequiredMixin, TemplateView):
    template_name = "disasters/risk_zone_list.html"

    def get_context_data(self, **kwargs):
        filterset = selectors.risk_zone_list(user=self.request.user, filters=self.request.GET)
        rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
        return {
            "filterset": filterset,
            "townships": selectors.township_choices(user=self.request.user),
            "page": Paginator(rows.order_by("township__sort_order", "code"), 50).get_page(self.request.GET.get("page")),
        }


class RiskZoneDetailView(LoginRequiredMixin, TemplateView):
    template_name = "disasters/risk_zone_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        zone = get_object_or_404(selectors.risk_zone_queryset(user=user), pk=kwargs["pk"])
        return {
            "zone": zone,
            "points": selectors.risk_point_queryset(user=user).filter(zones=zone).order_by("code"),
            "can_edit": may_keep_point(user, zone.township),
            "history": history_for(zone),
        }


class RiskZoneCreateView(_FormView):
    form_class = RiskZoneForm
    template_name = "disasters/risk_zone_form.html"

    def save(self, request, form, instance):
        return services.risk_zone_create(actor=request.user, **form.cleaned_data)


class RiskZoneEditView(_FormView):
    form_class = RiskZoneForm
    template_name = "disasters/risk_zone_form.html"

    def instance(self, request, pk):
        zone = get_object_or_404(selectors.risk_zone_queryset(user=request.user), pk=pk)
        if not may_keep_point(request.user, zone.township):
            raise PermissionDenied(_("您只能修改本乡镇（街道）的风险区。"))
        return zone

    def save(self, request, form, instance):
        return services.risk_zone_update(actor=request.user, zone=instance, **form.cleaned_data)
