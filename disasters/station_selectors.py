"""Reads of monitoring stations and their readings, scoped to the person asking; the pages and the API share them."""

import django_filters
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from core.filtersets import SmallSelectsMixin
from disasters.models import MonitoringStation, StationReading
from disasters.models.stations import StationKind, StationState


class StationFilterSet(SmallSelectsMixin, django_filters.FilterSet):
    """One filter set for the station list page and the API."""

    q = django_filters.CharFilter(label=_("编码、名称或部位"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=StationKind.choices, empty_label=_("全部类型"))
    state = django_filters.ChoiceFilter(label=_("状态"), choices=StationState.choices, empty_label=_("全部状态"))
    township = django_filters.NumberFilter(label=_("乡镇（街道）ID"), field_name="township_id")
    risk_point = django_filters.NumberFilter(label=_("隐患点ID"), field_name="risk_point_id")
    is_active = django_filters.BooleanFilter(label=_("在用"))

    class Meta:
        model = MonitoringStation
        fields = ["q", "kind", "state", "township", "risk_point", "is_active"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value) | Q(site__icontains=value))


def station_queryset(*, user):
    return MonitoringStation.objects.visible_to(user).select_related("township", "village", "owner_unit", "risk_point")


def station_list(*, user, filters=None):
    """The FilterSet over the person's stations: `.qs` is the rows, `.errors` the bad filter values."""
    return StationFilterSet(filters, queryset=station_queryset(user=user))


def station_totals(queryset):
    """The figures above the list, one query: stations, and how many online, offline, faulty."""
    return queryset.aggregate(
        stations=Count("pk"),
        **{state.value: Count("pk", filter=Q(state=state)) for state in StationState},
    )


def station_readings(*, station, limit=50):
    return StationReading.objects.filter(station=station).order_by("-measured_at", "-pk")[:limit]
