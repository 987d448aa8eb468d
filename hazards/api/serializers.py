from rest_framework import serializers

from core.api.serializers import OrgUnitBriefSerializer
from core.models import Enterprise, OrgUnit
from hazards.choices import HazardStatus
from hazards.models import Hazard, HazardEvent, HazardEvidence, ProblemList
from hazards.services import FIELDS as HAZARD_FIELDS


class EvidenceSerializer(serializers.ModelSerializer):
    stage_display = serializers.CharField(source="get_stage_display", read_only=True)

    class Meta:
        model = HazardEvidence
        fields = ["id", "stage", "stage_display", "original_name", "content_type", "size", "uploaded_at"]


class HazardSerializer(serializers.ModelSerializer):
    territory = OrgUnitBriefSerializer(read_only=True)
    supervising_department = OrgUnitBriefSerializer(read_only=True, allow_null=True)
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True, default=None, allow_null=True)
    problem_list_name = serializers.CharField(source="problem_list.name", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    level_display = serializers.CharField(source="get_level_display", read_only=True)
    source_display = serializers.CharField(source="get_source_display", read_only=True)
    sector_display = serializers.CharField(source="get_sector_display", read_only=True)

    class Meta:
        model = Hazard
        fields = [
            "id",
            "number",
            "title",
            "description",
            "sector",
            "sector_display",
            "level",
            "level_display",
            "source",
            "source_display",
            "problem_list",
            "problem_list_name",
            "enterprise",
            "enterprise_name",
            "place",
            "territory",
            "supervising_department",
            "responsible_person",
            "responsible_phone",
            "found_on",
            "deadline",
            "measures",
            "funds",
            "latitude",
            "longitude",
            "status",
            "status_display",
            "closed_at",
            "is_listed",
            "listing_leader",
            "listing_deadline",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class HazardDetailSerializer(HazardSerializer):
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta(HazardSerializer.Meta):
        fields = [*HazardSerializer.Meta.fields, "evidence"]
        read_only_fields = fields


class HazardWriteSerializer(serializers.ModelSerializer):
    """What a caller may send; the service decides which fields the hazard's state still allows."""

    territory = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all(), required=False)
    supervising_department = serializers.PrimaryKeyRelatedField(
        queryset=OrgUnit.objects.all(), required=False, allow_null=True
    )
    enterprise = serializers.PrimaryKeyRelatedField(queryset=Enterprise.objects.all(), required=False, allow_null=True)
    problem_list = serializers.PrimaryKeyRelatedField(
        queryset=ProblemList.objects.filter(is_active=True), required=False
    )
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list, write_only=True)
    comment = serializers.CharField(required=False, allow_blank=True, default="", write_only=True)

    class Meta:
        model = Hazard
        fields = [*HAZARD_FIELDS, "files", "comment"]

    def get_validators(self):
        return []  # the model's constraints are checked by the service, which names the fields in Chinese


class TransitionSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=HazardStatus.choices)
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list)


class HazardEventSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    actor = serializers.SerializerMethodField()
    files = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = HazardEvent
        fields = ["id", "kind", "kind_display", "from_status", "to_status", "step", "actor", "at", "comment", "files"]

    def get_actor(self, event) -> dict | None:
        if event.actor is None:
            return None
        return {"id": event.actor_id, "username": event.actor.username, "name": str(event.actor)}
