"""The filters of the four-person roster (监管责任人名册) export."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtersets import SmallSelectsMixin
from responsibilities.board_choices import ResponsibleRole
from responsibilities.models import ResponsiblePerson


class ResponsiblePersonFilterSet(SmallSelectsMixin, django_filters.FilterSet):
    township = django_filters.NumberFilter(label=_("乡镇（街道）ID"), field_name="enterprise__township_id")
    department = django_filters.NumberFilter(
        label=_("行业监管部门ID"), field_name="enterprise__supervising_department_id"
    )
    enterprise = django_filters.NumberFilter(label=_("生产经营单位ID"), field_name="enterprise_id")
    role = django_filters.ChoiceFilter(label=_("责任类别"), choices=ResponsibleRole.choices, empty_label=_("全部类别"))
    current = django_filters.BooleanFilter(label=_("仅现任"), method="filter_current")

    class Meta:
        model = ResponsiblePerson
        fields = ["township", "department", "enterprise", "role", "current"]

    def __init__(self, data=None, *args, **kwargs):
        # The current holders unless asked otherwise: the roster as it stands, which imports back unchanged.
        if data is not None and "current" not in data:
            data = data.copy()
            data["current"] = "true"
        super().__init__(data, *args, **kwargs)

    def filter_current(self, queryset, name, value):
        return queryset.current() if value else queryset
