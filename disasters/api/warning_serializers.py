from rest_framework import serializers

from core.api.serializers import OrgUnitBriefSerializer
from core.choices import OrgUnitKind
from core.models import OrgUnit
from disasters.choices_warnings import WarningLevel, WarningType
from disasters.models import Warning, WarningAcknowledgement, WarningResponse


class WarningSerializer(serializers.ModelSerializer):
    type_display = serializers.CharField(source="get_type_display", read_only=True)
    level_display = serializers.CharField(source="get_level_display", read_only=True)
    issuing_unit = OrgUnitBriefSerializer(read_only=True)
    issued_by = serializers.CharField(source="issued_by.__str__", read_only=True)
    in_force = serializers.BooleanField(read_only=True)
    acknowledged = serializers.IntegerField(source="ack_done", read_only=True, help_text="已叫应的乡镇（街道）数")
    townships = serializers.IntegerField(source="ack_total", read_only=True, help_text="预警范围内的乡镇（街道）数")

    class Meta:
        model = Warning
        fields = [
            "id",
            "number",
            "type",
            "type_display",
            "level",
            "level_display",
            "text",
            "issued_at",
            "lifted_at",
            "in_force",
            "issuing_unit",
            "issued_by",
            "acknowledged",
            "townships",
            "updated_at",
        ]
        read_only_fields = fields


class AcknowledgementSerializer(serializers.ModelSerializer):
    township = OrgUnitBriefSerializer(read_only=True)
    acknowledged_by = serializers.StringRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = WarningAcknowledgement
        fields = ["id", "township", "due_at", "acknowledged_at", "acknowledged_by", "on_behalf", "note"]
        read_only_fields = fields


class WarningResponseSerializer(serializers.ModelSerializer):
    township = OrgUnitBriefSerializer(read_only=True)
    village = OrgUnitBriefSerializer(read_only=True, allow_null=True)
    recorded_by = serializers.CharField(source="recorded_by.__str__", read_only=True)

    class Meta:
        model = WarningResponse
        fields = [
            "id",
            "township",
            "village",
            "cut_off",
            "ban_entry",
            "stop_work",
            "evacuate",
            "disperse",
            "people_moved",
            "note",
            "recorded_by",
            "recorded_at",
        ]
        read_only_fields = fields


class WarningDetailSerializer(serializers.ModelSerializer):
    type_display = serializers.CharField(source="get_type_display", read_only=True)
    level_display = serializers.CharField(source="get_level_display", read_only=True)
    issuing_unit = OrgUnitBriefSerializer(read_only=True)
    issued_by = serializers.CharField(source="issued_by.__str__", read_only=True)
    lifted_by = serializers.StringRelatedField(read_only=True, allow_null=True)
    in_force = serializers.BooleanField(read_only=True)
    acknowledgements = AcknowledgementSerializer(many=True, read_only=True)
    responses = WarningResponseSerializer(many=True, read_only=True)

    class Meta:
        model = Warning
        fields = [
            "id",
            "number",
            "type",
            "type_display",
            "level",
            "level_display",
            "text",
            "issued_at",
            "lifted_at",
            "in_force",
            "issuing_unit",
            "issued_by",
            "lifted_by",
            "acknowledgements",
            "responses",
            "updated_at",
        ]
        read_only_fields = fields


def _townships():
    return OrgUnit.objects.filter(kind=OrgUnitKind.TOWNSHIP)


class WarningIssueSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=WarningType.choices)
    level = serializers.ChoiceField(choices=WarningLevel.choices)
    text = serializers.CharField()
    townships = serializers.PrimaryKeyRelatedField(
        many=True, queryset=_townships(), allow_empty=True, help_text="预警范围：乡镇（街道）的ID"
    )
    issued_at = serializers.DateTimeField(required=False, help_text="不填则为现在")
    issuing_unit = serializers.PrimaryKeyRelatedField(
        queryset=OrgUnit.objects.filter(kind__in=[OrgUnitKind.COUNTY, OrgUnitKind.DEPARTMENT]),
        required=False,
        help_text="不填则为县（安委办管理员）或本部门",
    )


class AcknowledgeSerializer(serializers.Serializer):
    township = serializers.PrimaryKeyRelatedField(
        queryset=_townships(), required=False, help_text="不填则为调用者所在的、预警范围内唯一的乡镇（街道）"
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")


class LiftSerializer(serializers.Serializer):
    lifted_at = serializers.DateTimeField(required=False, help_text="不填则为现在")


class WarningResponseWriteSerializer(serializers.Serializer):
    township = serializers.PrimaryKeyRelatedField(queryset=_townships())
    village = serializers.PrimaryKeyRelatedField(
        queryset=OrgUnit.objects.filter(kind=OrgUnitKind.VILLAGE), required=False, allow_null=True, default=None
    )
    cut_off = serializers.BooleanField(required=False, default=False, help_text="断：断电、断路")
    ban_entry = serializers.BooleanField(required=False, default=False, help_text="禁：禁止进入")
    stop_work = serializers.BooleanField(required=False, default=False, help_text="停：停工、停课、停业")
    evacuate = serializers.BooleanField(required=False, default=False, help_text="撤：撤离")
    disperse = serializers.BooleanField(required=False, default=False, help_text="疏：疏散")
    people_moved = serializers.IntegerField(required=False, default=0, min_value=0)
    note = serializers.CharField(required=False, allow_blank=True, default="")
