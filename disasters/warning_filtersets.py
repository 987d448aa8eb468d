import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtersets import SmallSelectsMixin
from disasters.choices_warnings import WarningLevel, WarningType
from disasters.models import Warning


class WarningFilterSet(SmallSelectsMixin, django_filters.FilterSet):
    """One filter set for the warning list page and the API."""

    level = django_filters.ChoiceFilter(label=_("预警级别"), choices=WarningLevel.choices, empty_label=_("全部级别"))
    type = django_filters.ChoiceFilter(label=_("预警类型"), choices=WarningType.choices, empty_label=_("全部类型"))
    in_force = django_filters.BooleanFilter(label=_("生效中"), method="filter_in_force")
    township = django_filters.NumberFilter(label=_("乡镇（街道）ID"), method="filter_township")
    year = django_filters.NumberFilter(
        label=_("发布年度"), field_name="issued_at__year", min_value=2000, max_value=2100, decimal_places=0
    )

    class Meta:
        model = Warning
        fields = ["level", "type", "in_force", "township", "year"]

    def filter_in_force(self, queryset, name, value):
        return queryset.filter(lifted_at__isnull=value)

    def filter_township(self, queryset, name, value):
        from disasters.models import WarningAcknowledgement

        return queryset.filter(pk__in=WarningAcknowledgement.objects.filter(township_id=value).values("warning_id"))
