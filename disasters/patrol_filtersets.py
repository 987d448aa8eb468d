import django_filters
from django.utils.translation import gettext_lazy as _

from disasters.choices import PatrolKind, PatrolSituation
from disasters.models import Patrol


class PatrolFilterSet(django_filters.FilterSet):
    """One filter set for the patrol list page and the API."""

    township = django_filters.NumberFilter(label=_("乡镇（街道）ID"), field_name="risk_point__township_id")
    kind = django_filters.ChoiceFilter(label=_("巡查类型"), choices=PatrolKind.choices, empty_label=_("全部类型"))
    risk_point = django_filters.NumberFilter(label=_("隐患点ID"), field_name="risk_point_id")
    date_from = django_filters.DateFilter(label=_("巡查日期起"), field_name="patrolled_at", lookup_expr="date__gte")
    date_to = django_filters.DateFilter(label=_("巡查日期止"), field_name="patrolled_at", lookup_expr="date__lte")
    abnormal = django_filters.BooleanFilter(label=_("只看异常"), method="filter_abnormal")

    class Meta:
        model = Patrol
        fields = ["township", "kind", "risk_point", "date_from", "date_to", "abnormal"]

    def filter_abnormal(self, queryset, name, value):
        if value is None:
            return queryset
        if value:
            return queryset.filter(situation=PatrolSituation.ABNORMAL)
        return queryset.filter(situation=PatrolSituation.NORMAL)
