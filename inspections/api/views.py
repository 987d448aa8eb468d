from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.models import Enterprise
from inspections import selectors, services, workflow
from inspections.api import serializers as s
from inspections.filtersets import ChecklistFilterSet, InspectionFilterSet
from inspections.models import InspectionPlan


class InspectionViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """检查: recorded by the inspecting department (or the county office) with its checklist answers and its
    findings, each of which opens a hazard in the hazard loop; then `recheck/` (整改复查) and `close/` (闭环, only
    after a passed re-check with every hazard closed); `findings/` adds a problem found later. Filters: `kind`,
    `department`, `status`, `month` (YYYY-MM), `enterprise`, `township`, `recheck_overdue`, `q`."""

    filterset_class = InspectionFilterSet

    def get_queryset(self):
        if self.action == "list":
            return selectors.inspection_queryset(user=self.request.user)
        return selectors.inspection_detail_queryset(user=self.request.user)

    def get_serializer_class(self):
        return s.InspectionSerializer if self.action == "list" else s.InspectionDetailSerializer

    def _detail(self, inspection, code=status.HTTP_200_OK):
        fresh = selectors.inspection_detail_queryset(user=self.request.user).get(pk=inspection.pk)
        return Response(s.InspectionDetailSerializer(fresh).data, status=code)

    @extend_schema(request=s.InspectionWriteSerializer, responses={201: s.InspectionDetailSerializer})
    def create(self, request, *args, **kwargs):
        data = s.InspectionWriteSerializer(data=request.data)
        data.fields["enterprise"].queryset = Enterprise.objects.visible_to(request.user)
        data.fields["plan"].queryset = InspectionPlan.objects.visible_to(request.user)
        data.is_valid(raise_exception=True)
        inspection = services.inspection_record(actor=request.user, **data.validated_data)
        return self._detail(inspection, status.HTTP_201_CREATED)

    @extend_schema(request=s.InspectionRecheckSerializer, responses=s.InspectionDetailSerializer)
    @action(detail=True, methods=["post"])
    def recheck(self, request, pk=None):
        data = s.InspectionRecheckSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        return self._detail(workflow.inspection_recheck(actor=request.user, inspection=self.get_object(), **values))

    @extend_schema(request=s.InspectionCloseSerializer, responses=s.InspectionDetailSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        data = s.InspectionCloseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        inspection = workflow.inspection_close(actor=request.user, inspection=self.get_object(), **data.validated_data)
        return self._detail(inspection)

    @extend_schema(request=s.InspectionFindingWriteSerializer, responses={201: s.InspectionFindingSerializer})
    @action(detail=True, methods=["post"])
    def findings(self, request, pk=None):
        data = s.InspectionFindingWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        finding = services.finding_add(actor=request.user, inspection=self.get_object(), **data.validated_data)
        return Response(s.InspectionFindingSerializer(finding).data, status=status.HTTP_201_CREATED)


class ChecklistViewSet(viewsets.ReadOnlyModelViewSet):
    """检查表 with their items; `current=true` for the versions in use. Edited by the county office in the portal."""

    filterset_class = ChecklistFilterSet
    serializer_class = s.InspectionChecklistSerializer

    def get_queryset(self):
        return selectors.checklist_detail_queryset().order_by("sector", "name", "-version")
