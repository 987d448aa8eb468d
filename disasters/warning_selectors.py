"""Reads of warnings, scoped to the person asking; the pages and the API share them."""

from django.db.models import Case, Count, IntegerField, Prefetch, Q, Value, When
from django.utils import timezone

from core.choices import OrgUnitKind
from core.models import OrgUnit
from disasters.choices_warnings import LEVEL_RANK
from disasters.models import Warning, WarningAcknowledgement, WarningResponse
from disasters.warning_filtersets import WarningFilterSet
from disasters.warning_permissions import is_township_person, may_answer_for


def warning_queryset(*, user):
    return Warning.objects.visible_to(user).select_related("issuing_unit", "issued_by", "lifted_by")


def _in_force_first(queryset):
    rank = Case(*(When(level=level, then=Value(n)) for level, n in LEVEL_RANK.items()), output_field=IntegerField())
    in_force = Case(When(lifted_at__isnull=True, then=Value(1)), default=Value(0), output_field=IntegerField())
    return queryset.annotate(in_force_rank=in_force, level_rank=rank).order_by(
        "-in_force_rank", "-level_rank", "-issued_at", "-pk"
    )


def warning_list(*, user, filters=None):
    """The FilterSet over the person's warnings, in force first, most severe first, each with its
    acknowledgement counts ("已叫应 x/y"): `.qs` is the rows, `.errors` the bad filter values."""
    queryset = warning_queryset(user=user).annotate(
        ack_total=Count("acknowledgements", distinct=True),
        ack_done=Count("acknowledgements", filter=Q(acknowledgements__acknowledged_at__isnull=False), distinct=True),
    )
    filterset = WarningFilterSet(filters, queryset=_in_force_first(queryset))
    return filterset


def warning_list_rows(filterset):
    return filterset.qs if filterset.is_valid() else filterset.queryset.none()


def warning_detail_queryset(*, user):
    acks = WarningAcknowledgement.objects.select_related("township", "acknowledged_by").order_by(
        "township__sort_order", "pk"
    )
    responses = WarningResponse.objects.select_related("township", "village", "recorded_by").order_by(
        "township__sort_order", "recorded_at", "pk"
    )
    return warning_queryset(user=user).prefetch_related(
        Prefetch("acknowledgements", queryset=acks), Prefetch("responses", queryset=responses)
    )


def warning_responses(*, warning):
    return warning.responses.select_related("township", "village", "recorded_by").order_by(
        "township__sort_order", "recorded_at", "pk"
    )


def response_totals(responses):
    """People moved in all, and per township: [(township, number)] in the area's order."""
    per_township = {}
    for r in responses:
        per_township[r.township] = per_township.get(r.township, 0) + r.people_moved
    return sum(per_township.values()), list(per_township.items())


def acknowledgement_rows(*, user, warning, now=None):
    """Each township of the area with its state for the page: overdue or not, and whether this person may
    acknowledge or record the response for it."""
    now = now or timezone.now()
    rows = []
    for ack in warning.acknowledgements.all():
        rows.append(
            {
                "ack": ack,
                "overdue": ack.acknowledged_at is None and ack.due_at < now,
                "late": ack.acknowledged_at is not None and ack.acknowledged_at > ack.due_at,
                "may_answer": may_answer_for(user, ack.township_id),
                "own": is_township_person(user, ack.township_id),
            }
        )
    return rows


def township_choices():
    return OrgUnit.objects.filter(kind=OrgUnitKind.TOWNSHIP, is_active=True).order_by("sort_order", "pk")


def villages_of(township_ids):
    return OrgUnit.objects.filter(kind=OrgUnitKind.VILLAGE, parent_id__in=township_ids, is_active=True).order_by(
        "parent__sort_order", "sort_order", "pk"
    )
