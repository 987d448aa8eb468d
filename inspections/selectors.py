"""Reads of checklists and inspections, scoped to the person asking; the pages and the API share them."""

from django.db.models import Count, Prefetch, Q

from hazards.choices import HazardStatus
from inspections.filtersets import ChecklistFilterSet, InspectionFilterSet
from inspections.models import ChecklistItem, ChecklistTemplate, Finding, Inspection, InspectionEvent


def inspection_queryset(*, user):
    return (
        Inspection.objects.visible_to(user)
        .select_related("department", "township", "enterprise", "checklist")
        .annotate(
            finding_count=Count("findings", distinct=True),
            open_hazard_count=Count(
                "findings", filter=Q(findings__hazard__isnull=False) & ~Q(findings__hazard__status=HazardStatus.CLOSED)
            ),
        )
        .order_by("-inspected_on", "-pk")  # explicit: an aggregate drops the Meta ordering
    )


def inspection_list(*, user, filters=None):
    """The FilterSet over the person's inspections: `.qs` is the rows, `.errors` the bad filter values."""
    return InspectionFilterSet(filters, queryset=inspection_queryset(user=user))


def inspection_detail_queryset(*, user):
    return (
        inspection_queryset(user=user)
        .select_related("recorded_by", "enterprise__township")
        .prefetch_related(
            "inspectors",
            "answers",
            Prefetch("findings", queryset=Finding.objects.select_related("hazard").order_by("pk")),
            Prefetch("events", queryset=InspectionEvent.objects.select_related("actor").order_by("at", "pk")),
            "penalties",
        )
    )


def checklist_queryset():
    """Checklists are the county's common reference: everyone signed in reads them."""
    return ChecklistTemplate.objects.annotate(item_count=Count("items")).order_by("sector", "name", "-version")


def checklist_list(*, filters=None):
    return ChecklistFilterSet(filters, queryset=checklist_queryset())


def checklist_detail_queryset():
    return ChecklistTemplate.objects.prefetch_related(
        Prefetch("items", queryset=ChecklistItem.objects.order_by("order"))
    )


def current_checklists():
    return checklist_detail_queryset().filter(is_current=True).order_by("sector", "name")
