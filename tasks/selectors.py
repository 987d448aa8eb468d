"""Reads of the plan, shared by the pages and the API."""

from decimal import Decimal

from django.db.models import DecimalField, Exists, OuterRef, Prefetch, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.choices import OrgUnitKind
from core.models import OrgUnit
from tasks.choices import ExtensionStatus, MeasureStatus, ReportFrequency, ReportStatus, SupervisionColour
from tasks.models import (
    ExtensionRequest,
    KeyAction,
    Measure,
    Plan,
    ProgressReport,
    QuantitativeTarget,
    ReportEvidence,
    ReportTransition,
    System,
    TargetAllocation,
    WorkItem,
)
from tasks.periods import period_label, period_start, periods_between
from tasks.permissions import reviewer_unit_ids, writer_unit_ids
from tasks.status import annotate_status
from tasks.target_sources import source_for

_UNITS = Prefetch("co_units", queryset=OrgUnit.objects.order_by("sort_order", "code"))


def plan_queryset(*, user):
    return Plan.objects.visible_to(user)


def system_queryset(*, user):
    return System.objects.visible_to(user).select_related("plan")


def work_item_queryset(*, user):
    return WorkItem.objects.visible_to(user).select_related("plan", "system", "lead_unit").prefetch_related(_UNITS)


def key_action_queryset(*, user):
    return KeyAction.objects.visible_to(user).select_related("plan", "lead_unit").prefetch_related(_UNITS)


def target_queryset(*, user):
    return QuantitativeTarget.objects.visible_to(user).select_related("plan", "work_item")


def current_plan(*, user, year=None):
    """The plan of `year` (as typed in a URL: anything but digits is ignored), else the latest."""
    plans = plan_queryset(user=user)
    year = str(year or "")
    return (plans.filter(year=int(year)) if year.isdigit() else plans).order_by("-year").first()


def plan_tree(*, user, plan):
    """The plan as the home page shows it: systems with their work items, and the key actions."""
    items = list(work_item_queryset(user=user).filter(plan=plan))
    systems = list(system_queryset(user=user).filter(plan=plan))
    for system in systems:
        system.items = [item for item in items if item.system_id == system.pk]
    return {
        "plan": plan,
        "systems": systems,
        "key_actions": list(key_action_queryset(user=user).filter(plan=plan)),
        "targets": list(target_queryset(user=user).filter(plan=plan)),
    }


def measure_queryset(*, user, today=None):
    """Measures the person may see, pre-joined, with progress, status and colour (tasks.status)."""

    measures = Measure.objects.visible_to(user).select_related(
        "plan", "work_item__system", "key_action", "owner_unit", "lead_unit", "target"
    )
    return annotate_status(measures, today=today)


def report_queryset(*, user):

    return ProgressReport.objects.visible_to(user).select_related(
        "measure__owner_unit",
        "measure__lead_unit",
        "measure__target",
        "measure__work_item",
        "measure__key_action",
        "unit",
        "created_by",
        "reviewed_by",
    )


def extension_queryset(*, user):

    return ExtensionRequest.objects.visible_to(user).select_related(
        "measure__owner_unit", "measure__lead_unit", "requested_by", "decided_by"
    )


def reports_awaiting_review(*, user):
    """待我审核: submitted reports of measures whose lead unit the person heads."""

    return report_queryset(user=user).filter(
        status=ReportStatus.SUBMITTED, measure__lead_unit_id__in=reviewer_unit_ids(user)
    )


def extensions_awaiting_decision(*, user):

    return extension_queryset(user=user).filter(
        status=ExtensionStatus.PENDING, measure__lead_unit_id__in=reviewer_unit_ids(user)
    )


def target_progress(*, target):
    """A target's actual (sum of approved quantities, or what its data source counts) and, per allocated unit,
    share and actual."""

    source = source_for(target)
    if source is not None:
        return _sourced_progress(target, source)
    approved = ProgressReport.objects.filter(measure__target=target, status=ReportStatus.APPROVED)
    actual = approved.aggregate(total=Sum("quantity"))["total"] or Decimal("0")
    per_unit = (
        approved.filter(measure__owner_unit=OuterRef("unit"))
        .order_by()
        .values("measure__owner_unit")
        .annotate(total=Sum("quantity"))
        .values("total")[:1]
    )
    allocations = (
        TargetAllocation.objects.filter(target=target)
        .select_related("unit")
        .annotate(
            actual=Coalesce(
                Subquery(per_unit), Value(Decimal("0")), output_field=DecimalField(max_digits=14, decimal_places=2)
            )
        )
    )
    return {"target": target, "actual": actual, "allocations": list(allocations)}


def _sourced_progress(target, source):
    per_unit = source.per_unit(target) if source.per_unit else {}
    allocations = list(TargetAllocation.objects.filter(target=target).select_related("unit"))
    for allocation in allocations:
        allocation.actual = per_unit.get(allocation.unit_id, Decimal("0"))
    return {"target": target, "actual": source.actual(target), "allocations": allocations, "source": source}


def measure_filter_choices(*, user, year=None):
    """The options of the measure filters: the plan's systems and items, the units, statuses, colours."""

    plan = current_plan(user=user, year=year)
    return {
        "plans": plan_queryset(user=user),
        "filter_plan": plan,
        "systems": system_queryset(user=user).filter(plan=plan),
        "work_items": WorkItem.objects.visible_to(user).filter(plan=plan).only("pk", "number", "title"),
        "units": OrgUnit.objects.visible_to(user)
        .filter(kind__in=[OrgUnitKind.TOWNSHIP, OrgUnitKind.DEPARTMENT])
        .order_by("kind", "sort_order", "code"),
        "statuses": MeasureStatus.choices,
        "colours": SupervisionColour.choices,
    }


def my_tasks(*, user, today=None):
    """我的任务: for the units the person reports for, what is due this period and what came back.

    A measure is due when it has started, is not done, and has no submitted or approved report for the
    period containing today (its own period: weekly, monthly or quarterly).
    """

    today = today or timezone.localdate()
    units = writer_unit_ids(user)
    mine = measure_queryset(user=user, today=today).filter(owner_unit_id__in=units)
    reported = Q()
    for frequency in ReportFrequency:
        in_period = ProgressReport.objects.filter(
            measure=OuterRef("pk"),
            period_start=period_start(today, frequency),
            status__in=[ReportStatus.SUBMITTED, ReportStatus.APPROVED],
        )
        reported |= Q(frequency=frequency) & Exists(in_period)
    due = mine.exclude(status=MeasureStatus.DONE).filter(start_date__lte=today).exclude(reported)
    reports = report_queryset(user=user).filter(measure__owner_unit_id__in=units)
    return {
        "due": due,
        "returned": reports.filter(status=ReportStatus.RETURNED).order_by("-reviewed_at"),
        "drafts": reports.filter(status=ReportStatus.DRAFT).order_by("-updated_at"),
        "has_units": bool(units),
    }


def open_periods(*, measure, today):
    """The periods a new report may be for: from the measure's start to today, without a report yet,
    latest first (so the form opens on the current period)."""

    taken = set(measure.reports.values_list("period_start", flat=True))
    starts = [p for p in periods_between(measure.start_date, today, measure.frequency) if p not in taken]
    return [(p, period_label(p, measure.frequency)) for p in reversed(starts)]


def recent_reports(*, user, entry, limit=20):
    """The latest reports under a work item or key action, with their evidence and steps, for its page."""

    field = "measure__work_item" if isinstance(entry, WorkItem) else "measure__key_action"
    return (
        report_queryset(user=user)
        .filter(**{field: entry})
        .prefetch_related(
            Prefetch("evidence", queryset=ReportEvidence.objects.order_by("pk")),
            Prefetch("transitions", queryset=ReportTransition.objects.select_related("actor").order_by("at", "pk")),
        )
        .order_by("-updated_at", "-pk")[:limit]
    )
