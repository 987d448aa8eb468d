"""/api/v1/shelters/: 应急避难场所 with their covered villages, and `coverage/` (自然村全覆盖)."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.serializers import OrgUnitBriefSerializer
from core.choices import OrgUnitKind
from core.models import OrgUnit
from disasters import shelter_selectors as selectors
from disasters import shelter_services as services
from disasters.models import Shelter
from disasters.shelter_selectors import ShelterFilterSet


class ShelterSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    township = OrgUnitBriefSerializer(read_only=True)
    village = OrgUnitBriefSerializer(read_only=True, allow_null=True)
    covered_villages = OrgUnitBriefSerializer(many=True, read_only=True)

    class Meta:
        model = Shelter
        fields = [
            "id",
            "code",
            "name",
            "kind",
            "kind_display",
            "township",
            "village",
            "address",
            "longitude",
            "latitude",
            "capacity",
            "area_m2",
            "manager_name",
            "manager_phone",
            "is_active",
            "covered_villages",
            "note",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ShelterWriteSerializer(serializers.ModelSerializer):
    """What a caller may send; the service checks the county's box, the township and the covered villages."""

    township = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.filter(kind=OrgUnitKind.TOWNSHIP))
    village = serializers.PrimaryKeyRelatedField(
        queryset=OrgUnit.objects.filter(kind=OrgUnitKind.VILLAGE), required=False, allow_null=True
    )
    covered_villages = serializers.PrimaryKeyRelatedField(
        queryset=OrgUnit.objects.filter(kind=OrgUnitKind.VILLAGE), many=True, required=False
    )

    class Meta:
        model = Shelter
        fields = [*services.FIELDS, "covered_villages"]

    def get_validators(self):
        return []  # the service checks the model's constraints and names the fields in Chinese


class CoverageTownshipSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="township.pk")
    name = serializers.CharField(source="township.name")
    villages = serializers.IntegerField()
    covered = serializers.IntegerField()
    percent = serializers.DecimalField(max_digits=4, decimal_places=1)
    uncovered = serializers.ListField(child=serializers.CharField())


class CoverageSerializer(serializers.Serializer):
    villages = serializers.IntegerField()
    covered = serializers.IntegerField()
    percent = serializers.DecimalField(max_digits=4, decimal_places=1)
    townships = CoverageTownshipSerializer(many=True, source="rows")


class ShelterViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """应急避难场所: registered by the township or the county administrator; `covered_villages` lists the
    villages (村/社区) each one serves."""

    filterset_class = ShelterFilterSet
    serializer_class = ShelterSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.shelter_detail_queryset(user=self.request.user).order_by("township__sort_order", "code")

    def _write_data(self, partial):
        data = ShelterWriteSerializer(data=self.request.data, partial=partial)
        data.is_valid(raise_exception=True)
        return dict(data.validated_data)

    def _respond(self, shelter, code=status.HTTP_200_OK):
        return Response(ShelterSerializer(self.get_queryset().get(pk=shelter.pk)).data, status=code)

    @extend_schema(request=ShelterWriteSerializer, responses={201: ShelterSerializer})
    def create(self, request, *args, **kwargs):
        shelter = services.shelter_create(actor=request.user, **self._write_data(partial=False))
        return self._respond(shelter, status.HTTP_201_CREATED)

    @extend_schema(request=ShelterWriteSerializer, responses=ShelterSerializer)
    def partial_update(self, request, *args, **kwargs):
        shelter = self.get_object()
        return self._respond(services.shelter_update(actor=request.user, shelter=shelter, **self._write_data(True)))

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(filters=False, responses=CoverageSerializer)
    @action(detail=False, methods=["get"], filterset_class=None, pagination_class=None)
    def coverage(self, request):
        """自然村全覆盖: per township the villages, those covered by an active shelter, the percent (rounded
        down) and the uncovered villages' names; the totals over the townships the caller may see."""
        return Response(CoverageSerializer(selectors.shelter_coverage(user=request.user)).data)
