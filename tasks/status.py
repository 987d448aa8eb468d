"""The derived status of measures and the three-colour supervision, computed in SQL.

Nothing here is stored: every list, filter and page annotates its queryset with `annotate_status`, so
the status is the same wherever it is shown and can be filtered on. Progress is the latest approved
percent, or for a measure tied to a quantitative target, the approved quantities over its planned quantity.
"""

from decimal import Decimal

from django.conf import settings
from django.db.models import (
    Case,
    DateField,
    DecimalField,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Greatest, Least
from django.utils import timezone

from core.days import day_end
from tasks.choices import MeasureStatus, ReportStatus, SupervisionColour


class DaysBetween(Func):
    """`a - b` for two dates: whole days, as PostgreSQL subtracts dates."""

    template = "(%(expressions)s)"
    arg_joiner = " - "
    output_field = IntegerField()


def annotate_progress(measures, on=None):
    """Progress from the reports approved by the end of `on` (all approved reports when None)."""
    from tasks.models import ProgressReport

    approved = ProgressReport.objects.filter(measure=OuterRef("pk"), status=ReportStatus.APPROVED)
    if on is not None:  # a report approved later did not count yet; one with no review time always did
        approved = approved.filter(Q(reviewed_at__isnull=True) | Q(reviewed_at__lt=day_end(on)))
    latest_percent = Subquery(approved.order_by("-period_start").values("percent")[:1])
    quantity_sum = Subquery(
        approved.order_by().values("measure").annotate(total=Sum("quantity")).values("total")[:1],
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )
    decimal = DecimalField(max_digits=14, decimal_places=2)
    # Only a target's measure sums its quantities: the CASE spares the other rows the subquery.
    return measures.annotate(
        approved_quantity=Case(
            When(target__isnull=False, then=Coalesce(quantity_sum, Value(Decimal("0")))),
            default=Value(Decimal("0")),
            output_field=decimal,
        ),
        progress=Case(
            When(
                target__isnull=False,
                then=F("approved_quantity") * Value(Decimal("100")) / F("planned_quantity"),
            ),
            default=Coalesce(latest_percent, Value(Decimal("0")), output_field=decimal),
            output_field=decimal,
        ),
    )


def deadline_on(on):
    """The deadline a measure had on `on`: an extension approved after that day had not moved it yet."""
    from tasks.choices import ExtensionStatus
    from tasks.models import ExtensionRequest

    later = ExtensionRequest.objects.filter(
        measure=OuterRef("pk"), status=ExtensionStatus.APPROVED, decided_at__gte=day_end(on)
    ).order_by("decided_at")
    return Coalesce(Subquery(later.values("previous_deadline")[:1]), F("deadline"), output_field=DateField())


def annotate_status(measures, today=None):
    """Status and colour as they stood on `today` (default: today), from the reports approved and the
    extensions granted by then: the same code reads the county of today and of a past date."""
    today = today or timezone.localdate()
    on = Value(today, output_field=DateField())
    measures = annotate_progress(measures, on=today).annotate(deadline_then=deadline_on(today))
    elapsed = Cast(DaysBetween(on, F("start_date")), FloatField())
    total = Cast(Greatest(DaysBetween(F("deadline_then"), F("start_date")), Value(1)), FloatField())
    measures = measures.annotate(
        schedule_percent=Least(Greatest(elapsed * Value(100.0) / total, Value(0.0)), Value(100.0)),
        days_left=DaysBetween(F("deadline_then"), on),
    )
    measures = measures.annotate(schedule_lag=F("schedule_percent") - Cast(F("progress"), FloatField()))
    measures = measures.annotate(
        status=Case(
            When(progress__gte=100, then=Value(MeasureStatus.DONE)),
            When(deadline_then__lt=today, then=Value(MeasureStatus.OVERDUE)),
            When(start_date__gt=today, then=Value(MeasureStatus.NOT_STARTED)),
            When(schedule_lag__gt=settings.SCHEDULE_LAG_MARGIN, then=Value(MeasureStatus.BEHIND)),
            default=Value(MeasureStatus.IN_PROGRESS),
        )
    )
    return measures.annotate(
        colour=Case(
            When(status=MeasureStatus.OVERDUE, then=Value(SupervisionColour.RED)),
            When(status=MeasureStatus.BEHIND, then=Value(SupervisionColour.YELLOW)),
            When(
                Q(status__in=[MeasureStatus.IN_PROGRESS, MeasureStatus.NOT_STARTED])
                & Q(days_left__lte=settings.SUPERVISION_BLUE_DAYS),
                then=Value(SupervisionColour.BLUE),
            ),
            default=Value(SupervisionColour.NONE),
        )
    )
