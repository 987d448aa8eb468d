import django_filters
from django.utils.translation import gettext_lazy as _

from tasks.models import KeyAction, Plan, QuantitativeTarget, System, WorkItem


class PlanFilterSet(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("年度"))

    class Meta:
        model = Plan
        fields = ["year"]


class PlanPartFilterSet(django_filters.FilterSet):
    """Filters shared by the parts of a plan: which plan, by id or by year."""

    plan = django_filters.NumberFilter(label=_("工作要点ID"), field_name="plan_id")
    year = django_filters.NumberFilter(label=_("年度"), field_name="plan__year")


class SystemFilterSet(PlanPartFilterSet):
    class Meta:
        model = System
        fields = ["plan", "year"]


class WorkItemFilterSet(PlanPartFilterSet):
    system = django_filters.NumberFilter(label=_("体系ID"), field_name="system_id")
    unit = django_filters.NumberFilter(label=_("牵头或责任单位ID"), method="filter_unit")

    class Meta:
        model = WorkItem
        fields = ["plan", "year", "system", "unit"]

    def filter_unit(self, queryset, name, value):
        return queryset.for_unit(value)


class KeyActionFilterSet(PlanPartFilterSet):
    unit = django_filters.NumberFilter(label=_("牵头或责任单位ID"), method="filter_unit")

    class Meta:
        model = KeyAction
        fields = ["plan", "year", "unit"]

    def filter_unit(self, queryset, name, value):
        return queryset.for_unit(value)


class QuantitativeTargetFilterSet(PlanPartFilterSet):
    class Meta:
        model = QuantitativeTarget
        fields = ["plan", "year"]
