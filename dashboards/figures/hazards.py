"""Hazards on a date: open by level, sector and age, overdue, 重大事故隐患 and their monthly trend, and the
month's found and closed — all in three queries."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import BooleanField, Case, CharField, Count, Q, Value, When
from django.utils.translation import gettext as _

from core.choices import Sector
from core.days import day_end, day_start
from dashboards.figures.base import Figure
from hazards.choices import AGE_BUCKET_DAYS, AgeBucket, HazardLevel
from hazards.conditions import open_on_q
from hazards.selectors import hazard_queryset

TREND_MONTHS = 12


@dataclass
class HazardFigures:
    totals: list = field(default_factory=list)  # Figure: open, overdue, major_open, found, closed
    by_level: list = field(default_factory=list)
    by_sector: list = field(default_factory=list)
    by_age: list = field(default_factory=list)
    major_trend: list = field(default_factory=list)  # (first day of the month, open 重大事故隐患 at its end)


def unit_hazards(queryset, unit):
    """The hazards of a unit as the hazard list's `unit` filter takes them: its territory's, or supervised."""
    if unit is None:
        return queryset
    return queryset.filter(Q(territory__path__startswith=unit.path) | Q(supervising_department=unit))


def _age_q(bucket, on):
    fewest, most = AGE_BUCKET_DAYS[bucket]
    condition = Q()
    if most is not None:
        condition &= Q(found_on__gte=on - datetime.timedelta(days=most))
    if fewest is not None:
        condition &= Q(found_on__lte=on - datetime.timedelta(days=fewest))
    return condition


def month_ends(on, months=TREND_MONTHS):
    """The first day of each of the `months` months up to `on`'s, and the day each is read on (its last day,
    or `on` for the month of `on`)."""
    first = on.replace(day=1)
    starts = []
    for _i in range(months):
        starts.append(first)
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    starts.reverse()
    ends = [
        (s.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(days=1) for s in starts
    ]
    return [(s, min(e, on)) for s, e in zip(starts, ends, strict=True)]


def _open_counts(hazards, on):
    """The hazards open on `on`, counted by sector, level, age and lateness in one grouped query."""
    age = Case(*(When(_age_q(b, on), then=Value(b.value)) for b in AgeBucket), output_field=CharField())
    late = Case(When(deadline__lt=on, then=Value(True)), default=Value(False), output_field=BooleanField())
    groups = hazards.filter(open_on_q(on)).order_by().annotate(age=age, late=late)
    counts = Counter()
    for sector, level, bucket, is_late, n in groups.values_list("sector", "level", "age", "late").annotate(
        n=Count("pk")
    ):
        counts.update({"open": n, f"sector_{sector}": n, f"level_{level}": n, f"age_{bucket}": n})
        counts["overdue"] += n if is_late else 0
    counts["major_open"] = counts[f"level_{HazardLevel.MAJOR}"]
    return counts


def hazard_figures(*, user, unit, on, links):
    hazards = unit_hazards(hazard_queryset(user=user), unit)
    month_start = on.replace(day=1)
    major = Q(level=HazardLevel.MAJOR)
    # Only hazards still open at the start of the trend's first month can count in the month's flows and trend.
    window = day_start(month_ends(on)[0][0])
    flows = hazards.filter(Q(found_on__lte=on) & (Q(closed_at__isnull=True) | Q(closed_at__gte=window))).aggregate(
        found=Count("pk", filter=Q(found_on__gte=month_start, found_on__lte=on)),
        closed=Count("pk", filter=Q(closed_at__gte=day_start(month_start), closed_at__lt=day_end(on))),
        **{f"trend_{i}": Count("pk", filter=open_on_q(end) & major) for i, (_s, end) in enumerate(month_ends(on))},
    )
    totals = _open_counts(hazards, on)
    totals.update(flows)  # a Counter: a sector or level with none reads 0
    to_list = lambda **p: links.to("hazards:index", **links.unit_query(), **p)  # noqa: E731
    month = {"found_from": month_start.isoformat(), "found_to": on.isoformat(), "open": ""}
    return HazardFigures(
        totals=[
            Figure("open", _("未销号隐患"), totals["open"], to_list(open="true")),
            Figure("overdue", _("逾期未整改"), totals["overdue"], to_list(open="true", overdue="true")),
            Figure(
                "major_open", _("重大事故隐患（未销号）"), totals["major_open"], to_list(open="true", level="major")
            ),
            Figure("found", _("本月新发现"), totals["found"], to_list(**month)),
            Figure(
                "closed",
                _("本月销号"),
                totals["closed"],
                to_list(open="false", closed_from=month_start.isoformat(), closed_to=on.isoformat()),
            ),
        ],
        by_level=[
            Figure(v, str(label), totals[f"level_{v}"], to_list(open="true", level=v))
            for v, label in HazardLevel.choices
        ],
        by_sector=[
            Figure(v, str(label), totals[f"sector_{v}"], to_list(open="true", sector=v))
            for v, label in Sector.choices
            if totals[f"sector_{v}"]
        ],
        by_age=[
            Figure(b.value, str(b.label), totals[f"age_{b.value}"], to_list(open="true", age=b.value))
            for b in AgeBucket
        ],
        major_trend=[(start, totals[f"trend_{i}"]) for i, (start, _e) in enumerate(month_ends(on))],
    )
