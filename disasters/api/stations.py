"""监测站点 and their readings (item 20) in the API; the writes go through disasters.station_services."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.serializers import OrgUnitBriefSerializer
from core.models import OrgUnit
from disasters import station_selectors as selectors
from disasters import station_services as services
from disasters.models import MonitoringStation, RiskPoint, StationReading
from disasters.models.stations import REPORTED_STATES, StationState


class StationSerializer(serializers.ModelSerializer):
    township = OrgUnitBriefSerializer(read_only=True)
    village = OrgUnitBriefSerializer(read_only=True, allow_null=True)
    owner_unit = OrgUnitBriefSerializer(read_only=True, allow_null=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    state_display = serializers.CharField(source="get_state_display", read_only=True)
    risk_point_name = serializers.CharField(source="risk_point.name", read_only=True, allow_null=True, default=None)

    class Meta:
        model = MonitoringStation
        fields = [
            "id",
            "code",
            "name",
            "kind",
            "kind_display",
            "township",
            "village",
            "risk_point",
            "risk_point_name",
            "site",
            "longitude",
            "latitude",
            "owner_unit",
            "source_system",
            "external_id",
            "state",
            "state_display",
            "offline_since",
            "last_reading_at",
            "last_value",
            "last_unit",
            "is_active",
            "note",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class StationWriteSerializer(serializers.ModelSerializer):
    """What a caller may send; the service checks the county's box, the township and who may write."""

    township = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    village = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all(), required=False, allow_null=True)
    owner_unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all(), required=False, allow_null=True)
    risk_point = serializers.PrimaryKeyRelatedField(queryset=RiskPoint.objects.all(), required=False, allow_null=True)

    class Meta:
        model = MonitoringStation
        fields = list(services.STATION_FIELDS)

    def get_validators(self):
        return []  # the service checks the whole station and names the fields in Chinese


class ReadingSerializer(serializers.ModelSerializer):
    state = serializers.ChoiceField(choices=StationState.choices, allow_blank=True, read_only=True)  # "": not reported
    state_display = serializers.CharField(source="get_state_display", read_only=True)

    class Meta:
        model = StationReading
        fields = ["id", "station", "measured_at", "value", "unit", "state", "state_display", "raw", "received_at"]
        read_only_fields = fields


class ReadingWriteSerializer(serializers.Serializer):
    measured_at = serializers.DateTimeField(help_text="监测时间（ISO 8601，带时区）")
    value = serializers.DecimalField(max_digits=12, decimal_places=3, required=False, allow_null=True)
    unit = serializers.CharField(max_length=16, required=False, allow_blank=True, help_text="mm、m 等")
    state = serializers.ChoiceField(
        choices=[(s.value, s.label) for s in REPORTED_STATES],
        required=False,
        allow_blank=True,
        help_text="设备自报状态：online 或 faulty；离线由平台判定",
    )
    raw = serializers.JSONField(required=False, help_text="设备所属系统的原始报文；不填则保存请求体")


class MonitoringStationViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """监测站点 (雨量站、水位站、视频监控点 …) of a township; `state` is online, offline (no reading for
    STATION_OFFLINE_MINUTES) or faulty. `POST …/{id}/readings/` keeps a reading from the device's system."""

    filterset_class = selectors.StationFilterSet
    serializer_class = StationSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.station_queryset(user=self.request.user).order_by("township__sort_order", "code")

    def _write_data(self, partial):
        data = StationWriteSerializer(data=self.request.data, partial=partial)
        units = OrgUnit.objects.visible_to(self.request.user)
        for name in ("township", "village", "owner_unit"):
            data.fields[name].queryset = units
        data.fields["risk_point"].queryset = RiskPoint.objects.visible_to(self.request.user)
        data.is_valid(raise_exception=True)
        return dict(data.validated_data)

    def _respond(self, station, code=status.HTTP_200_OK):
        return Response(StationSerializer(self.get_queryset().get(pk=station.pk)).data, status=code)

    @extend_schema(request=StationWriteSerializer, responses={201: StationSerializer})
    def create(self, request, *args, **kwargs):
        station = services.station_create(actor=request.user, **self._write_data(False))
        return self._respond(station, status.HTTP_201_CREATED)

    @extend_schema(request=StationWriteSerializer, responses=StationSerializer)
    def partial_update(self, request, *args, **kwargs):
        station = self.get_object()
        values = self._write_data(True)
        return self._respond(services.station_update(actor=request.user, station=station, **values))

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(
        methods=["GET"],
        responses=ReadingSerializer(many=True),
        description="The station's readings, newest first, paged.",
    )
    @extend_schema(
        methods=["POST"],
        request=ReadingWriteSerializer,
        responses={201: ReadingSerializer, 200: ReadingSerializer},
        description="Keep one reading. The same `measured_at` again answers 200 with the reading already kept; "
        "a time more than STATION_CLOCK_SKEW_MINUTES in the future is refused with 400.",
    )
    @action(detail=True, methods=["get", "post"], filter_backends=[])
    def readings(self, request, pk=None):
        station = self.get_object()
        if request.method == "GET":
            page = self.paginate_queryset(
                StationReading.objects.filter(station=station).order_by("-measured_at", "-pk")
            )
            return self.get_paginated_response(ReadingSerializer(page, many=True).data)
        data = ReadingWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values.setdefault("raw", dict(request.data.items()))
        reading, created = services.station_reading_record(actor=request.user, station=station, **values)
        code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(ReadingSerializer(reading).data, status=code)
