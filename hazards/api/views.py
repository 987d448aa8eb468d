from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.idempotency import IDEMPOTENCY_CONFLICT, IDEMPOTENCY_PARAMETER, api_create_once
from core.models import Enterprise
from hazards import selectors, services, workflow
from hazards.api import serializers as s
from hazards.filtersets import HazardFilterSet


class HazardViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """隐患: registered by the territorial unit, the supervising department or the county office; moved only
    through `transition/`."""

    filterset_class = HazardFilterSet
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if self.action == "list":
            return selectors.hazard_queryset(user=self.request.user)
        return selectors.hazard_detail_queryset(user=self.request.user)

    def get_serializer_class(self):
        return s.HazardSerializer if self.action == "list" else s.HazardDetailSerializer

    def _write_data(self, partial):
        data = s.HazardWriteSerializer(data=self.request.data, partial=partial)
        data.fields["enterprise"].queryset = Enterprise.objects.visible_to(self.request.user)
        data.is_valid(raise_exception=True)
        return dict(data.validated_data)

    def _respond(self, hazard, code=status.HTTP_200_OK):
        return Response(s.HazardDetailSerializer(self.get_queryset().get(pk=hazard.pk)).data, status=code)

    @extend_schema(
        request=s.HazardWriteSerializer,
        parameters=[IDEMPOTENCY_PARAMETER],
        responses={201: s.HazardDetailSerializer, 200: s.HazardDetailSerializer, 409: IDEMPOTENCY_CONFLICT},
    )
    def create(self, request, *args, **kwargs):
        values = self._write_data(partial=False)
        values.pop("comment", None)
        return api_create_once(
            request,
            kind="hazard",
            create=lambda: services.hazard_create(actor=request.user, **values),
            respond=self._respond,
        )

    @extend_schema(request=s.HazardWriteSerializer, responses=s.HazardDetailSerializer)
    def partial_update(self, request, *args, **kwargs):
        hazard = self.get_object()
        return self._respond(services.hazard_update(actor=request.user, hazard=hazard, **self._write_data(True)))

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(request=s.TransitionSerializer, responses=s.HazardDetailSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        data = s.TransitionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        hazard = workflow.hazard_transition(hazard=self.get_object(), actor=request.user, **data.validated_data)
        return self._respond(hazard)

    @extend_schema(responses=s.HazardEventSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def events(self, request, pk=None):
        hazard = self.get_object()
        return Response(s.HazardEventSerializer(selectors.hazard_events(hazard=hazard), many=True).data)
