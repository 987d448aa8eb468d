"""Reads of core records, scoped to the person asking; the pages and the API both use them."""

from django.db.models import Prefetch

from core.filtersets import EnterpriseFilterSet, OrgUnitFilterSet
from core.models import Enterprise, EnterpriseAlias, OrgUnit


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
