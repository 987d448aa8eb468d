"""Reads of hazards, scoped to the person asking; the pages, the exports and the API share them."""

from django.db.models import Prefetch

from hazards.filtersets import HazardFilterSet
from hazards.models import Hazard, HazardEvent, HazardEvidence


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
