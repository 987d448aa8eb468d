"""Month-by-month lines up to a date: at each month's end (or the date, for its month), the open and 重大
hazards, and the plan's done and overdue measures; within each month, the hazards found and closed."""

from dataclasses import dataclass

from django.db.models import Count, Q

from core.days import day_end, day_start
from dashboards.figures.hazards import month_ends, unit_hazards
from hazards.choices import HazardLevel
from hazards.conditions import open_on_q
from hazards.selectors import hazard_queryset
from tasks.choices import MeasureStatus
from tasks.selectors import measure_queryset

MAX_TREND_MONTHS = 36


@dataclass
class TrendPoint:
    month: object  # the month's first day
    read_on: object  # the day its figures are read for
    hazards_open: int
    major_open: int
    hazards_found: int
    hazards_closed: int
    measures_done: int
    measures_overdue: int


def _hazard_series(hazards, months):
    counts = {}
    for i, (start, end) in enumerate(months):
        counts[f"open_{i}"] = Count("pk", filter=open_on_q(end))
        counts[f"major_{i}"] = Count("pk", filter=open_on_q(end) & Q(level=HazardLevel.MAJOR))
        counts[f"found_{i}"] = Count("pk", filter=Q(found_on__gte=start, found_on__lte=end))
        counts[f"closed_{i}"] = Count("pk", filter=Q(closed_at__gte=day_start(start), closed_at__lt=day_end(end)))
    window = day_start(months[0][0])
    relevant = Q(found_on__lte=months[-1][1]) & (Q(closed_at__isnull=True) | Q(closed_at__gte=window))
    return hazards.filter(relevant).aggregate(**counts)


def _measure_counts(user, unit, end):
    """The plan of `end`'s year on `end`: one query a month, as the status is computed for that day."""
    measures = measure_queryset(user=user, today=end).filter(plan__year=end.year)
    if unit is not None:
        measures = measures.filter(Q(owner_unit=unit) | Q(lead_unit=unit))
    return measures.aggregate(
        done=Count("pk", filter=Q(status=MeasureStatus.DONE)),
        overdue=Count("pk", filter=Q(status=MeasureStatus.OVERDUE)),
    )


def trend(*, user, unit=None, on, months=12):
    periods = month_ends(on, months=min(months, MAX_TREND_MONTHS))
    hazards = _hazard_series(unit_hazards(hazard_queryset(user=user), unit), periods)
    points = []
    for i, (start, end) in enumerate(periods):
        measures = _measure_counts(user, unit, end)
        points.append(
            TrendPoint(
                month=start,
                read_on=end,
                hazards_open=hazards[f"open_{i}"],
                major_open=hazards[f"major_{i}"],
                hazards_found=hazards[f"found_{i}"],
                hazards_closed=hazards[f"closed_{i}"],
                measures_done=measures["done"],
                measures_overdue=measures["overdue"],
            )
        )
    return points
