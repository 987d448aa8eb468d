"""Reads of shelters, scoped to the person asking, and the 自然村全覆盖 figure of item 11 (target 10)."""

from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal

import django_filters
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from core.choices import OrgUnitKind
from core.filtersets import SmallSelectsMixin
from core.models import OrgUnit
from disasters.models import Shelter, ShelterCoverage
from disasters.models.shelters import ShelterKind


class ShelterFilterSet(SmallSelectsMixin, django_filters.FilterSet):
    """One filter set for the shelter list page, its Excel export and the API."""

    q = django_filters.CharFilter(label=_("编号、名称或地址"), method="filter_q")
    township = django_filters.NumberFilter(label=_("乡镇（街道）ID"), field_name="township_id")
    village = django_filters.NumberFilter(label=_("覆盖村（社区）ID"), method="filter_village")
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=ShelterKind.choices, empty_label=_("全部类型"))
    is_active = django_filters.BooleanFilter(label=_("启用"))

    class Meta:
        model = Shelter
        fields = ["q", "township", "village", "kind", "is_active"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(code__iexact=value) | Q(name__icontains=value) | Q(address__icontains=value))

    def filter_village(self, queryset, name, value):
        return queryset.filter(Exists(ShelterCoverage.objects.filter(shelter=OuterRef("pk"), village_id=value)))


def shelter_queryset(*, user):
    return (
        Shelter.objects.visible_to(user)
        .select_related("township", "village")
        .annotate(village_count=Count("covered_villages", distinct=True))
    )


def shelter_list(*, user, filters=None):
    """The FilterSet over the person's shelters: `.qs` is the rows, `.errors` the bad filter values."""
    return ShelterFilterSet(filters, queryset=shelter_queryset(user=user))


def shelter_detail_queryset(*, user):
    villages = OrgUnit.objects.select_related("parent").order_by("path")
    return shelter_queryset(user=user).prefetch_related(Prefetch("covered_villages", queryset=villages))


def shelter_filter_choices(*, user):
    townships = OrgUnit.objects.visible_to(user).filter(kind=OrgUnitKind.TOWNSHIP, is_active=True)
    return {"townships": list(townships.order_by("sort_order", "code"))}


def township_villages(township):
    return OrgUnit.objects.filter(parent=township, kind=OrgUnitKind.VILLAGE, is_active=True).order_by("code")


def percent(part, whole):
    """Rounded down to one decimal, so 100.0 % means every village, never 300 of 301."""
    if not whole:
        return Decimal("0.0")
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_DOWN)


@dataclass
class CoverageRow:
    township: OrgUnit
    villages: int = 0
    covered: int = 0
    uncovered: list = field(default_factory=list)  # the uncovered villages' names

    @property
    def percent(self):
        return percent(self.covered, self.villages)


@dataclass
class Coverage:
    rows: list

    @property
    def villages(self):
        return sum(row.villages for row in self.rows)

    @property
    def covered(self):
        return sum(row.covered for row in self.rows)

    @property
    def percent(self):
        return percent(self.covered, self.villages)


def shelter_coverage(*, user=None, townships=None):
    """Per township: its villages (村/社区), how many an active shelter covers, and which are not covered.

    A village counts as covered whichever township's shelter serves it: coverage is a fact about the village,
    so the figure does not depend on which shelters the person may see. `user` limits the townships shown
    (None: the whole county, as the target counts it); `townships` limits them further. Two queries."""
    units = OrgUnit.objects.visible_to(user) if user is not None else OrgUnit.objects.all()
    units = units.filter(kind=OrgUnitKind.TOWNSHIP, is_active=True)
    if townships is not None:
        units = units.filter(pk__in=[getattr(t, "pk", t) for t in townships])
    rows = {t.pk: CoverageRow(t) for t in units.order_by("sort_order", "code")}
    covering = ShelterCoverage.objects.filter(village=OuterRef("pk"), shelter__is_active=True)
    villages = (
        OrgUnit.objects.filter(kind=OrgUnitKind.VILLAGE, is_active=True, parent_id__in=rows)
        .annotate(covered=Exists(covering))
        .order_by("code")
        .values_list("parent_id", "name", "covered")
    )
    for township_id, name, covered in villages:
        row = rows[township_id]
        row.villages += 1
        if covered:
            row.covered += 1
        else:
            row.uncovered.append(name)
    return Coverage(rows=list(rows.values()))
