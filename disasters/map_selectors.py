"""Reads for the map page, scoped to the person asking: the risk-point features and the township labels."""

from django.db.models import Avg
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from core.choices import OrgUnitKind
from core.models import OrgUnit
from disasters.choices import KIND_COLOURS, STATE_COLOURS, RiskKind, RiskPointState
from disasters.geojson import point_feature
from disasters.models import RiskPoint

# STATE_COLOURS names Bootstrap colours (for the list badges); the map needs them as CSS colours.
BOOTSTRAP_HEX = {"danger": "#dc3545", "warning": "#ffc107", "success": "#198754", "secondary": "#6c757d"}


def state_outline(state):
    return BOOTSTRAP_HEX[STATE_COLOURS[RiskPointState(state)]]


def map_townships(*, user):
    """The townships the filter form offers: those the person may see."""
    return OrgUnit.objects.visible_to(user).filter(kind=OrgUnitKind.TOWNSHIP).order_by("sort_order", "pk")


def risk_point_map_queryset(*, user, filters=None):
    """The person's risk points narrowed by the map's cleaned filters (township, kind, state), one query."""
    filters = filters or {}
    rows = RiskPoint.objects.visible_to(user).select_related("township")
    if filters.get("township"):
        rows = rows.filter(township=filters["township"])
    if filters.get("kind"):
        rows = rows.filter(kind=filters["kind"])
    if filters.get("state"):
        rows = rows.filter(state=filters["state"])
    return rows.order_by("township__sort_order", "code")


def risk_point_features(user, filters):
    """The GeoJSON features of the risk-point layer (see disasters.map_layers for the properties the map reads)."""
    return [_risk_point_feature(point) for point in risk_point_map_queryset(user=user, filters=filters)]


def _risk_point_feature(point):
    kind, state = RiskKind(point.kind), RiskPointState(point.state)
    properties = {
        "id": point.pk,
        "code": point.code,
        "name": point.name,
        "kind": kind.value,
        "kind_label": str(kind.label),
        "state": state.value,
        "state_label": str(state.label),
        "colour": KIND_COLOURS[kind],
        "outline": state_outline(state),
        "township": point.township.display_name,
        "people": point.people,
        "has_monitoring": point.has_monitoring,
        "url": risk_point_url(point.pk),
        "details": [
            [_("类型"), str(kind.label)],
            [_("状态"), str(state.label)],
            [_("威胁人数"), point.people],
            [_("乡镇（街道）"), point.township.display_name],
        ],
    }
    return point_feature(longitude=point.longitude, latitude=point.latitude, properties=properties, feature_id=point.pk)


def risk_point_url(pk):
    try:
        return reverse("disasters:risk-point-detail", args=[pk])
    except NoReverseMatch:  # the detail page is not there yet
        return ""


def township_label_positions(*, user):
    """[{name, longitude, latitude}] at the mean position of each township's visible risk points, one query.

    The project holds no township boundaries, so a township's label goes where its points are; a township with
    no points gets no label.
    """
    rows = (
        RiskPoint.objects.visible_to(user)
        .values("township_id", "township__name", "township__short_name", "township__sort_order")
        .annotate(longitude=Avg("longitude"), latitude=Avg("latitude"))
        .order_by("township__sort_order", "township_id")
    )
    return [
        {
            "name": row["township__short_name"] or row["township__name"],
            "longitude": round(float(row["longitude"]), 6),
            "latitude": round(float(row["latitude"]), 6),
        }
        for row in rows
    ]
