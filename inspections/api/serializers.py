from django.contrib.auth import get_user_model
from rest_framework import serializers

from core.api.serializers import OrgUnitBriefSerializer
from core.models import Enterprise, OrgUnit
from hazards.choices import HazardLevel
from inspections.choices import AnswerValue, InspectionKind, RecheckResult
from inspections.models import (
    ChecklistItem,
    ChecklistTemplate,
    Finding,
    Inspection,
    InspectionAnswer,
    InspectionEvent,
    InspectionPlan,
)


class InspectionChecklistItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = ChecklistItem
        fields = ["id", "order", "text", "legal_basis"]


class InspectionChecklistSerializer(serializers.ModelSerializer):
    sector_display = serializers.CharField(source="get_sector_display", read_only=True)
    items = InspectionChecklistItemSerializer(many=True, read_only=True)

    class Meta:
        model = ChecklistTemplate
        fields = ["id", "sector", "sector_display", "name", "version", "is_current", "items", "updated_at"]


class InspectionPersonSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="__str__", read_only=True)

    class Meta:
        model = get_user_model()
        fields = ["id", "username", "name"]


class InspectionFindingSerializer(serializers.ModelSerializer):
    hazard_number = serializers.CharField(source="hazard.number", read_only=True, default=None, allow_null=True)
    hazard_status = serializers.CharField(source="hazard.status", read_only=True, default=None, allow_null=True)
    hazard_status_display = serializers.CharField(
        source="hazard.get_status_display", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = Finding
        fields = [
            "id",
            "description",
            "legal_basis",
            "deadline",
            "hazard",
            "hazard_number",
            "hazard_status",
            "hazard_status_display",
        ]


class InspectionAnswerSerializer(serializers.ModelSerializer):
    value_display = serializers.CharField(source="get_value_display", read_only=True)

    class Meta:
        model = InspectionAnswer
        fields = ["order", "text", "legal_basis", "value", "value_display", "note"]


class InspectionEventSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    actor = InspectionPersonSerializer(read_only=True, allow_null=True)

    class Meta:
        model = InspectionEvent
        fields = ["id", "kind", "kind_display", "from_status", "to_status", "actor", "at", "comment"]


class InspectionSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    department = OrgUnitBriefSerializer(read_only=True)
    township = OrgUnitBriefSerializer(read_only=True)
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True, default=None, allow_null=True)
    finding_count = serializers.IntegerField(read_only=True)
    open_hazard_count = serializers.IntegerField(read_only=True)
    # blank until the recheck (a read-only model field would not say so in the schema)
    recheck_result = serializers.ChoiceField(choices=RecheckResult.choices, allow_blank=True, read_only=True)

    class Meta:
        model = Inspection
        fields = [
            "id",
            "number",
            "kind",
            "kind_display",
            "department",
            "enterprise",
            "enterprise_name",
            "place",
            "township",
            "inspected_on",
            "checklist",
            "status",
            "status_display",
            "recheck_due",
            "rechecked_on",
            "recheck_result",
            "closed_at",
            "finding_count",
            "open_hazard_count",
            "updated_at",
        ]
        read_only_fields = fields


class InspectionDetailSerializer(InspectionSerializer):
    inspectors = InspectionPersonSerializer(many=True, read_only=True)
    answers = InspectionAnswerSerializer(many=True, read_only=True)
    findings = InspectionFindingSerializer(many=True, read_only=True)
    events = InspectionEventSerializer(many=True, read_only=True)
    penalties = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta(InspectionSerializer.Meta):
        fields = [
            *InspectionSerializer.Meta.fields,
            "summary",
            "recheck_note",
            "inspectors",
            "answers",
            "findings",
            "penalties",
            "events",
            "updated_at",
        ]
        read_only_fields = fields


class InspectionFindingWriteSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=200)
    legal_basis = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    deadline = serializers.DateField()
    level = serializers.ChoiceField(choices=HazardLevel.choices, default=HazardLevel.GENERAL)


class InspectionAnswerWriteSerializer(serializers.Serializer):
    item = serializers.IntegerField(help_text="检查表检查项ID")
    value = serializers.ChoiceField(choices=AnswerValue.choices)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class InspectionWriteSerializer(serializers.Serializer):
    """What a caller sends to record an inspection; the service checks the rules (inspectors, dates, who)."""

    kind = serializers.ChoiceField(choices=InspectionKind.choices)
    department = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    inspectors = serializers.PrimaryKeyRelatedField(queryset=get_user_model().objects.all(), many=True)
    enterprise = serializers.PrimaryKeyRelatedField(queryset=Enterprise.objects.all(), required=False, allow_null=True)
    place = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    township = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all(), required=False, allow_null=True)
    inspected_on = serializers.DateField()
    checklist = serializers.PrimaryKeyRelatedField(
        queryset=ChecklistTemplate.objects.all(), required=False, allow_null=True
    )
    answers = InspectionAnswerWriteSerializer(many=True, required=False, default=list)
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    findings = InspectionFindingWriteSerializer(many=True, required=False, default=list)
    plan = serializers.PrimaryKeyRelatedField(
        queryset=InspectionPlan.objects.all(), required=False, allow_null=True, default=None
    )


class InspectionRecheckSerializer(serializers.Serializer):
    rechecked_on = serializers.DateField()
    result = serializers.ChoiceField(choices=RecheckResult.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    next_due = serializers.DateField(required=False, allow_null=True, default=None)


class InspectionCloseSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")
