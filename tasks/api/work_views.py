"""API of the work in progress: measures, progress reports, extension requests, target allocations.

Every write calls the service of tasks.services / tasks.workflow that the pages call too.
"""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404  # a malformed pk answers 404, not 500
from rest_framework.response import Response

from tasks import selectors, services, workflow
from tasks.api import measure_serializers as s
from tasks.filtersets import ExtensionRequestFilterSet, MeasureFilterSet, ProgressReportFilterSet
from tasks.models import Measure, Milestone, ReportEvidence


class MeasureViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """具体措施, with derived progress, status (未开始/推进中/滞后/逾期/已完成) and 三色督办 colour."""

    serializer_class = s.MeasureSerializer
    filterset_class = MeasureFilterSet
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.measure_queryset(user=self.request.user).prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_date"))
        )

    @extend_schema(request=s.MeasureCreateSerializer, responses={201: s.MeasureSerializer(many=True)})
    def create(self, request, *args, **kwargs):
        data = s.MeasureCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        entry = values.pop("work_item", None) or values.pop("key_action", None)
        values.pop("key_action", None)
        values["milestones"] = [services.MilestoneInput(**m) for m in values["milestones"]]
        created = services.measure_create(actor=request.user, entry=entry, **values)
        rows = self.get_queryset().filter(pk__in=[m.pk for m in created])
        return Response(self.get_serializer(rows, many=True).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.MeasureUpdateSerializer, responses=s.MeasureSerializer)
    def partial_update(self, request, *args, **kwargs):
        measure = self.get_object()
        data = s.MeasureUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.measure_update(actor=request.user, measure=measure, **data.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=measure.pk)).data)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)


class ProgressReportViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """进展填报: drafts are written by the owner unit, then submitted, approved or returned."""

    serializer_class = s.ProgressReportSerializer
    filterset_class = ProgressReportFilterSet
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.report_queryset(user=self.request.user).prefetch_related(
            Prefetch("evidence", queryset=ReportEvidence.objects.order_by("pk"))
        )

    def _write_data(self, partial=False):
        data = s.ProgressReportWriteSerializer(data=self.request.data, partial=partial)
        data.fields["measure"].queryset = Measure.objects.visible_to(self.request.user)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values["files"] = values.pop("evidence", [])
        return values

    def _respond(self, report, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=report.pk)).data, status=code)

    @extend_schema(request=s.ProgressReportWriteSerializer, responses={201: s.ProgressReportSerializer})
    def create(self, request, *args, **kwargs):
        values = self._write_data()
        if "measure" not in values:
            return Response({"measure": ["请指定具体措施。"]}, status=status.HTTP_400_BAD_REQUEST)
        report = workflow.report_create(actor=request.user, **values)
        return self._respond(report, status.HTTP_201_CREATED)

    @extend_schema(request=s.ProgressReportWriteSerializer, responses=s.ProgressReportSerializer)
    def partial_update(self, request, *args, **kwargs):
        report = self.get_object()
        values = self._write_data(partial=True)
        values.pop("measure", None)
        values.pop("period", None)
        return self._respond(workflow.report_update(actor=request.user, report=report, **values))

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(request=None, responses=s.ProgressReportSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._respond(workflow.report_submit(actor=request.user, report=self.get_object()))

    @extend_schema(request=s.ReviewNoteSerializer, responses=s.ProgressReportSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        data = s.ReviewNoteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = workflow.report_approve(actor=request.user, report=self.get_object(), **data.validated_data)
        return self._respond(report)

    @extend_schema(request=s.ReturnReasonSerializer, responses=s.ProgressReportSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        data = s.ReturnReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = workflow.report_return(actor=request.user, report=self.get_object(), **data.validated_data)
        return self._respond(report)


class ExtensionRequestViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """延期申请: the owner unit asks, the lead unit's head approves or refuses."""

    serializer_class = s.ExtensionRequestSerializer
    filterset_class = ExtensionRequestFilterSet

    def get_queryset(self):
        return selectors.extension_queryset(user=self.request.user)

    def create(self, request, *args, **kwargs):
        data = self.get_serializer(data=request.data)
        data.fields["measure"].queryset = Measure.objects.visible_to(request.user)
        data.is_valid(raise_exception=True)
        created = workflow.extension_request(actor=request.user, **data.validated_data)
        return Response(self.get_serializer(created).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ReviewNoteSerializer, responses=s.ExtensionRequestSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        data = s.ReviewNoteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        decided = workflow.extension_approve(actor=request.user, request=self.get_object(), **data.validated_data)
        return Response(self.get_serializer(decided).data)

    @extend_schema(request=s.ReviewNoteSerializer, responses=s.ExtensionRequestSerializer)
    @action(detail=True, methods=["post"])
    def refuse(self, request, pk=None):
        data = s.ReviewNoteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        decided = workflow.extension_refuse(actor=request.user, request=self.get_object(), **data.validated_data)
        return Response(self.get_serializer(decided).data)


def allocations_body(target, warning=None):
    progress = selectors.target_progress(target=target)
    allocated = sum((a.quantity for a in progress["allocations"]), start=type(target.value)("0"))
    return {
        "target": target.pk,
        "name": target.name,
        "value": str(target.value),
        "unit_of_measure": target.unit_of_measure,
        "actual": str(progress["actual"]),
        "allocated": str(allocated),
        "warning": services.allocation_warning(target, allocated) if warning is None else warning,
        "allocations": [
            {"unit": {"id": a.unit_id, "name": a.unit.name}, "quantity": str(a.quantity), "actual": str(a.actual)}
            for a in progress["allocations"]
        ],
    }


class TargetAllocationsMixin:
    @extend_schema(methods=["GET"], responses=dict)
    @extend_schema(methods=["PUT"], request=s.AllocationsWriteSerializer, responses=dict)
    @action(detail=True, methods=["get", "put"])
    def allocations(self, request, pk=None):
        target = get_object_or_404(selectors.target_queryset(user=request.user), pk=pk)
        if request.method == "GET":
            return Response(allocations_body(target))
        data = s.AllocationsWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        shares = [(a["unit"], a["quantity"]) for a in data.validated_data["allocations"]]
        warning = services.allocations_set(actor=request.user, target=target, shares=shares)
        return Response(allocations_body(target, warning))
