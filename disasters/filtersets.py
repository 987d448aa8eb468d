import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.filtersets import SmallSelectsMixin
from disasters.choices import GEOHAZARD_KINDS, RiskKind, RiskPointState, RiskZoneLevel
from disasters.models import RiskPoint, RiskZone


class RiskPointFilterSet(SmallSelectsMixin, django_filters.FilterSet):
    """One filter set for the risk-point list, its Excel export, the map and the API."""

    q = django_filters.CharFilter(label=_("编号、名称或位置"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=RiskKind.choices, empty_label=_("全部类型"))
    geohazard = django_filters.BooleanFilter(label=_("地灾隐患点"), method="filter_geohazard")
    state = django_filters.ChoiceFilter(label=_("状态"), choices=RiskPointState.choices, empty_label=_("全部状态"))
    township = django_filters.NumberFilter(label=_("乡镇（街道）ID"), field_name="township_id")
    village = django_filters.NumberFilter(label=_("村（社区）ID"), field_name="village_id")
    department = django_filters.NumberFilter(label=_("主管部门ID"), field_name="supervising_department_id")
    zone = django_filters.NumberFilter(label=_("风险区ID"), field_name="zones")
    has_monitoring = django_filters.BooleanFilter(label=_("已建技防"))
    monitoring_year = django_filters.NumberFilter(
        label=_("技防建成年度"), field_name="monitoring_installed_on__year", min_value=2000, max_value=2100
    )
    governed_year = django_filters.NumberFilter(
        label=_("治理完成年度"), field_name="governed_on__year", min_value=2000, max_value=2100
    )

    class Meta:
        model = RiskPoint
        fields = [
            "q",
            "kind",
            "geohazard",
            "state",
            "township",
            "village",
            "department",
            "zone",
            "has_monitoring",
            "monitoring_year",
            "governed_year",
        ]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value) | Q(place__icontains=value))

    def filter_geohazard(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(kind__in=GEOHAZARD_KINDS) if value else queryset.exclude(kind__in=GEOHAZARD_KINDS)


class RiskZoneFilterSet(SmallSelectsMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("编号或名称"), method="filter_q")
    level = django_filters.ChoiceFilter(label=_("风险等级"), choices=RiskZoneLevel.choices, empty_label=_("全部等级"))
    township = django_filters.NumberFilter(label=_("乡镇（街道）ID"), field_name="township_id")

    class Meta:
        model = RiskZone
        fields = ["q", "level", "township"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value))
