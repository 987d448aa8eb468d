"""One filter set of inspection plans, used by the HTML list and the API."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.filtersets import SmallSelectsMixin
from inspections.models import InspectionPlan
from inspections.plan_choices import PlanFocus


class InspectionPlanFilterSet(SmallSelectsMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("计划名称"), field_name="title", lookup_expr="icontains")
    department = django_filters.NumberFilter(label=_("执法部门ID"), field_name="department_id")
    year = django_filters.NumberFilter(
        label=_("年度"), method="filter_year", min_value=2000, max_value=2100, decimal_places=0
    )
    focus = django_filters.ChoiceFilter(label=_("执法重点"), choices=PlanFocus.choices, empty_label=_("全部重点"))
    current = django_filters.BooleanFilter(label=_("正在执行"), method="filter_current")

    class Meta:
        model = InspectionPlan
        fields = ["q", "department", "year", "focus", "current"]

    def filter_year(self, queryset, name, value):
        """Plans whose period touches the year."""
        return queryset.filter(starts_on__year__lte=value, ends_on__year__gte=value)

    def filter_current(self, queryset, name, value):
        if value is None:
            return queryset
        today = timezone.localdate()
        running = Q(starts_on__lte=today, ends_on__gte=today)
        return queryset.filter(running) if value else queryset.exclude(running)
