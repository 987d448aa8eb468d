"""/api/v1/patrols/ (list, detail, create — optionally opening a hazard), /api/v1/patrols/missing/ and
/api/v1/flood-seasons/."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.idempotency import IDEMPOTENCY_CONFLICT, IDEMPOTENCY_PARAMETER, api_create_once
from core.api.serializers import OrgUnitBriefSerializer
from disasters import patrol_selectors as selectors
from disasters import patrol_services as services
from disasters.choices import PatrolKind, PatrolSituation
from disasters.models import FloodSeason, Patrol, PatrolEvidence, RiskPoint
from disasters.patrol_filtersets import PatrolFilterSet
from hazards.choices import HazardLevel


class RiskPointBriefSerializer(serializers.ModelSerializer):
    township = OrgUnitBriefSerializer(read_only=True)
    kind = serializers.CharField(read_only=True)  # the risk-point API describes its choices
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = RiskPoint
        fields = ["id", "code", "name", "kind", "kind_display", "township"]


class PatrolEvidenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = PatrolEvidence
        fields = ["id", "original_name", "content_type", "size", "uploaded_at"]


class PatrolSerializer(serializers.ModelSerializer):
    risk_point = RiskPointBriefSerializer(read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    situation_display = serializers.CharField(source="get_situation_display", read_only=True)
    patroller = serializers.CharField(source="patroller_display", read_only=True)
    hazard_number = serializers.CharField(source="hazard.number", read_only=True, default=None, allow_null=True)

    class Meta:
        model = Patrol
        fields = [
            "id",
            "risk_point",
            "kind",
            "kind_display",
            "patrolled_at",
            "patroller",
            "situation",
            "situation_display",
            "findings",
            "measures",
            "hazard",
            "hazard_number",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class PatrolDetailSerializer(PatrolSerializer):
    evidence = PatrolEvidenceSerializer(many=True, read_only=True)

    class Meta(PatrolSerializer.Meta):
        fields = [*PatrolSerializer.Meta.fields, "evidence"]
        read_only_fields = fields


class PatrolWriteSerializer(serializers.Serializer):
    """What a caller sends; the service checks the rules (time, findings, who) and names the fields in Chinese."""

    risk_point = serializers.PrimaryKeyRelatedField(queryset=RiskPoint.objects.none())
    kind = serializers.ChoiceField(choices=PatrolKind.choices)
    patrolled_at = serializers.DateTimeField()
    situation = serializers.ChoiceField(choices=PatrolSituation.choices, default=PatrolSituation.NORMAL)
    findings = serializers.CharField(required=False, allow_blank=True, default="")
    measures = serializers.CharField(required=False, allow_blank=True, default="")
    patroller_name = serializers.CharField(required=False, allow_blank=True, default="", max_length=50)
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list)
    open_hazard = serializers.BooleanField(required=False, default=False)
    hazard_title = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    hazard_deadline = serializers.DateField(required=False, allow_null=True, default=None)
    hazard_level = serializers.ChoiceField(choices=HazardLevel.choices, required=False, default="general")


class TownshipMissingSerializer(serializers.Serializer):
    township = serializers.IntegerField(source="township_id")
    township_name = serializers.CharField(source="township__name")
    points = serializers.IntegerField(source="point_count")
    behind = serializers.IntegerField()
    missing = serializers.IntegerField(source="missing_total")


class PointMissingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    township = serializers.IntegerField(source="township_id")
    required = serializers.IntegerField()
    done = serializers.IntegerField()
    missing = serializers.IntegerField()


class PatrolViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """巡查记录: recorded by the point's township, its supervising department or the county office."""

    filterset_class = PatrolFilterSet

    def get_queryset(self):
        if self.action == "retrieve":
            return selectors.patrol_detail_queryset(user=self.request.user)
        return selectors.patrol_queryset(user=self.request.user)

    def get_serializer_class(self):
        return PatrolDetailSerializer if self.action == "retrieve" else PatrolSerializer

    @extend_schema(
        request=PatrolWriteSerializer,
        parameters=[IDEMPOTENCY_PARAMETER],
        responses={201: PatrolDetailSerializer, 200: PatrolDetailSerializer, 409: IDEMPOTENCY_CONFLICT},
    )
    def create(self, request, *args, **kwargs):
        data = PatrolWriteSerializer(data=request.data)
        data.fields["risk_point"].queryset = RiskPoint.objects.visible_to(request.user)
        data.is_valid(raise_exception=True)

        def respond(patrol, code):
            detail = selectors.patrol_detail_queryset(user=request.user).get(pk=patrol.pk)
            return Response(PatrolDetailSerializer(detail).data, status=code)

        return api_create_once(
            request,
            kind="patrol",
            create=lambda: services.patrol_record(actor=request.user, **data.validated_data),
            respond=respond,
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("on", str, description="YYYY-MM-DD; the period containing this day (default today)"),
            OpenApiParameter("township", int, description="also list this township's points"),
        ],
        responses=inline_serializer(
            "MissingPatrols",
            {
                "period": inline_serializer(
                    "PatrolPeriod",
                    {
                        "start": serializers.DateField(),
                        "end": serializers.DateField(),
                        "in_season": serializers.BooleanField(),
                    },
                ),
                "townships": TownshipMissingSerializer(many=True),
                "points": PointMissingSerializer(many=True, required=False),
            },
        ),
    )
    @action(detail=False, methods=["get"], filterset_class=None, pagination_class=None)
    def missing(self, request):
        """This period's required, done and missing patrols per township (and per point with ?township=)."""
        on = serializers.DateField().run_validation(request.query_params.get("on") or timezone.localdate())
        result = selectors.missing_patrols(user=request.user, on=on)
        body = {
            "period": {
                "start": result.period.start,
                "end": result.period.end,
                "in_season": result.period.in_season,
            },
            "townships": TownshipMissingSerializer(result.townships, many=True).data,
        }
        township = request.query_params.get("township", "")
        if township.isdigit():
            points = result.points.filter(township_id=int(township)).order_by("-missing", "code")
            body["points"] = PointMissingSerializer(points, many=True).data
        return Response(body)


class FloodSeasonSerializer(serializers.ModelSerializer):
    class Meta:
        model = FloodSeason
        fields = ["id", "year", "starts_on", "ends_on", "updated_at"]
        read_only_fields = ["id", "updated_at"]
        extra_kwargs = {"year": {"validators": []}}  # setting a year again moves its season


class FloodSeasonViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """汛期: every signed-in caller reads them; the county office sets one (POST a year again to move it)."""

    serializer_class = FloodSeasonSerializer
    queryset = FloodSeason.objects.all()
    filterset_fields = ["year"]

    def create(self, request, *args, **kwargs):
        data = FloodSeasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        season = services.flood_season_set(actor=request.user, **data.validated_data)
        return Response(FloodSeasonSerializer(season).data, status=status.HTTP_201_CREATED)
