"""Reads of risk points and zones, scoped to the person asking; the pages, the map, the exports and the API
share them."""

from django.db.models import Count, Prefetch, Q, Sum

from core.choices import OrgUnitKind
from core.models import OrgUnit
from disasters.choices import ACTIVE_STATES, GEOHAZARD_KINDS, RiskPointState
from disasters.filtersets import RiskPointFilterSet, RiskZoneFilterSet
from disasters.models import RiskPoint, RiskZone


def risk_point_queryset(*, user):
    return RiskPoint.objects.visible_to(user).select_related("township", "village", "supervising_department")


def risk_point_list(*, user, filters=None):
    """The FilterSet over the person's risk points: `.qs` is the rows, `.errors` the bad filter values."""
    return RiskPointFilterSet(filters, queryset=risk_point_queryset(user=user))


def risk_point_detail_queryset(*, user):
    return (
        risk_point_queryset(user=user)
        .select_related("registered_by")
        .prefetch_related(Prefetch("zones", queryset=RiskZone.objects.order_by("code")))
    )


def risk_point_totals(queryset):
    """The figures above the list: points, people threatened, with 技防, still active — one query."""
    return queryset.aggregate(
        points=Count("pk"),
        people=Sum("people", default=0),
        households=Sum("households", default=0),
        monitored=Count("pk", filter=Q(has_monitoring=True)),
        active=Count("pk", filter=Q(state__in=ACTIVE_STATES)),
        geohazard=Count("pk", filter=Q(kind__in=GEOHAZARD_KINDS)),
    )


def risk_zone_queryset(*, user):
    return RiskZone.objects.visible_to(user).select_related("township").annotate(point_count=Count("points"))


def risk_zone_list(*, user, filters=None):
    return RiskZoneFilterSet(filters, queryset=risk_zone_queryset(user=user))


def township_choices(*, user):
    return list(OrgUnit.objects.visible_to(user).filter(kind=OrgUnitKind.TOWNSHIP).order_by("sort_order", "pk"))


def township_summary(*, user):
    """Per township: points, active, with 技防, people threatened — the table under the list."""
    return (
        risk_point_queryset(user=user)
        .order_by()
        .values("township_id", "township__name", "township__sort_order")
        .annotate(
            points=Count("pk"),
            active=Count("pk", filter=Q(state__in=ACTIVE_STATES)),
            monitored=Count("pk", filter=Q(has_monitoring=True)),
            governed=Count("pk", filter=Q(state=RiskPointState.GOVERNED)),
            people=Sum("people", default=0),
        )
        .order_by("township__sort_order", "township_id")
    )
