from rest_framework import serializers

from core.api.serializers import OrgUnitBriefSerializer
from core.models import Enterprise
from hazards.models import Checklist, SelfInspection, SelfInspectionFinding


class FindingSerializer(serializers.ModelSerializer):
    item_text = serializers.CharField(source="item.text", read_only=True, default=None, allow_null=True)
    hazard_number = serializers.CharField(source="hazard.number", read_only=True, default=None, allow_null=True)
    hazard_status = serializers.CharField(source="hazard.status", read_only=True, default=None, allow_null=True)

    class Meta:
        model = SelfInspectionFinding
        fields = ["id", "item", "item_text", "description", "hazard", "hazard_number", "hazard_status"]
        read_only_fields = fields


class SelfInspectionSerializer(serializers.ModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    township = OrgUnitBriefSerializer(source="enterprise.township", read_only=True)
    checklist_name = serializers.CharField(source="checklist.name", read_only=True)
    cadence_display = serializers.CharField(source="get_cadence_display", read_only=True)
    result_display = serializers.CharField(source="get_result_display", read_only=True)
    period_label = serializers.CharField(read_only=True)
    performed_by = serializers.SerializerMethodField()
    findings = FindingSerializer(many=True, read_only=True)

    class Meta:
        model = SelfInspection
        fields = [
            "id",
            "enterprise",
            "enterprise_name",
            "township",
            "checklist",
            "checklist_name",
            "cadence",
            "cadence_display",
            "period_start",
            "period_label",
            "performed_on",
            "performed_by",
            "result",
            "result_display",
            "note",
            "findings",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_performed_by(self, inspection) -> dict:
        user = inspection.performed_by
        return {"id": user.pk, "username": user.username, "name": str(user)}


class ResultSerializer(serializers.Serializer):
    item = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="Checklist item id; null for a problem outside it."
    )
    ok = serializers.BooleanField()
    finding = serializers.CharField(required=False, allow_blank=True, default="", max_length=1000)


class SelfInspectionWriteSerializer(serializers.Serializer):
    """What a caller sends; the service checks the rest (every item answered once, the period, the date)."""

    enterprise = serializers.PrimaryKeyRelatedField(queryset=Enterprise.objects.all())
    checklist = serializers.PrimaryKeyRelatedField(queryset=Checklist.objects.all())
    performed_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")
    results = ResultSerializer(many=True, allow_empty=False)


class MissedCheckSerializer(serializers.Serializer):
    """An enterprise's checklist with the periods that passed without a check (hazards.selectors_inspection)."""

    enterprise = serializers.IntegerField(source="assignment.enterprise_id")
    enterprise_name = serializers.CharField(source="enterprise.name")
    township = OrgUnitBriefSerializer(source="enterprise.township")
    checklist = serializers.IntegerField(source="assignment.checklist_id")
    checklist_name = serializers.CharField(source="checklist.name")
    cadence = serializers.CharField(source="checklist.cadence")
    since = serializers.DateField(source="assignment.since")
    last_performed_on = serializers.DateField(allow_null=True)
    missed_count = serializers.IntegerField()
    missed = serializers.ListField(
        child=serializers.DateField(), help_text="First days of the missed periods, newest first."
    )
