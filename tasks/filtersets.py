import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tasks.choices import ExtensionStatus, MeasureStatus, ReportStatus, SupervisionColour
from tasks.models import (
    ExtensionRequest,
    KeyAction,
    Measure,
    Plan,
    ProgressReport,
    QuantitativeTarget,
    System,
    WorkItem,
)


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


class MeasureFilterSet(django_filters.FilterSet):
    """One filter set for the measure list page, its Excel export and the API."""

    year = django_filters.NumberFilter(label=_("年度"), field_name="plan__year")
    system = django_filters.NumberFilter(label=_("体系ID"), field_name="work_item__system_id")
    work_item = django_filters.NumberFilter(label=_("工作任务ID"), field_name="work_item_id")
    key_action = django_filters.NumberFilter(label=_("重点行动ID"), field_name="key_action_id")
    unit = django_filters.NumberFilter(label=_("责任或牵头单位ID"), method="filter_unit")
    owner_unit = django_filters.NumberFilter(label=_("责任单位ID"), field_name="owner_unit_id")
    lead_unit = django_filters.NumberFilter(label=_("牵头单位ID"), field_name="lead_unit_id")
    target = django_filters.NumberFilter(label=_("量化指标ID"), field_name="target_id")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=MeasureStatus.choices, empty_label=_("全部状态"))
    colour = django_filters.ChoiceFilter(
        label=_("督办"), choices=SupervisionColour.choices, empty_label=_("全部督办颜色")
    )
    q = django_filters.CharFilter(label=_("措施内容包含"), field_name="title", lookup_expr="icontains")

    class Meta:
        model = Measure
        fields = [
            "year",
            "system",
            "work_item",
            "key_action",
            "unit",
            "owner_unit",
            "lead_unit",
            "target",
            "status",
            "colour",
            "q",
        ]

    def filter_unit(self, queryset, name, value):
        return queryset.filter(Q(owner_unit_id=value) | Q(lead_unit_id=value))


class ProgressReportFilterSet(django_filters.FilterSet):
    measure = django_filters.NumberFilter(label=_("具体措施ID"), field_name="measure_id")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=ReportStatus.choices)
    unit = django_filters.NumberFilter(label=_("填报单位ID"), field_name="unit_id")
    period_from = django_filters.DateFilter(label=_("周期起"), field_name="period_start", lookup_expr="gte")
    period_to = django_filters.DateFilter(label=_("周期止"), field_name="period_start", lookup_expr="lte")

    class Meta:
        model = ProgressReport
        fields = ["measure", "status", "unit", "period_from", "period_to"]


class ExtensionRequestFilterSet(django_filters.FilterSet):
    measure = django_filters.NumberFilter(label=_("具体措施ID"), field_name="measure_id")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=ExtensionStatus.choices)

    class Meta:
        model = ExtensionRequest
        fields = ["measure", "status"]
