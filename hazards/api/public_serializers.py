from rest_framework import serializers

from core.api.serializers import OrgUnitBriefSerializer
from core.choices import OrgUnitKind, Sector
from core.models import Enterprise, OrgUnit
from hazards.choices import HazardLevel, RewardStatus
from hazards.models import ProblemList, PublicReport, PublicReportPhoto


class PublicReportSubmitSerializer(serializers.Serializer):
    """What anyone may send; the service says in Chinese what is missing or refused."""

    description = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    place = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    township = serializers.PrimaryKeyRelatedField(
        queryset=OrgUnit.objects.filter(kind=OrgUnitKind.TOWNSHIP, is_active=True), required=False, allow_null=True
    )
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True)
    contact_name = serializers.CharField(required=False, allow_blank=True, default="", max_length=50)
    contact_phone = serializers.CharField(required=False, allow_blank=True, default="", max_length=20)
    photos = serializers.ListField(child=serializers.FileField(), required=False, default=list)


class PublicReportReceiptSerializer(serializers.Serializer):
    receipt_code = serializers.CharField(help_text="回执码：凭此码查询处理结果")


class PublicReportOutcomeSerializer(serializers.Serializer):
    """All a reporter learns with the receipt code."""

    receipt_code = serializers.CharField()
    submitted_on = serializers.DateField()
    status = serializers.CharField()
    status_display = serializers.CharField()
    reject_reason = serializers.CharField()
    hazard_number = serializers.CharField()
    hazard_status = serializers.CharField()
    hazard_status_display = serializers.CharField()
    reward_status = serializers.CharField()
    reward_status_display = serializers.CharField()


class PublicReportPhotoSerializer(serializers.ModelSerializer):
    class Meta:
        model = PublicReportPhoto
        fields = ["id", "original_name", "content_type", "size", "uploaded_at"]


class PublicReportSerializer(serializers.ModelSerializer):
    township = OrgUnitBriefSerializer(read_only=True, allow_null=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    reward_status_display = serializers.CharField(source="get_reward_status_display", read_only=True)
    hazard_number = serializers.CharField(source="hazard.number", read_only=True, default=None, allow_null=True)
    triaged_by = serializers.StringRelatedField(read_only=True, allow_null=True)
    reward_set_by = serializers.StringRelatedField(read_only=True, allow_null=True)
    photo_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = PublicReport
        fields = [
            "id",
            "receipt_code",
            "description",
            "place",
            "township",
            "latitude",
            "longitude",
            "contact_name",
            "contact_phone",
            "status",
            "status_display",
            "hazard",
            "hazard_number",
            "reject_reason",
            "triaged_by",
            "triaged_at",
            "reward_status",
            "reward_status_display",
            "reward_amount",
            "reward_note",
            "reward_set_by",
            "reward_set_at",
            "photo_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class PublicReportDetailSerializer(PublicReportSerializer):
    photos = PublicReportPhotoSerializer(many=True, read_only=True)

    class Meta(PublicReportSerializer.Meta):
        fields = [*PublicReportSerializer.Meta.fields, "photos"]
        read_only_fields = fields


class PublicReportAcceptSerializer(serializers.Serializer):
    """The hazard the report becomes; what and where come from the report, its photos become before-evidence."""

    title = serializers.CharField(max_length=200)
    sector = serializers.ChoiceField(choices=Sector.choices)
    level = serializers.ChoiceField(choices=HazardLevel.choices, default=HazardLevel.GENERAL)
    territory = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    supervising_department = serializers.PrimaryKeyRelatedField(
        queryset=OrgUnit.objects.all(), required=False, allow_null=True
    )
    enterprise = serializers.PrimaryKeyRelatedField(queryset=Enterprise.objects.all(), required=False, allow_null=True)
    problem_list = serializers.PrimaryKeyRelatedField(
        queryset=ProblemList.objects.filter(is_active=True), required=False
    )
    deadline = serializers.DateField()
    measures = serializers.CharField(required=False, allow_blank=True, default="")
    responsible_person = serializers.CharField(required=False, allow_blank=True, default="", max_length=50)
    responsible_phone = serializers.CharField(required=False, allow_blank=True, default="", max_length=20)


class PublicReportRejectSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class PublicReportRewardSerializer(serializers.Serializer):
    reward_status = serializers.ChoiceField(choices=RewardStatus.choices)
    reward_amount = serializers.DecimalField(max_digits=10, decimal_places=2, required=False, allow_null=True)
    reward_note = serializers.CharField(required=False, allow_blank=True, default="")
