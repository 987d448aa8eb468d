from rest_framework import serializers

from core.api.serializers import OrgUnitBriefSerializer
from core.models import OrgUnit
from disasters.models import RiskPoint, RiskZone
from disasters.services import POINT_FIELDS, ZONE_FIELDS


class RiskZoneBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = RiskZone
        fields = ["id", "code", "name"]


class RiskPointSerializer(serializers.ModelSerializer):
    township = OrgUnitBriefSerializer(read_only=True)
    village = OrgUnitBriefSerializer(read_only=True, allow_null=True)
    supervising_department = OrgUnitBriefSerializer(read_only=True, allow_null=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    state_display = serializers.CharField(source="get_state_display", read_only=True)

    class Meta:
        model = RiskPoint
        fields = [
            "id",
            *[f for f in POINT_FIELDS if f not in ("kind", "state")],
            "kind",
            "kind_display",
            "state",
            "state_display",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class RiskPointDetailSerializer(RiskPointSerializer):
    zones = RiskZoneBriefSerializer(many=True, read_only=True)

    class Meta(RiskPointSerializer.Meta):
        fields = [*RiskPointSerializer.Meta.fields, "zones"]
        read_only_fields = fields


class RiskPointWriteSerializer(serializers.ModelSerializer):
    """What a caller may send; the service checks the county's box, the dates and who may write."""

    township = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    village = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all(), required=False, allow_null=True)
    supervising_department = serializers.PrimaryKeyRelatedField(
        queryset=OrgUnit.objects.all(), required=False, allow_null=True
    )
    zones = serializers.PrimaryKeyRelatedField(queryset=RiskZone.objects.all(), many=True, required=False)

    class Meta:
        model = RiskPoint
        fields = [*POINT_FIELDS, "zones"]

    def get_validators(self):
        return []  # the service checks the whole point and names the fields in Chinese


class RiskZoneSerializer(serializers.ModelSerializer):
    township = OrgUnitBriefSerializer(read_only=True)
    level_display = serializers.CharField(source="get_level_display", read_only=True)
    point_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = RiskZone
        fields = ["id", *ZONE_FIELDS, "level_display", "point_count", "created_at", "updated_at"]
        read_only_fields = fields


class RiskZoneWriteSerializer(serializers.ModelSerializer):
    township = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all())

    class Meta:
        model = RiskZone
        fields = list(ZONE_FIELDS)

    def get_validators(self):
        return []
