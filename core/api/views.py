from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core import services
from core.api.serializers import (
    EnterpriseMergeSerializer,
    EnterpriseMergeWriteSerializer,
    EnterpriseSerializer,
    OrgUnitSerializer,
)
from core.filtersets import EnterpriseFilterSet, OrgUnitFilterSet
from core.scoping import scope_for
from core.selectors import enterprise_queryset, org_unit_queryset


class OrgUnitViewSet(viewsets.ReadOnlyModelViewSet):
    """组织单位: 县、乡镇/街道、村/社区、网格与县级部门, as far as the caller may see them."""

    serializer_class = OrgUnitSerializer
    filterset_class = OrgUnitFilterSet

    def get_queryset(self):
        return org_unit_queryset(user=self.request.user)


class EnterpriseViewSet(viewsets.ReadOnlyModelViewSet):
    """生产经营单位 of the caller's townships and supervised sectors. The county admin merges records of one
    enterprise under several names (一企多牌): `merge/preview/` says what would move, `merge/` does it."""

    serializer_class = EnterpriseSerializer
    filterset_class = EnterpriseFilterSet

    def get_queryset(self):
        return enterprise_queryset(user=self.request.user)

    def _merge_input(self, request):
        if not scope_for(request.user).changes_all:  # before the ids are looked up: 403, not "no such id"
            raise PermissionDenied(_("只有安委办管理员可以合并生产经营单位。"))
        data = EnterpriseMergeWriteSerializer(data=request.data, queryset=self.get_queryset())
        data.is_valid(raise_exception=True)
        return data.validated_data

    @extend_schema(request=EnterpriseMergeWriteSerializer, responses={201: EnterpriseMergeSerializer})
    @action(detail=False, methods=["post"], filterset_class=None, pagination_class=None)
    def merge(self, request):
        merge = services.enterprise_merge(actor=request.user, **self._merge_input(request))
        return Response(EnterpriseMergeSerializer(merge).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=EnterpriseMergeWriteSerializer, responses=EnterpriseMergeSerializer)
    @action(detail=False, methods=["post"], url_path="merge/preview", filterset_class=None, pagination_class=None)
    def merge_preview(self, request):
        values = self._merge_input(request)
        values.pop("note", None)
        return Response(EnterpriseMergeSerializer(services.enterprise_merge_preview(actor=request.user, **values)).data)
