"""Reads of patrols, and the cadence: how many patrols each active risk point owes in the current period, how many
it has had, and what is missing, per point and per township — each figure one SQL query, whatever the number of
points."""

from dataclasses import dataclass

from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Greatest

from core.choices import OrgUnitKind
from core.models import OrgUnit
from disasters.choices import ACTIVE_STATES
from disasters.models import Patrol, PatrolEvidence, RiskPoint
from disasters.patrol_filtersets import PatrolFilterSet
from disasters.patrol_periods import Period, period_for


def patrol_queryset(*, user):
    return Patrol.objects.visible_to(user).select_related(
        "risk_point__township", "risk_point__village", "patroller", "hazard"
    )


def patrol_list(*, user, filters=None):
    """The FilterSet over the person's patrols: `.qs` is the rows, `.errors` the bad filter values."""
    return PatrolFilterSet(filters, queryset=patrol_queryset(user=user))


def patrol_detail_queryset(*, user):
    return (
        patrol_queryset(user=user)
        .select_related("risk_point__supervising_department")
        .prefetch_related(Prefetch("evidence", queryset=PatrolEvidence.objects.order_by("uploaded_at", "pk")))
    )


def patrol_filter_choices(*, user):
    townships = OrgUnit.objects.visible_to(user).filter(kind=OrgUnitKind.TOWNSHIP, is_active=True)
    return {"townships": list(townships.order_by("sort_order", "pk"))}


def recordable_points(*, user):
    """Active points the person may record patrols of (the patrol form's choice)."""
    points = RiskPoint.objects.changeable_by(user).filter(state__in=ACTIVE_STATES)
    return points.select_related("township").order_by("township__sort_order", "code")


def _required(period):
    field = "patrols_per_week_in_season" if period.in_season else "patrols_per_month_off_season"
    return F(field)


def _done(period):
    """Patrols of the point (OuterRef) in the period, as a subquery: usable inside the per-township sums."""
    begin, after = period.bounds()
    counted = (
        Patrol.objects.filter(risk_point=OuterRef("pk"), patrolled_at__gte=begin, patrolled_at__lt=after)
        .order_by()
        .values("risk_point")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def cadence_points(points, period):
    """Active points with required (the point's cadence), done and missing (never below 0) in the period."""
    return (
        points.filter(state__in=ACTIVE_STATES)
        .annotate(required=_required(period), done=_done(period))
        .annotate(missing=Greatest(F("required") - F("done"), Value(0)))
    )


@dataclass
class MissingPatrols:
    period: Period
    points: object  # QuerySet of active points with required, done, missing
    townships: list  # dicts: township id and name, points, behind, missing


def township_totals(points):
    """Per township: active points, points behind their cadence, patrols missing — one grouped query."""
    rows = (
        points.order_by()
        .values("township_id", "township__name", "township__sort_order")
        .annotate(
            point_count=Count("pk"),
            behind=Count("pk", filter=Q(missing__gt=0)),
            missing_total=Sum("missing"),
        )
        .order_by("township__sort_order", "township_id")
    )
    return list(rows)


def missing_patrols(*, user, on):
    """The current period's cadence of the points the person may see, per point and per township."""
    period = period_for(on)
    points = cadence_points(RiskPoint.objects.visible_to(user), period).select_related("township", "village")
    return MissingPatrols(period=period, points=points, townships=township_totals(points))


def risk_point_patrol_summary(*, risk_point, on, user=None):
    """For the fragment on the risk point's page (templates/disasters/_risk_point_patrols.html, as
    `patrol_summary`): this period's required/done/missing, the latest 10 patrols, and — given the user —
    whether they may record one."""
    from disasters.patrol_services import may_record_patrol

    period = period_for(on)
    begin, after = period.bounds()
    active = risk_point.state in ACTIVE_STATES
    required = risk_point.patrols_per_week_in_season if period.in_season else risk_point.patrols_per_month_off_season
    required = required if active else 0
    done = risk_point.patrols.filter(patrolled_at__gte=begin, patrolled_at__lt=after).count()
    latest = list(risk_point.patrols.select_related("patroller", "hazard").order_by("-patrolled_at", "-pk")[:10])
    return {
        "period": period,
        "active": active,
        "required": required,
        "done": done,
        "missing": max(required - done, 0),
        "latest": latest,
        "can_record": user is not None and may_record_patrol(user, risk_point),
    }
