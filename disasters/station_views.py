"""监测站点 pages: the list (state badges, how many offline) and one station with its recent readings. Stations are
registered and their readings posted through the API by the systems that own the devices."""

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from core.history import history_for
from disasters import selectors as risk_selectors
from disasters import station_selectors as selectors


class StationListView(LoginRequiredMixin, TemplateView):
    template_name = "disasters/station_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        filterset = selectors.station_list(user=user, filters=self.request.GET)
        rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
        return {
            "filterset": filterset,
            "townships": risk_selectors.township_choices(user=user),
            "totals": selectors.station_totals(rows),
            "page": Paginator(rows.order_by("township__sort_order", "code"), 50).get_page(self.request.GET.get("page")),
            "offline_minutes": settings.STATION_OFFLINE_MINUTES,
        }


class StationDetailView(LoginRequiredMixin, TemplateView):
    template_name = "disasters/station_detail.html"

    def get_context_data(self, **kwargs):
        station = get_object_or_404(selectors.station_queryset(user=self.request.user), pk=kwargs["pk"])
        return {
            "station": station,
            "readings": selectors.station_readings(station=station, limit=50),
            "history": history_for(station),
            "offline_minutes": settings.STATION_OFFLINE_MINUTES,
        }
