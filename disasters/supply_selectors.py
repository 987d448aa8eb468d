"""Reads of depots, supply items and their movements, scoped to the person asking; pages and API share them."""

import django_filters
from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from core.filtersets import SmallSelectsMixin
from core.models import OrgUnit
from disasters.models import Depot, StockMovement, SupplyItem
from disasters.models.supplies import DEPOT_OWNER_KINDS, SupplyCategory


class SupplyItemFilterSet(SmallSelectsMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("名称或规格"), method="filter_q")
    depot = django_filters.NumberFilter(label=_("储备库ID"), field_name="depot_id")
    category = django_filters.ChoiceFilter(label=_("类别"), choices=SupplyCategory.choices, empty_label=_("全部类别"))
    low_stock = django_filters.BooleanFilter(label=_("低于警戒线"), method="filter_low_stock")

    class Meta:
        model = SupplyItem
        fields = ["q", "depot", "category", "low_stock"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(name__icontains=value) | Q(specification__icontains=value))

    def filter_low_stock(self, queryset, name, value):
        if value is None:
            return queryset
        low = Q(quantity__lte=F("low_stock_line"))
        return queryset.filter(low) if value else queryset.exclude(low)


class DepotFilterSet(django_filters.FilterSet):
    owner_unit = django_filters.NumberFilter(label=_("管理单位ID"), field_name="owner_unit_id")

    class Meta:
        model = Depot
        fields = ["owner_unit"]


def depot_queryset(*, user):
    return (
        Depot.objects.visible_to(user)
        .select_related("owner_unit")
        .annotate(
            item_count=Count("items", distinct=True),
            low_count=Count("items", filter=Q(items__quantity__lte=F("items__low_stock_line")), distinct=True),
        )
    )


def depot_list(*, user, filters=None):
    return DepotFilterSet(filters, queryset=depot_queryset(user=user))


def supply_item_queryset(*, user):
    return SupplyItem.objects.visible_to(user).select_related("depot__owner_unit")


def supply_item_list(*, user, filters=None):
    """The FilterSet over the items the person may see: `.qs` the rows, `.errors` the bad filter values."""
    return SupplyItemFilterSet(filters, queryset=supply_item_queryset(user=user))


def low_stock_items(*, user):
    return supply_item_queryset(user=user).low_stock().order_by("depot__name", "category", "name")


def item_movements(*, item, limit=50):
    return StockMovement.objects.filter(item=item).select_related("actor")[:limit]


def depot_owner_choices(*, user):
    return (
        OrgUnit.objects.visible_to(user)
        .filter(kind__in=DEPOT_OWNER_KINDS, is_active=True)
        .order_by("-kind", "sort_order", "code")
    )


def depot_choices(*, user):
    return Depot.objects.visible_to(user).only("pk", "name").order_by("name")
