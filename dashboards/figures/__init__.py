"""The cockpit's figures (全县总览), for the county or one unit, on a date: one function that the page, the
dashboard API and the bulletins all call, so they always agree."""

from dataclasses import dataclass

from django.utils import timezone

from core.choices import OrgUnitKind
from dashboards.figures.base import BreakdownRow, Figure, Links, TargetRow
from dashboards.figures.disasters import patrol_figures, warning_figures
from dashboards.figures.hazards import HazardFigures, hazard_figures
from dashboards.figures.plan import PlanFigures, plan_figures
from inspections.bulletin import enforcement_figures

__all__ = ["BreakdownRow", "Figure", "Summary", "TargetRow", "summary"]


@dataclass
class Summary:
    on: object  # datetime.date
    unit: object  # OrgUnit, or None: the county (all the person may see)
    live: bool  # read for today: every figure links to its list
    plan: PlanFigures
    hazards: HazardFigures
    warnings: list
    patrols: list
    enforcement: object  # inspections.bulletin.Bulletin of the month of `on`, or None for a township

    @property
    def plan_year(self):
        return self.plan.year


def summary(*, user, unit=None, on=None):
    today = timezone.localdate()
    on = on or today
    links = Links(live=on == today, unit=unit)
    args = {"user": user, "unit": unit, "on": on, "links": links}
    return Summary(
        on=on,
        unit=unit,
        live=links.live,
        plan=plan_figures(**args),
        hazards=hazard_figures(**args),
        warnings=warning_figures(**args),
        patrols=patrol_figures(**args),
        enforcement=_enforcement(user, unit, on),
    )


def _enforcement(user, unit, on):
    if unit is not None and unit.kind != OrgUnitKind.DEPARTMENT:
        return None
    return enforcement_figures(month=on, department=unit, user=user)
