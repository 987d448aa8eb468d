"""Reads of the township "五有" records, scoped to the person (core.scoping): the county table, one record."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from core.choices import OrgUnitKind
from core.models import OrgUnit
from core.scoping import scope_for
from responsibilities.capability_choices import FIVE, LEVEL_COLOURS, CapabilityLevel
from responsibilities.models import CapabilityAsset, TownshipCapability, VillageGrid


def _village_total():
    villages = (
        OrgUnit.objects.filter(parent=OuterRef("township"), kind=OrgUnitKind.VILLAGE, is_active=True)
        .order_by()
        .values("parent")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(villages, output_field=IntegerField()), Value(0))


def short_filter():
    """The records where any of the five is not met (or not filled in)."""
    q = Q()
    for prefix, _label in FIVE:
        q |= ~Q(**{f"{prefix}_level": CapabilityLevel.MET})
    return q


def capability_queryset(*, user):
    """The records the person sees, with the township, the village total and the covered villages (grid
    coverage), the assets and grid rows prefetched: a list of any length in three queries."""
    grids = VillageGrid.objects.select_related("village").order_by("village__sort_order", "village__code")
    return (
        TownshipCapability.objects.visible_to(user)
        .select_related("township")
        .annotate(
            village_total=_village_total(),
            covered_villages=Count("grids", filter=_covered_q()),
        )
        .prefetch_related(
            Prefetch("assets", queryset=CapabilityAsset.objects.order_by("kind", "pk")),
            Prefetch("grids", queryset=grids),
        )
        .order_by("-year", "township__sort_order", "township__code")
    )


def _covered_q():
    """VillageGrid.covered in the database: at least one grid and a named grid worker."""
    return Q(grids__grid_count__gte=1, grids__worker_count__gte=1) & ~Q(grids__worker_names="")


def capability_list(*, user, filters=None):
    from responsibilities.capability_filtersets import TownshipCapabilityFilterSet

    return TownshipCapabilityFilterSet(filters, queryset=capability_queryset(user=user))


def capability_for(*, user, pk):
    return get_object_or_404(capability_queryset(user=user), pk=pk)


def coverage_percent(covered, total):
    return round(100 * covered / total) if total else None


def writable_townships(*, user):
    """The townships whose record the person may write: all for the county office, else their own."""
    from responsibilities.capability_services import TOWNSHIP_ROLES

    townships = OrgUnit.objects.filter(kind=OrgUnitKind.TOWNSHIP, is_active=True).order_by("sort_order", "code")
    scope = scope_for(user)
    if scope.changes_all:
        return townships
    own = [unit_id for unit_id, roles in scope.roles_by_unit.items() if roles & TOWNSHIP_ROLES]
    return townships.filter(pk__in=own)


def villages_of(township):
    return list(
        OrgUnit.objects.filter(parent=township, kind=OrgUnitKind.VILLAGE, is_active=True).order_by("sort_order", "code")
    )


def county_table(*, user, year, short_only=False):
    """Every township and street the person sees, with its record of `year` (or none): each of the five with its
    colour, and the grid coverage. Three queries."""
    scope = scope_for(user)
    townships = OrgUnit.objects.filter(kind=OrgUnitKind.TOWNSHIP, is_active=True)
    if not scope.sees_all:
        townships = townships.filter(pk__in=scope.unit_ids)
    townships = townships.annotate(
        village_total=Count("children", filter=Q(children__kind=OrgUnitKind.VILLAGE, children__is_active=True))
    ).order_by("sort_order", "code")
    records = {
        r.township_id: r
        for r in TownshipCapability.objects.visible_to(user)
        .filter(year=year)
        .annotate(covered_villages=Count("grids", filter=_covered_q()))
    }
    rows = [_table_row(township, records.get(township.pk)) for township in townships]
    return [row for row in rows if row["short"]] if short_only else rows


def _table_row(township, record):
    cells = []
    for prefix, label in FIVE:
        level = getattr(record, f"{prefix}_level") if record else ""
        display = CapabilityLevel(level).label if level else _not_filled()
        colour = LEVEL_COLOURS[level]
        cells.append({"prefix": prefix, "label": label, "level": level, "display": display, "colour": colour})
    covered = record.covered_villages if record else 0
    return {
        "township": township,
        "record": record,
        "cells": cells,
        "short": any(cell["level"] != CapabilityLevel.MET for cell in cells),
        "village_total": township.village_total,
        "covered_villages": covered,
        "coverage": coverage_percent(covered, township.village_total) if record else None,
    }


def _not_filled():
    from django.utils.translation import gettext

    return gettext("未填报")


def drills_recorded(*, township, year):
    """The drills registered in the disasters app that the township organised or took part in during the year
    (有能力's evidence): what the drill list shows for ?unit=<township>&year=<year>."""
    from disasters.models import Drill

    joined = Drill.participating_units.through.objects.filter(orgunit_id=township.pk).values("drill_id")
    return Drill.objects.filter(Q(organiser=township) | Q(pk__in=joined), held_on__year=year).count()
