"""API of the township "五有" records (`/api/v1/township-capabilities/`): scoped like the pages; the township's
own head and staff and the county office write through responsibilities.capability_services."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from core.choices import OrgUnitKind
from core.models import OrgUnit
from responsibilities import capability_selectors as selectors
from responsibilities import capability_services as services
from responsibilities.capability_choices import AssetCondition, AssetKind
from responsibilities.capability_services import CAPABILITY_FIELDS
from responsibilities.models import CapabilityAsset, TownshipCapability, VillageGrid


class CapabilityAssetSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=AssetKind.choices)
    condition = serializers.ChoiceField(choices=AssetCondition.choices, default=AssetCondition.GOOD)
    quantity = serializers.IntegerField(min_value=1, max_value=100000)

    class Meta:
        model = CapabilityAsset
        fields = ["kind", "name", "quantity", "condition"]


class VillageGridSerializer(serializers.ModelSerializer):
    village = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.filter(kind=OrgUnitKind.VILLAGE))
    village_name = serializers.CharField(source="village.name", read_only=True)
    covered = serializers.BooleanField(read_only=True, help_text="有网格且有具名网格员")
    grid_count = serializers.IntegerField(min_value=0, max_value=1000)
    worker_count = serializers.IntegerField(min_value=0, max_value=1000)

    class Meta:
        model = VillageGrid
        fields = ["village", "village_name", "grid_count", "worker_count", "worker_names", "covered"]


class TownshipCapabilitySerializer(serializers.ModelSerializer):
    township_name = serializers.CharField(source="township.name", read_only=True)
    assets = CapabilityAssetSerializer(many=True, read_only=True)
    grids = VillageGridSerializer(many=True, read_only=True)
    village_total = serializers.IntegerField(read_only=True)
    covered_villages = serializers.IntegerField(read_only=True)
    grid_coverage = serializers.SerializerMethodField(help_text="网格覆盖率（%），无村（社区）时为空")
    falls_short = serializers.BooleanField(read_only=True, help_text="五项中有未达标或未填报的")

    class Meta:
        model = TownshipCapability
        fields = [
            "id",
            "township",
            "township_name",
            "year",
            *CAPABILITY_FIELDS,
            "assets",
            "grids",
            "village_total",
            "covered_villages",
            "grid_coverage",
            "falls_short",
            "updated_at",
        ]

    def get_grid_coverage(self, record) -> int | None:
        return selectors.coverage_percent(record.covered_villages, record.village_total)


class TownshipCapabilityWriteSerializer(serializers.ModelSerializer):
    """Parses only; the service checks who may write, the township's villages and the uniqueness."""

    township = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.filter(kind=OrgUnitKind.TOWNSHIP))
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    assets = CapabilityAssetSerializer(many=True, required=False)
    grids = VillageGridSerializer(many=True, required=False)

    class Meta:
        model = TownshipCapability
        fields = ["township", "year", *CAPABILITY_FIELDS, "assets", "grids"]
        validators = []  # (township, year) is the service's to refuse, in Chinese

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("full_time_staff", "part_time_staff", "drills_held", "trainings_held"):
            self.fields[name].min_value = 0
        if self.instance is not None:  # an update keeps its township and year; sending them is not needed
            for name in ("township", "year"):
                self.fields[name].required = False


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("year", int, description="年度"),
            OpenApiParameter("township", int, description="乡镇（街道）ID"),
            OpenApiParameter("short", bool, description="true：只看未达标（五项中有未达标或未填报的）"),
        ]
    )
)
class TownshipCapabilityViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """基层应急能力“五有” per township and year, with equipment, vehicles and the grid rows per village. A
    township's head and staff write their own township's record, the county office any. PUT/PATCH replace the
    equipment list when `assets` is given and upsert the grid rows by village when `grids` is given."""

    serializer_class = TownshipCapabilitySerializer

    def get_queryset(self):
        if self.action == "list":
            filterset = selectors.capability_list(user=self.request.user, filters=self.request.query_params)
            return filterset.qs if filterset.is_valid() else filterset.queryset.none()
        return selectors.capability_queryset(user=self.request.user)

    def _detail(self, record, code=status.HTTP_200_OK):
        saved = selectors.capability_queryset(user=self.request.user).get(pk=record.pk)
        return Response(TownshipCapabilitySerializer(saved).data, status=code)

    @extend_schema(request=TownshipCapabilityWriteSerializer, responses={201: TownshipCapabilitySerializer})
    def create(self, request, *args, **kwargs):
        data = TownshipCapabilityWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        record = services.township_capability_create(actor=request.user, **data.validated_data)
        return self._detail(record, status.HTTP_201_CREATED)

    @extend_schema(request=TownshipCapabilityWriteSerializer, responses=TownshipCapabilitySerializer)
    def update(self, request, *args, **kwargs):
        record = self.get_object()
        partial = kwargs.get("partial", False)
        data = TownshipCapabilityWriteSerializer(record, data=request.data, partial=partial)
        data.is_valid(raise_exception=True)
        values = {k: v for k, v in data.validated_data.items() if k not in ("township", "year")}
        record = services.township_capability_update(actor=request.user, capability=record, **values)
        return self._detail(record)
