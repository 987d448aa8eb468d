"""Reads of hazards, scoped to the person asking; the pages, the exports and the API share them."""

from django.db.models import Count, Prefetch, Q

from core.choices import OrgUnitKind
from core.models import OrgUnit
from hazards.choices import AgeBucket, HazardLevel
from hazards.conditions import age_q
from hazards.filtersets import HazardFilterSet
from hazards.models import Hazard, HazardEvent, HazardEvidence, ProblemList


def hazard_queryset(*, user):
    return Hazard.objects.visible_to(user).select_related(
        "territory", "supervising_department", "enterprise", "problem_list", "reported_by"
    )


def hazard_list(*, user, filters=None):
    """The FilterSet over the person's hazards: `.qs` is the rows, `.errors` the bad filter values."""
    return HazardFilterSet(filters, queryset=hazard_queryset(user=user))


def hazard_detail_queryset(*, user):
    return hazard_queryset(user=user).prefetch_related(
        Prefetch("evidence", queryset=HazardEvidence.objects.order_by("uploaded_at", "pk")),
        Prefetch(
            "events",
            queryset=HazardEvent.objects.select_related("actor").prefetch_related("files").order_by("at", "pk"),
        ),
    )


def hazard_events(*, hazard):
    return hazard.events.select_related("actor").prefetch_related("files").order_by("at", "pk")


def problem_list(*, user, filters):
    """The problem list (问题清单): the FilterSet over the person's hazards, oldest first, only the open ones
    unless the filters say otherwise (`open=` for all)."""
    data = filters.copy()
    data.setdefault("open", "true")
    return HazardFilterSet(data, queryset=hazard_queryset(user=user).order_by("found_on", "pk"))


def age_bucket_counts(queryset, *, today):
    """{bucket: number of open hazards of that age} in one query."""
    counts = queryset.aggregate(**{f"n{i}": Count("pk", filter=age_q(b, today)) for i, b in enumerate(AgeBucket)})
    return {bucket: counts[f"n{i}"] for i, bucket in enumerate(AgeBucket)}


def problem_filter_choices(*, user):
    """The units (townships and departments) and lists the filter form offers."""
    kinds = [OrgUnitKind.TOWNSHIP, OrgUnitKind.DEPARTMENT]
    units = list(OrgUnit.objects.visible_to(user).filter(kind__in=kinds).order_by("sort_order", "pk"))
    return {
        "townships": [u for u in units if u.kind == OrgUnitKind.TOWNSHIP],
        "departments": [u for u in units if u.kind == OrgUnitKind.DEPARTMENT],
        "problem_lists": list(ProblemList.objects.filter(is_active=True)),
    }


def major_open_hazards(*, user):
    """重大事故隐患 not yet closed, oldest first (动态清零)."""
    return hazard_queryset(user=user).open().filter(level=HazardLevel.MAJOR).order_by("found_on", "pk")


def major_totals(queryset, *, today):
    return queryset.aggregate(
        open=Count("pk"),
        listed=Count("pk", filter=Q(is_listed=True)),
        overdue=Count("pk", filter=Q(deadline__lt=today)),
    )
