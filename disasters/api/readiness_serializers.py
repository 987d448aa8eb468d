from rest_framework import serializers

from core.api.serializers import OrgUnitBriefSerializer
from core.models import OrgUnit
from disasters.models import Drill, DrillEvidence, EmergencyPlan, RescueTeam, TeamEquipment, TeamMember
from disasters.readiness_choices import IncidentKind, Speciality
from disasters.readiness_services import DRILL_FIELDS, EQUIPMENT_FIELDS, MEMBER_FIELDS, PLAN_FIELDS, TEAM_FIELDS


class NoModelValidatorsMixin:
    def get_validators(self):
        return []  # the model's constraints are checked by the service, which names the fields in Chinese


# ---- rescue teams --------------------------------------------------------------------------------------------


class TeamMemberSerializer(serializers.ModelSerializer):
    is_active = serializers.BooleanField(read_only=True)

    class Meta:
        model = TeamMember
        fields = ["id", *MEMBER_FIELDS, "left_on", "is_active"]
        read_only_fields = fields


class TeamEquipmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = TeamEquipment
        fields = ["id", *EQUIPMENT_FIELDS]
        read_only_fields = fields


class RescueTeamSerializer(serializers.ModelSerializer):
    owner_unit = OrgUnitBriefSerializer(read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    speciality_labels = serializers.ListField(child=serializers.CharField(), read_only=True)
    active_members = serializers.IntegerField(read_only=True, help_text="在队人数")
    equipment_lines = serializers.IntegerField(read_only=True, help_text="装备种类数")
    equipment_items = serializers.IntegerField(read_only=True, help_text="装备件数合计")

    class Meta:
        model = RescueTeam
        fields = [
            "id",
            *TEAM_FIELDS,
            "kind_display",
            "speciality_labels",
            "active_members",
            "equipment_lines",
            "equipment_items",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class RescueTeamDetailSerializer(RescueTeamSerializer):
    members = TeamMemberSerializer(many=True, read_only=True)
    equipment = TeamEquipmentSerializer(many=True, read_only=True)

    class Meta(RescueTeamSerializer.Meta):
        fields = [*RescueTeamSerializer.Meta.fields, "members", "equipment"]
        read_only_fields = fields


class RescueTeamWriteSerializer(NoModelValidatorsMixin, serializers.ModelSerializer):
    owner_unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    specialities = serializers.ListField(
        child=serializers.ChoiceField(choices=Speciality.choices), required=False, default=list
    )

    class Meta:
        model = RescueTeam
        fields = list(TEAM_FIELDS)


class TeamMemberWriteSerializer(NoModelValidatorsMixin, serializers.ModelSerializer):
    joined_on = serializers.DateField(required=False, allow_null=True, help_text="不填则为今天")

    class Meta:
        model = TeamMember
        fields = list(MEMBER_FIELDS)


class MemberLeaveSerializer(serializers.Serializer):
    left_on = serializers.DateField(help_text="离队日期，不晚于今天")


class TeamEquipmentWriteSerializer(NoModelValidatorsMixin, serializers.ModelSerializer):
    quantity = serializers.IntegerField(required=False, help_text="数量，不小于0")

    class Meta:
        model = TeamEquipment
        fields = list(EQUIPMENT_FIELDS)


# ---- emergency plans -----------------------------------------------------------------------------------------


class EmergencyPlanSerializer(serializers.ModelSerializer):
    owner_unit = OrgUnitBriefSerializer(read_only=True)
    level_display = serializers.CharField(source="get_level_display", read_only=True)
    incident_kind_labels = serializers.ListField(child=serializers.CharField(), read_only=True)
    revision_due = serializers.BooleanField(read_only=True, help_text="现行预案已过下次修订期限")
    drill_count = serializers.IntegerField(read_only=True, help_text="依据本预案的演练次数")
    has_file = serializers.SerializerMethodField()

    class Meta:
        model = EmergencyPlan
        fields = [
            "id",
            *PLAN_FIELDS,
            "level_display",
            "incident_kind_labels",
            "revision_due",
            "drill_count",
            "has_file",
            "file_name",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_has_file(self, plan) -> bool:
        return bool(plan.file)


class EmergencyPlanWriteSerializer(NoModelValidatorsMixin, serializers.ModelSerializer):
    owner_unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    incident_kinds = serializers.ListField(
        child=serializers.ChoiceField(choices=IncidentKind.choices), required=False, default=list
    )
    next_revision_due = serializers.DateField(
        required=False, allow_null=True, help_text="不填则为最近修订（或印发）日期起3年"
    )
    file = serializers.FileField(required=False, allow_null=True, write_only=True, help_text="预案文本（PDF、Word）")

    class Meta:
        model = EmergencyPlan
        fields = [*PLAN_FIELDS, "file"]


# ---- drills --------------------------------------------------------------------------------------------------


class DrillEvidenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = DrillEvidence
        fields = ["id", "original_name", "content_type", "size", "uploaded_at"]


class TeamBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = RescueTeam
        fields = ["id", "name", "kind"]


class DrillSerializer(serializers.ModelSerializer):
    organiser = OrgUnitBriefSerializer(read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    plan_title = serializers.CharField(source="plan.title", read_only=True, default=None, allow_null=True)
    participating_units = OrgUnitBriefSerializer(many=True, read_only=True)
    teams = TeamBriefSerializer(many=True, read_only=True)

    class Meta:
        model = Drill
        fields = [
            "id",
            *DRILL_FIELDS,
            "kind_display",
            "plan_title",
            "participating_units",
            "teams",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class DrillDetailSerializer(DrillSerializer):
    evidence = DrillEvidenceSerializer(many=True, read_only=True)

    class Meta(DrillSerializer.Meta):
        fields = [*DrillSerializer.Meta.fields, "evidence"]
        read_only_fields = fields


class DrillWriteSerializer(NoModelValidatorsMixin, serializers.ModelSerializer):
    held_on = serializers.DateField(help_text="演练日期，不晚于今天")
    organiser = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    plan = serializers.PrimaryKeyRelatedField(queryset=EmergencyPlan.objects.all(), required=False, allow_null=True)
    participating_units = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all(), many=True, required=False)
    teams = serializers.PrimaryKeyRelatedField(queryset=RescueTeam.objects.all(), many=True, required=False)
    participants = serializers.IntegerField(required=False, min_value=0)
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list, write_only=True)

    class Meta:
        model = Drill
        fields = [*DRILL_FIELDS, "participating_units", "teams", "files"]
