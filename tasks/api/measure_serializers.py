from rest_framework import serializers

from core.api.serializers import OrgUnitBriefSerializer
from core.models import OrgUnit
from tasks.choices import MeasureStatus, ReportFrequency, SupervisionColour
from tasks.models import ExtensionRequest, KeyAction, Measure, Milestone, ProgressReport, QuantitativeTarget, WorkItem
from tasks.periods import period_label


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Milestone
        fields = ["title", "due_date"]


class EntryBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    title = serializers.CharField()


class MeasureSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="plan.year", read_only=True)
    work_item = EntryBriefSerializer(read_only=True, allow_null=True)
    key_action = EntryBriefSerializer(read_only=True, allow_null=True)
    owner_unit = OrgUnitBriefSerializer(read_only=True)
    lead_unit = OrgUnitBriefSerializer(read_only=True)
    target_name = serializers.CharField(source="target.name", read_only=True, allow_null=True, default=None)
    unit_of_measure = serializers.CharField(
        source="target.unit_of_measure", read_only=True, allow_null=True, default=None
    )
    milestones = MilestoneSerializer(many=True, read_only=True)
    progress = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    approved_quantity = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    schedule_percent = serializers.FloatField(read_only=True)
    status = serializers.ChoiceField(choices=MeasureStatus.choices, read_only=True)
    status_display = serializers.SerializerMethodField()
    colour = serializers.ChoiceField(choices=SupervisionColour.choices, read_only=True)
    colour_display = serializers.SerializerMethodField()

    class Meta:
        model = Measure
        fields = [
            "id",
            "plan",
            "year",
            "work_item",
            "key_action",
            "title",
            "deliverable",
            "owner_unit",
            "lead_unit",
            "start_date",
            "deadline",
            "original_deadline",
            "frequency",
            "target",
            "target_name",
            "unit_of_measure",
            "planned_quantity",
            "milestones",
            "progress",
            "approved_quantity",
            "schedule_percent",
            "status",
            "status_display",
            "colour",
            "colour_display",
            "updated_at",
        ]

    def get_status_display(self, obj) -> str:
        return str(MeasureStatus(obj.status).label)

    def get_colour_display(self, obj) -> str:
        return str(SupervisionColour(obj.colour).label)


class MeasureCreateSerializer(serializers.Serializer):
    """One measure per owner unit: `owner_units` may name many townships at once."""

    work_item = serializers.PrimaryKeyRelatedField(queryset=WorkItem.objects.all(), required=False, allow_null=True)
    key_action = serializers.PrimaryKeyRelatedField(queryset=KeyAction.objects.all(), required=False, allow_null=True)
    title = serializers.CharField(max_length=300)
    deliverable = serializers.CharField(required=False, allow_blank=True, default="")
    owner_units = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all(), many=True)
    lead_unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all(), required=False, allow_null=True)
    start_date = serializers.DateField()
    deadline = serializers.DateField()
    frequency = serializers.ChoiceField(choices=ReportFrequency.choices, default=ReportFrequency.MONTHLY)
    target = serializers.PrimaryKeyRelatedField(
        queryset=QuantitativeTarget.objects.all(), required=False, allow_null=True
    )
    planned_quantity = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True, min_value=0
    )
    milestones = MilestoneSerializer(many=True, required=False, default=list)

    def validate(self, attrs):
        if bool(attrs.get("work_item")) == bool(attrs.get("key_action")):
            raise serializers.ValidationError({"work_item": "请指定所属的工作任务或重点行动（二者选一）。"})
        return attrs


class MeasureUpdateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300, required=False)
    deliverable = serializers.CharField(required=False, allow_blank=True)
    start_date = serializers.DateField(required=False)
    deadline = serializers.DateField(required=False)
    frequency = serializers.ChoiceField(choices=ReportFrequency.choices, required=False)
    planned_quantity = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, min_value=0)


class ProgressReportSerializer(serializers.ModelSerializer):
    unit = OrgUnitBriefSerializer(read_only=True)
    period_label = serializers.SerializerMethodField()
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    evidence = serializers.SerializerMethodField()

    class Meta:
        model = ProgressReport
        fields = [
            "id",
            "measure",
            "unit",
            "period_start",
            "period_label",
            "percent",
            "quantity",
            "done_text",
            "problems",
            "next_steps",
            "status",
            "status_display",
            "submitted_at",
            "reviewed_at",
            "reviewed_by",
            "return_reason",
            "created_by",
            "evidence",
            "updated_at",
        ]
        read_only_fields = fields

    def get_period_label(self, obj) -> str:
        return period_label(obj.period_start, obj.measure.frequency)

    def get_evidence(self, obj) -> list[dict]:
        return [
            {"id": e.pk, "name": e.original_name, "content_type": e.content_type, "size": e.size}
            for e in obj.evidence.all()
        ]


class ProgressReportWriteSerializer(serializers.Serializer):
    measure = serializers.PrimaryKeyRelatedField(queryset=Measure.objects.all(), required=False)
    period = serializers.DateField(required=False, allow_null=True, help_text="a day inside the period")
    percent = serializers.DecimalField(max_digits=5, decimal_places=2, required=False, allow_null=True)
    quantity = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, allow_null=True)
    done_text = serializers.CharField(required=False, allow_blank=True)
    problems = serializers.CharField(required=False, allow_blank=True)
    next_steps = serializers.CharField(required=False, allow_blank=True)
    evidence = serializers.ListField(child=serializers.FileField(), required=False, default=list)


class ReviewNoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReturnReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True)


class ExtensionRequestSerializer(serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = ExtensionRequest
        fields = [
            "id",
            "measure",
            "previous_deadline",
            "requested_deadline",
            "reason",
            "status",
            "status_display",
            "requested_by",
            "created_at",
            "decided_by",
            "decided_at",
            "decision_note",
            "updated_at",
        ]
        read_only_fields = [f for f in fields if f not in ("measure", "requested_deadline", "reason")]


class AllocationSerializer(serializers.Serializer):
    unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    quantity = serializers.DecimalField(max_digits=12, decimal_places=2)


class AllocationsWriteSerializer(serializers.Serializer):
    allocations = AllocationSerializer(many=True)
