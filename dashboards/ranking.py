"""晾晒比拼: townships, or county departments, ranked for a month or a quarter on weighted rates.

Each metric is a rate, numerator over denominator, and earns weight × rate points (a rate of 100 % earns the
whole weight; the overdue rate has a negative weight and takes points away). A metric with nothing to count
for a unit (denominator 0) earns no points and says so. The score is the sum of the points shown.

  进展按时填报率  reporting periods of the measures the unit owns (责任单位) that end within the period and before
                  today, the measure running then (its start ≤ the period's end, its deadline ≥ the period's
                  start); on time when that period's report, now submitted or approved, was submitted by the
                  period's last day.
  隐患自查自报率  hazards found within the period that were self-reported, over all hazards found in it.
  隐患按期整改率  of the hazards found within the period, those closed by their deadline.
  隐患逾期率      of the hazards found within the period, those overdue today (open past the deadline, or closed
                  after it).
  预警按时叫应率  (townships only) warning acknowledgements due within the period and before now, answered by
                  the township itself by the time they were due (one the county office made on its behalf is
                  not on time).

The hazard counts are the 评价细则's score parts (hazards.scoring, hazards.conditions): a township counts by
territory, a department as supervising department; the hazard list with ?unit=&found_from=&found_to=
&score_part= holds exactly the hazards counted. Every count is one grouped query over all units of the kind.
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import reduce
from operator import add, or_
from urllib.parse import urlencode

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone

from core.choices import OrgUnitKind
from core.models import OrgUnit
from core.scoping import scope_for
from dashboards.models import DEFAULT_WEIGHTS, TOWNSHIP_ONLY_METRICS, RankingMetric, RankingWeight
from hazards.choices import ScorePart
from hazards.scoring import part_counts_between

TENTH = Decimal("0.1")
HAZARD_PARTS = {
    RankingMetric.SELF_FOUND: ScorePart.SELF_FOUND,
    RankingMetric.CLOSED_ON_TIME: ScorePart.ON_TIME,
    RankingMetric.OVERDUE: ScorePart.OVERDUE,
}


@dataclass
class MetricCell:
    metric: RankingMetric
    weight: Decimal
    numerator: int
    denominator: int
    url: str = ""  # the list of the records behind the numerator; "" where none, or not the person's to see
    denominator_url: str = ""

    @property
    def applicable(self):
        return self.denominator > 0

    @property
    def rate(self):
        """numerator / denominator to four places (0.8333), None when there is nothing to count."""
        if not self.applicable:
            return None
        return (Decimal(self.numerator) / self.denominator).quantize(Decimal("0.0001"), ROUND_HALF_UP)

    @property
    def percent(self):
        return None if self.rate is None else (self.rate * 100).quantize(TENTH, ROUND_HALF_UP)

    @property
    def points(self):
        if not self.applicable:
            return Decimal("0.0")
        points = (self.weight * self.numerator / self.denominator).quantize(TENTH, ROUND_HALF_UP)
        return points if points else Decimal("0.0")  # never "-0.0"


@dataclass
class RankingRow:
    unit: OrgUnit
    cells: list
    rank: int = 0

    @property
    def score(self):
        return sum((cell.points for cell in self.cells), Decimal("0.0"))


@dataclass
class Ranking:
    kind: str
    period: object  # dashboards.ranking_periods.RankingPeriod
    as_of: object  # the day the figures were read
    weights: list  # RankingWeight of each metric counted, in the metrics' order
    left_out: list = field(default_factory=list)  # RankingMetric not counted for this kind of unit
    inactive: list = field(default_factory=list)  # RankingWeight switched off by the county office
    rows: list = field(default_factory=list)

    @property
    def full_marks(self):
        return sum((w.weight for w in self.weights if w.weight > 0), Decimal("0"))


def ranking_weights():
    """The weight of every metric, in the metrics' order: the stored row, or the default where none is."""
    stored = {w.metric: w for w in RankingWeight.objects.all()}
    return [
        stored.get(m) or RankingWeight(metric=m, weight=Decimal(DEFAULT_WEIGHTS[m]), is_active=True)
        for m in RankingMetric
    ]


def unit_ranking(*, user, kind, period, today=None):
    """Every active township (or department) ranked for `period`, highest score first; equal scores share a
    rank and keep the county's order. Links lead only to lists of units the person may see."""
    today = today or timezone.localdate()
    weights = ranking_weights()
    counted = [w for w in weights if w.is_active and not _left_out(w.metric, kind)]
    ranking = Ranking(
        kind=kind,
        period=period,
        as_of=today,
        weights=counted,
        left_out=[RankingMetric(m) for m in RankingMetric if _left_out(m, kind)],
        inactive=[w for w in weights if not w.is_active and not _left_out(w.metric, kind)],
    )
    units = list(OrgUnit.objects.filter(kind=kind, is_active=True).order_by("sort_order", "pk"))
    counts = _counts(kind, period, today, {RankingMetric(w.metric) for w in counted}, units)
    scope = scope_for(user)
    for unit in units:
        links = _Links(unit, period) if scope.sees_unit(unit.pk) else None
        cells = [_cell(RankingMetric(w.metric), w.weight, counts, unit, links) for w in counted]
        ranking.rows.append(RankingRow(unit=unit, cells=cells))
    _rank(ranking.rows)
    return ranking


def _left_out(metric, kind):
    return kind != OrgUnitKind.TOWNSHIP and metric in TOWNSHIP_ONLY_METRICS


def _rank(rows):
    rows.sort(key=lambda row: -row.score)  # stable: equal scores keep the county's order
    for position, row in enumerate(rows, 1):
        same = position > 1 and row.score == rows[position - 2].score
        row.rank = rows[position - 2].rank if same else position


def _cell(metric, weight, counts, unit, links):
    numerator, denominator = counts.get(metric, {}).get(unit.pk, (0, 0))
    url, denominator_url = links.of(metric) if links else ("", "")
    return MetricCell(metric, weight, numerator, denominator, url, denominator_url)


def _counts(kind, period, today, metrics, units):
    """{metric: {unit id: (numerator, denominator)}} for the metrics asked, one grouped query each source."""
    counts = {}
    if RankingMetric.REPORTS_ON_TIME in metrics:
        counts[RankingMetric.REPORTS_ON_TIME] = report_counts(kind=kind, period=period, today=today)
    if metrics & set(HAZARD_PARTS):
        counts.update(hazard_counts(kind=kind, period=period, today=today, units=units))
    if RankingMetric.ACKS_ON_TIME in metrics:
        counts[RankingMetric.ACKS_ON_TIME] = ack_counts(period=period, now=timezone.now())
    return counts


def due_report_periods(period, today):
    """(frequency, first day, last day) of each reporting period ending within `period` and before `today`."""
    from tasks.choices import ReportFrequency
    from tasks.periods import period_end, periods_between

    cutoff = min(period.last, today - timedelta(days=1))
    due = []
    for frequency in ReportFrequency:
        for start in periods_between(period.first, cutoff, frequency):
            end = period_end(start, frequency)
            if period.first <= end <= cutoff:
                due.append((frequency, start, end))
    return due


def report_counts(*, kind, period, today):
    """{owner unit id: (reports submitted on time, reports due)}: two grouped queries."""
    from tasks.choices import ReportStatus
    from tasks.models import Measure, ProgressReport

    due_periods = due_report_periods(period, today)
    if not due_periods:
        return {}
    running = [Q(frequency=f, start_date__lte=end, deadline__gte=start) for f, start, end in due_periods]
    due_rows = (
        Measure.objects.filter(owner_unit__kind=kind)
        .filter(reduce(or_, running))
        .values("owner_unit")
        .annotate(due=reduce(add, [Count("pk", filter=q) for q in running]))
        .order_by()
    )
    on_time = reduce(
        or_,
        [
            Q(
                measure__frequency=f,
                period_start=start,
                measure__start_date__lte=end,
                measure__deadline__gte=start,
                submitted_at__date__lte=end,
            )
            for f, start, end in due_periods
        ],
    )
    done_rows = (
        ProgressReport.objects.filter(on_time, measure__owner_unit__kind=kind)
        .filter(status__in=[ReportStatus.SUBMITTED, ReportStatus.APPROVED])
        .values("measure__owner_unit")
        .annotate(n=Count("pk"))
        .order_by()
    )
    done = {row["measure__owner_unit"]: row["n"] for row in done_rows}
    return {row["owner_unit"]: (done.get(row["owner_unit"], 0), row["due"]) for row in due_rows}


def hazard_counts(*, kind, period, today, units):
    """{metric: {unit id: (hazards of the part, hazards found)}} for the three hazard metrics: one query."""
    by_key = part_counts_between(kind=kind, first=period.first, last=period.last, today=today)
    counts = {metric: {} for metric in HAZARD_PARTS}
    for unit in units:
        parts = by_key.get(unit.code if kind == OrgUnitKind.TOWNSHIP else unit.pk)
        if not parts:
            continue
        found = parts[ScorePart.SELF_FOUND] + parts[ScorePart.BY_OTHERS]
        for metric, part in HAZARD_PARTS.items():
            counts[metric][unit.pk] = (parts[part], found)
    return counts


def ack_counts(*, period, now):
    """{township id: (acknowledged on time by the township, acknowledgements due)}: one grouped query."""
    from disasters.models import WarningAcknowledgement

    zone = timezone.get_current_timezone()
    begin = datetime.combine(period.first, time.min, tzinfo=zone)
    end = min(datetime.combine(period.last + timedelta(days=1), time.min, tzinfo=zone), now)
    on_time = Q(acknowledged_at__lte=F("due_at"), on_behalf=False)
    rows = (
        WarningAcknowledgement.objects.filter(due_at__gte=begin, due_at__lt=end)
        .values("township")
        .annotate(due=Count("pk"), on_time=Count("pk", filter=on_time))
        .order_by()
    )
    return {row["township"]: (row["on_time"], row["due"]) for row in rows}


class _Links:
    """The lists behind a unit's numbers. The hazard list holds exactly the hazards counted; the measure and
    warning lists hold the unit's measures and the township's warnings of the year, the records the counted
    reports and acknowledgements belong to."""

    def __init__(self, unit, period):
        self.unit, self.period = unit, period

    def of(self, metric):
        if metric in HAZARD_PARTS:
            return self._hazards(HAZARD_PARTS[metric]), self._hazards(None)
        if metric == RankingMetric.REPORTS_ON_TIME:
            return "", _url("measure-list", owner_unit=self.unit.pk)
        return "", _url("disasters:warning-list", township=self.unit.pk, year=self.period.first.year)

    def _hazards(self, part):
        query = {"unit": self.unit.pk, "found_from": self.period.first, "found_to": self.period.last}
        if part is not None:
            query["score_part"] = part.value
        return _url("hazards:index", **query)


def _url(name, **query):
    return f"{reverse(name)}?{urlencode(query)}"
