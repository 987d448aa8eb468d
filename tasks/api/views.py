from rest_framework import viewsets

from tasks import selectors
from tasks.api import serializers
from tasks.api.work_views import TargetAllocationsMixin
from tasks.filtersets import (
    KeyActionFilterSet,
    PlanFilterSet,
    QuantitativeTargetFilterSet,
    SystemFilterSet,
    WorkItemFilterSet,
)


class PlanViewSet(viewsets.ReadOnlyModelViewSet):
    """年度工作要点."""

    serializer_class = serializers.PlanSerializer
    filterset_class = PlanFilterSet

    def get_queryset(self):
        return selectors.plan_queryset(user=self.request.user)


class SystemViewSet(viewsets.ReadOnlyModelViewSet):
    """体系: the six headings of part 二."""

    serializer_class = serializers.SystemSerializer
    filterset_class = SystemFilterSet

    def get_queryset(self):
        return selectors.system_queryset(user=self.request.user)


class WorkItemViewSet(viewsets.ReadOnlyModelViewSet):
    """工作任务: the numbered work items, with lead and co-units."""

    serializer_class = serializers.WorkItemSerializer
    filterset_class = WorkItemFilterSet

    def get_queryset(self):
        return selectors.work_item_queryset(user=self.request.user)


class KeyActionViewSet(viewsets.ReadOnlyModelViewSet):
    """重点行动."""

    serializer_class = serializers.KeyActionSerializer
    filterset_class = KeyActionFilterSet

    def get_queryset(self):
        return selectors.key_action_queryset(user=self.request.user)


class QuantitativeTargetViewSet(TargetAllocationsMixin, viewsets.ReadOnlyModelViewSet):
    """量化指标 of the 年度工程治理任务清单."""

    serializer_class = serializers.QuantitativeTargetSerializer
    filterset_class = QuantitativeTargetFilterSet

    def get_queryset(self):
        return selectors.target_queryset(user=self.request.user)
