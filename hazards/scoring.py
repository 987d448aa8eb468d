"""评价细则 of the problem list: per township (by territory) and per county department (by supervising
department), the hazards found in a year that count for the unit — found by itself (自查自报), closed on
time — and against it — overdue, found by others — and a score weighted by HAZARD_SCORE_WEIGHTS.

Each count is a `score_part` of hazards.conditions, the same condition the hazard filters use, so the list
behind a number (?unit=…&year=…&score_part=…) holds exactly the hazards counted."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import CharField, Count, F, Func, Q, Value

from core.choices import OrgUnitKind, Role
from core.models import OrgUnit
from core.scoping import scope_for
from hazards.choices import ScorePart
from hazards.conditions import score_part_q
from hazards.models import Hazard

# Below the county, a unit's own score is shown to its head.
SCORE_VIEWER_ROLES = {Role.TOWNSHIP_HEAD, Role.DEPT_HEAD}


@dataclass
class UnitScore:
    unit: OrgUnit
    counts: dict  # ScorePart value -> number of hazards

    @property
    def score(self):
        weights = settings.HAZARD_SCORE_WEIGHTS
        return sum(weights[part] * n for part, n in self.counts.items())


def score_unit_ids(user):
    """None for county-wide roles (every unit); otherwise the units the person heads."""
    scope = scope_for(user)
    if scope.sees_all:
        return None
    return {unit_id for unit_id, roles in scope.roles_by_unit.items() if roles & SCORE_VIEWER_ROLES}


def _grouped(hazards, group_by, found, today):
    """{group key: {score part: count}} in one grouped query; `found` selects the hazards by when found."""
    counts = {f"n_{part}": Count("pk", filter=score_part_q(part, today)) for part in ScorePart.values}
    rows = hazards.filter(found).values(group_by).annotate(**counts).order_by()
    return {row[group_by]: {part: row[f"n_{part}"] for part in ScorePart.values} for row in rows}


def _township_counts(found, today, codes):
    # A territory's path is "county/township/…": its second code is the township it lies in.
    township = Func(F("territory__path"), Value("/"), Value(2), function="split_part", output_field=CharField())
    hazards = Hazard.objects.annotate(township_code=township)
    if codes is not None:
        hazards = hazards.filter(township_code__in=codes)
    return _grouped(hazards, "township_code", found, today)


def _department_counts(found, today, ids):
    hazards = Hazard.objects.exclude(supervising_department=None)
    if ids is not None:
        hazards = hazards.filter(supervising_department__in=ids)
    return _grouped(hazards, "supervising_department", found, today)


def _highest_first(row):
    return -row.score  # a stable sort: equal scores keep the units' order


def unit_scores(*, user, year, today):
    """(township rows, department rows) the person may see, each sorted by score, highest first."""
    unit_ids = score_unit_ids(user)
    if unit_ids is not None and not unit_ids:
        return [], []
    units = OrgUnit.objects.filter(kind__in=[OrgUnitKind.TOWNSHIP, OrgUnitKind.DEPARTMENT], is_active=True)
    if unit_ids is not None:
        units = units.filter(pk__in=unit_ids)
    units = list(units.order_by("sort_order", "pk"))
    townships = [u for u in units if u.kind == OrgUnitKind.TOWNSHIP]
    departments = [u for u in units if u.kind == OrgUnitKind.DEPARTMENT]
    zero = dict.fromkeys(ScorePart.values, 0)
    township_rows, department_rows = [], []
    found = Q(found_on__year=year)
    if townships:
        by_code = _township_counts(found, today, None if unit_ids is None else [u.code for u in townships])
        township_rows = [UnitScore(u, by_code.get(u.code, zero)) for u in townships]
    if departments:
        by_dept = _department_counts(found, today, None if unit_ids is None else [u.pk for u in departments])
        department_rows = [UnitScore(u, by_dept.get(u.pk, zero)) for u in departments]
    return sorted(township_rows, key=_highest_first), sorted(department_rows, key=_highest_first)


def part_counts_between(*, kind, first, last, today):
    """{township code or department id: {score part: count}} of the hazards found from `first` to `last`
    (a month, a quarter: the 晾晒 ranking), counted as unit_scores counts a year, in one grouped query."""
    found = Q(found_on__gte=first, found_on__lte=last)
    if kind == OrgUnitKind.TOWNSHIP:
        return _township_counts(found, today, None)
    return _department_counts(found, today, None)
