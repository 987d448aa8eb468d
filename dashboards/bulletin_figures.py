"""The figures a bulletin prints, read through the cockpit's own `summary()` so the two never disagree.

A month's bulletin is the cockpit on the month's last day (today for the month under way). A quarter's is
the cockpit on the quarter's last day for every standing figure (measures, open hazards, targets, warnings,
and patrols, which the cockpit counts for the patrol period containing the day), while what happened
*during* the period — hazards found and closed, enforcement — is the sum of its months, each read on that
month's last day. A township has no enforcement figures (the cockpit gives None).
"""

from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from dashboards.bulletin_periods import month_ends

# Figures that count what happened within the month of `on`; a quarter adds its months up.
HAZARD_FLOWS = ("found", "closed")
ENFORCEMENT_METRICS = ("inspections", "problems", "penalties", "amount")


@dataclass
class EnforcementLine:
    name: str
    inspections: int = 0
    problems: int = 0
    penalties: int = 0
    amount: Decimal = Decimal("0")
    last_year: dict = field(default_factory=dict)  # the same figures a year earlier

    def add(self, row):
        for metric in ENFORCEMENT_METRICS:
            figure = getattr(row, metric)
            setattr(self, metric, getattr(self, metric) + figure.current)
            self.last_year[metric] = self.last_year.get(metric, 0) + figure.last_year


@dataclass
class BulletinFigures:
    on: object  # the date the standing figures are read on
    state: object  # the cockpit's summary on that date
    hazard_totals: list  # Figure list; found/closed summed over the period's months
    enforcement_rows: list  # EnforcementLine per department, then the total
    enforcement_summary: str  # the body sentence of the 三个强度 (a month's own, or the quarter's)
    months: int = 1


def bulletin_figures(*, bulletin, today=None, progress=None):
    """Read the period through `summary()`; `progress(done, total)` is called after each month read."""
    from dashboards.figures import summary

    today = today or timezone.localdate()
    ends = month_ends(bulletin.kind, bulletin.period_start, today=today)
    states = []
    for end in ends:
        states.append(summary(user=bulletin.requested_by, unit=bulletin.unit, on=end))
        if progress:
            progress(len(states), len(ends))
    return combine(states)


def combine(states):
    """One BulletinFigures from the summaries of the period's months, in order."""
    last = states[-1]
    return BulletinFigures(
        on=last.on,
        state=last,
        hazard_totals=_summed(states, lambda s: s.hazards.totals, HAZARD_FLOWS),
        enforcement_rows=_enforcement_rows([s.enforcement for s in states if s.enforcement is not None]),
        enforcement_summary=last.enforcement.summary() if len(states) == 1 and last.enforcement else "",
        months=len(states),
    )


def _summed(states, pick, keys):
    """The last state's figures, with those named in `keys` summed over every state (their 本月 becoming
    本季度 when there are several)."""
    totals = {}
    for state in states:
        for figure in pick(state):
            if figure.key in keys:
                totals[figure.key] = totals.get(figure.key, 0) + figure.value
    figures = []
    for figure in pick(states[-1]):
        if figure.key in keys and len(states) > 1:
            figure = replace(figure, value=totals[figure.key], label=figure.label.replace(_("本月"), _("本季度")))
        figures.append(figure)
    return figures


def _enforcement_rows(bulletins):
    lines = {}
    total = None
    for month in bulletins:
        for row in month.rows:
            key = row.department.pk if row.department else row.name
            lines.setdefault(key, EnforcementLine(name=row.name)).add(row)
        if total is None:
            total = EnforcementLine(name=month.total.name)
        total.add(month.total)
    return [*lines.values(), total] if total else []
