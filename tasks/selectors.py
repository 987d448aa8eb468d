"""Reads of the plan, shared by the pages and the API."""

from decimal import Decimal

from django.db.models import Prefetch, Q

from core.models import OrgUnit
from tasks.models import KeyAction, Plan, QuantitativeTarget, System, WorkItem

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
    plans = plan_queryset(user=user)
    return (plans.filter(year=year) if year else plans).order_by("-year").first()


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
    from tasks.models import Measure
    from tasks.status import annotate_status

    measures = Measure.objects.visible_to(user).select_related(
        "plan", "work_item__system", "key_action", "owner_unit", "lead_unit", "target"
    )
    return annotate_status(measures, today=today)


def report_queryset(*, user):
    from tasks.models import ProgressReport

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
    from tasks.models import ExtensionRequest

    return ExtensionRequest.objects.visible_to(user).select_related(
        "measure__owner_unit", "measure__lead_unit", "requested_by", "decided_by"
    )


def reports_awaiting_review(*, user):
    """待我审核: submitted reports of measures whose lead unit the person heads."""
    from tasks.choices import ReportStatus
    from tasks.permissions import reviewer_unit_ids

    return report_queryset(user=user).filter(
        status=ReportStatus.SUBMITTED, measure__lead_unit_id__in=reviewer_unit_ids(user)
    )


def extensions_awaiting_decision(*, user):
    from tasks.choices import ExtensionStatus
    from tasks.permissions import reviewer_unit_ids

    return extension_queryset(user=user).filter(
        status=ExtensionStatus.PENDING, measure__lead_unit_id__in=reviewer_unit_ids(user)
    )


def target_progress(*, target):
    """A target's actual (sum of approved quantities) and, per allocated unit, share and actual."""
    from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
    from django.db.models.functions import Coalesce

    from tasks.choices import ReportStatus
    from tasks.models import ProgressReport, TargetAllocation

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


def measure_filter_choices(*, user, year=None):
    """The options of the measure filters: the plan's systems and items, the units, statuses, colours."""
    from core.choices import OrgUnitKind
    from core.models import OrgUnit
    from tasks.choices import MeasureStatus, SupervisionColour

    plan = current_plan(user=user, year=year if str(year or "").isdigit() else None)
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
    from django.db.models import Exists, OuterRef
    from django.utils import timezone

    from tasks.choices import MeasureStatus, ReportFrequency, ReportStatus
    from tasks.models import ProgressReport
    from tasks.periods import period_start
    from tasks.permissions import writer_unit_ids

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
    from tasks.periods import period_label, periods_between

    taken = set(measure.reports.values_list("period_start", flat=True))
    starts = [p for p in periods_between(measure.start_date, today, measure.frequency) if p not in taken]
    return [(p, period_label(p, measure.frequency)) for p in reversed(starts)]
