from rest_framework import viewsets

from core.api.serializers import EnterpriseSerializer, OrgUnitSerializer
from core.filtersets import EnterpriseFilterSet, OrgUnitFilterSet
from core.selectors import enterprise_queryset, org_unit_queryset


class OrgUnitViewSet(viewsets.ReadOnlyModelViewSet):
    """组织单位: 县、乡镇/街道、村/社区、网格与县级部门, as far as the caller may see them."""

    serializer_class = OrgUnitSerializer
    filterset_class = OrgUnitFilterSet

    def get_queryset(self):
        return org_unit_queryset(user=self.request.user)


class EnterpriseViewSet(viewsets.ReadOnlyModelViewSet):
    """生产经营单位 of the caller's townships and supervised sectors."""

    serializer_class = EnterpriseSerializer
    filterset_class = EnterpriseFilterSet

    def get_queryset(self):
        return enterprise_queryset(user=self.request.user)
