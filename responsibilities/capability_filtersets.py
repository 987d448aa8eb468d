"""One filter set for the "五有" records: the API list filters with it (year, township, short=true)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from responsibilities.models import TownshipCapability


class TownshipCapabilityFilterSet(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("年度"), min_value=2000, max_value=2100)
    township = django_filters.NumberFilter(label=_("乡镇（街道）ID"), field_name="township_id")
    short = django_filters.BooleanFilter(label=_("只看未达标"), method="filter_short")

    class Meta:
        model = TownshipCapability
        fields = ["year", "township", "short"]

    def filter_short(self, queryset, name, value):
        from responsibilities.capability_selectors import short_filter

        if value is None:
            return queryset
        return queryset.filter(short_filter()) if value else queryset.exclude(short_filter())
