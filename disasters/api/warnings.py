from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from disasters import warning_selectors as selectors
from disasters import warning_services as services
from disasters.api import warning_serializers as s
from disasters.warning_filtersets import WarningFilterSet


class WarningViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """预警: issued by the county office or a department for a set of townships; each township acknowledges
    (`acknowledge/`, 叫应) within the level's window and records its response (`responses/`, 断禁停撤疏); the
    issuer lifts it (`lift/`). Filters: `level`, `type`, `in_force`, `township`, `year`."""

    filterset_class = WarningFilterSet

    def get_queryset(self):
        if self.action == "list":
            return selectors.warning_list(user=self.request.user).qs
        return selectors.warning_detail_queryset(user=self.request.user)

    def get_serializer_class(self):
        return s.WarningSerializer if self.action == "list" else s.WarningDetailSerializer

    def _detail(self, warning, code=status.HTTP_200_OK):
        return Response(s.WarningDetailSerializer(self.get_queryset().get(pk=warning.pk)).data, status=code)

    @extend_schema(request=s.WarningIssueSerializer, responses={201: s.WarningDetailSerializer})
    def create(self, request, *args, **kwargs):
        data = s.WarningIssueSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        warning = services.warning_issue(actor=request.user, **data.validated_data)
        return self._detail(warning, status.HTTP_201_CREATED)

    @extend_schema(request=s.AcknowledgeSerializer, responses=s.AcknowledgementSerializer)
    @action(detail=True, methods=["post"])
    def acknowledge(self, request, pk=None):
        data = s.AcknowledgeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        ack = services.warning_acknowledge(actor=request.user, warning=self.get_object(), **data.validated_data)
        return Response(s.AcknowledgementSerializer(ack).data)

    @extend_schema(request=s.LiftSerializer, responses=s.WarningDetailSerializer)
    @action(detail=True, methods=["post"])
    def lift(self, request, pk=None):
        data = s.LiftSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._detail(services.warning_lift(actor=request.user, warning=self.get_object(), **data.validated_data))

    @extend_schema(methods=["get"], request=None, responses=s.WarningResponseSerializer(many=True))
    @extend_schema(
        methods=["post"], request=s.WarningResponseWriteSerializer, responses={201: s.WarningResponseSerializer}
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def responses(self, request, pk=None):
        warning = self.get_object()
        if request.method == "GET":
            rows = selectors.warning_responses(warning=warning)
            return Response(s.WarningResponseSerializer(rows, many=True).data)
        data = s.WarningResponseWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        response = services.warning_respond(actor=request.user, warning=warning, **data.validated_data)
        return Response(s.WarningResponseSerializer(response).data, status=status.HTTP_201_CREATED)
