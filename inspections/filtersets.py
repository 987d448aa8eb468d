import re

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.choices import Sector
from core.filtersets import SmallSelectsMixin
from inspections.choices import InspectionKind, InspectionStatus
from inspections.models import ChecklistTemplate, Inspection

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class MonthFilter(django_filters.CharFilter):
    """2024-05: the inspections of that month."""

    def filter(self, qs, value):
        if not value:
            return qs
        match = MONTH.match(value.strip())
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise ValidationError(_("月份格式应为YYYY-MM，如2024-05。"))
        return qs.filter(inspected_on__year=int(match.group(1)), inspected_on__month=int(match.group(2)))


class InspectionFilterSet(SmallSelectsMixin, django_filters.FilterSet):
    """One filter set for the inspection list page and the API."""

    q = django_filters.CharFilter(label=_("编号、单位或地点"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("检查类型"), choices=InspectionKind.choices, empty_label=_("全部类型"))
    department = django_filters.NumberFilter(label=_("检查部门ID"), field_name="department_id")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=InspectionStatus.choices, empty_label=_("全部状态"))
    month = MonthFilter(label=_("月份（YYYY-MM）"))
    enterprise = django_filters.NumberFilter(label=_("生产经营单位ID"), field_name="enterprise_id")
    township = django_filters.NumberFilter(label=_("乡镇（街道）ID"), field_name="township_id")
    recheck_overdue = django_filters.BooleanFilter(label=_("复查逾期"), method="filter_overdue")

    class Meta:
        model = Inspection
        fields = ["q", "kind", "department", "status", "month", "enterprise", "township", "recheck_overdue"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(number__iexact=value) | Q(enterprise__name__icontains=value) | Q(place__icontains=value)
        )

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = Q(status=InspectionStatus.RECTIFYING, recheck_due__lt=timezone.localdate())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)


class ChecklistFilterSet(SmallSelectsMixin, django_filters.FilterSet):
    sector = django_filters.ChoiceFilter(label=_("行业领域"), choices=Sector.choices, empty_label=_("全部行业"))
    current = django_filters.BooleanFilter(label=_("只看现行版本"), field_name="is_current")

    class Meta:
        model = ChecklistTemplate
        fields = ["sector", "current"]
