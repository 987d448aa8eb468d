from rest_framework import serializers

from core.models import Enterprise, OrgUnit


class OrgUnitBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrgUnit
        fields = ["id", "code", "name", "kind"]


class OrgUnitSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    parent = OrgUnitBriefSerializer(read_only=True)

    class Meta:
        model = OrgUnit
        fields = ["id", "code", "name", "short_name", "kind", "kind_display", "parent", "is_demo"]


class EnterpriseSerializer(serializers.ModelSerializer):
    sector_display = serializers.CharField(source="get_sector_display", read_only=True)
    scale_display = serializers.CharField(source="get_scale_display", read_only=True)
    township = OrgUnitBriefSerializer(read_only=True)
    supervising_department = OrgUnitBriefSerializer(read_only=True)
    aliases = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")

    class Meta:
        model = Enterprise
        fields = [
            "id",
            "name",
            "credit_code",
            "sector",
            "sector_display",
            "scale",
            "scale_display",
            "township",
            "supervising_department",
            "address",
            "aliases",
            "is_demo",
            "updated_at",
        ]
