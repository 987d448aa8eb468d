from rest_framework import serializers

from core.models import Enterprise, EnterpriseMerge, OrgUnit


class OrgUnitBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrgUnit
        fields = ["id", "code", "name", "kind"]


class OrgUnitSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    parent = OrgUnitBriefSerializer(read_only=True, allow_null=True)  # the county has none

    class Meta:
        model = OrgUnit
        fields = ["id", "code", "name", "short_name", "kind", "kind_display", "parent", "is_demo", "updated_at"]


class EnterpriseSerializer(serializers.ModelSerializer):
    sector_display = serializers.CharField(source="get_sector_display", read_only=True)
    scale_display = serializers.CharField(source="get_scale_display", read_only=True)
    township = OrgUnitBriefSerializer(read_only=True)
    supervising_department = OrgUnitBriefSerializer(read_only=True, allow_null=True)
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


class EnterpriseMergeWriteSerializer(serializers.Serializer):
    """The kept enterprise and the ones folded into it (ids the caller can see)."""

    keep = serializers.PrimaryKeyRelatedField(queryset=Enterprise.objects.none())
    duplicates = serializers.ListField(child=serializers.PrimaryKeyRelatedField(queryset=Enterprise.objects.none()))
    note = serializers.CharField(required=False, allow_blank=True, default="")

    def __init__(self, *args, queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        if queryset is not None:  # the enterprises the caller may see (None: the schema generator's instance)
            self.fields["keep"].queryset = queryset
            self.fields["duplicates"].child.queryset = queryset


class MergedEnterpriseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    credit_code = serializers.CharField()
    aliases = serializers.ListField(child=serializers.CharField())


class EnterpriseMergeSerializer(serializers.ModelSerializer):
    """一企多牌 merge event; `moved` is {"app_label.Model": rows moved to the kept enterprise}."""

    keep = serializers.PrimaryKeyRelatedField(read_only=True)
    keep_name = serializers.CharField(source="keep.name", read_only=True)
    duplicates = MergedEnterpriseSerializer(many=True, read_only=True)
    moved = serializers.DictField(child=serializers.IntegerField(), read_only=True)
    actor = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = EnterpriseMerge
        fields = ["id", "keep", "keep_name", "duplicates", "moved", "actor", "at", "note"]
