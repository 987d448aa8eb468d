"""Reads of core records, scoped to the person asking; the pages and the API both use them."""

from django.db.models import Prefetch

from core.choices import OrgUnitKind
from core.filtersets import EnterpriseFilterSet, OrgUnitFilterSet
from core.models import Enterprise, EnterpriseAlias, OrgUnit
from core.scoping import scope_for


def org_unit_queryset(*, user):
    return OrgUnit.objects.visible_to(user).select_related("parent")


def org_unit_list(*, user, filters=None):
    return OrgUnitFilterSet(filters, queryset=org_unit_queryset(user=user))


def enterprise_queryset(*, user):
    return (
        Enterprise.objects.visible_to(user)
        .select_related("township", "supervising_department")
        .prefetch_related(Prefetch("aliases", queryset=EnterpriseAlias.objects.order_by("name")))
    )


def enterprise_list(*, user, filters=None):
    """The FilterSet over the person's enterprises: `.qs` is the rows, `.errors` the bad filter values."""
    return EnterpriseFilterSet(filters, queryset=enterprise_queryset(user=user))


def unit_in_scope(*, user, pk):
    """An active unit whose figures the person may open: one in their own subtrees, or any for county-wide
    roles; None otherwise (the pages answer 404). Seeing a unit in the directory is not enough."""
    unit = OrgUnit.objects.filter(pk=pk, is_active=True).first()
    return unit if unit is not None and scope_for(user).sees_unit(unit.pk) else None


def units_in_scope(*, user):
    """The townships and departments whose figures the person may open, in the county's order."""
    scope = scope_for(user)
    units = OrgUnit.objects.filter(is_active=True, kind__in=[OrgUnitKind.TOWNSHIP, OrgUnitKind.DEPARTMENT])
    units = units.order_by("kind", "sort_order")
    return units if scope.sees_all else units.filter(pk__in=scope.unit_ids)
