"""API of items 6 and 8: trainings (attendees and certificates nested, `attendees/` to add one), 安全生产责任保险
policies, and the safety credit records (read-only, computed from their sources)."""

from django.urls import reverse
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.serializers import OrgUnitBriefSerializer
from core.models import Enterprise, OrgUnit
from inspections import credit_selectors
from inspections import enterprise_service_selectors as selectors
from inspections import enterprise_services as services
from inspections.api.penalties import EnterpriseBriefSerializer
from inspections.credit_choices import CreditGrade, PersonRole
from inspections.models import InsurancePolicy, SafetyCertificate, Training, TrainingAttendee


class AttendeeSerializer(serializers.ModelSerializer):
    enterprise = EnterpriseBriefSerializer(read_only=True)
    role_display = serializers.CharField(source="get_role_display", read_only=True)

    class Meta:
        model = TrainingAttendee
        fields = ["id", "enterprise", "person_name", "role", "role_display", "attended", "passed"]
        read_only_fields = fields


class CertificateSerializer(serializers.ModelSerializer):
    enterprise = EnterpriseBriefSerializer(read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = SafetyCertificate
        fields = ["id", "enterprise", "holder_name", "kind", "kind_display", "number", "issued_on", "expires_on"]
        read_only_fields = fields


class TrainingSerializer(serializers.ModelSerializer):
    organizer = OrgUnitBriefSerializer(read_only=True)
    attendees = AttendeeSerializer(many=True, read_only=True)
    certificates = CertificateSerializer(many=True, read_only=True)

    class Meta:
        model = Training
        fields = [
            "id",
            "title",
            "organizer",
            "starts_on",
            "ends_on",
            "place",
            "hours",
            "attendees",
            "certificates",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class TrainingWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    organizer = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    place = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    hours = serializers.IntegerField(required=False, default=0, min_value=0, max_value=10000)


class AttendeeWriteSerializer(serializers.Serializer):
    enterprise = serializers.PrimaryKeyRelatedField(queryset=Enterprise.objects.all())
    person_name = serializers.CharField(max_length=50)
    role = serializers.ChoiceField(choices=PersonRole.choices)
    attended = serializers.BooleanField(required=False, default=True)
    passed = serializers.BooleanField(required=False, default=False)


class TrainingViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """培训 of enterprise principals and safety managers, with their attendees and the certificates issued.
    `POST …/{id}/attendees/` adds an attendee (the organiser only). Filters: `organizer`, `year`, `q`."""

    filterset_class = selectors.TrainingFilterSet
    serializer_class = TrainingSerializer

    def get_queryset(self):
        return selectors.training_detail_queryset(user=self.request.user)

    @extend_schema(request=TrainingWriteSerializer, responses={201: TrainingSerializer})
    def create(self, request, *args, **kwargs):
        data = TrainingWriteSerializer(data=request.data)
        data.fields["organizer"].queryset = services.organizer_choices(request.user)
        data.is_valid(raise_exception=True)
        training = services.training_create(actor=request.user, **data.validated_data)
        return Response(TrainingSerializer(self.get_queryset().get(pk=training.pk)).data, status=201)

    @extend_schema(request=AttendeeWriteSerializer, responses={201: AttendeeSerializer})
    @action(detail=True, methods=["post"], pagination_class=None, filter_backends=[])
    def attendees(self, request, pk=None):
        training = self.get_object()
        data = AttendeeWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        row = services.training_attendee_add(actor=request.user, training=training, **data.validated_data)
        return Response(AttendeeSerializer(row).data, status=status.HTTP_201_CREATED)


class InsurancePolicySerializer(serializers.ModelSerializer):
    enterprise = EnterpriseBriefSerializer(read_only=True)

    class Meta:
        model = InsurancePolicy
        fields = [
            "id",
            "enterprise",
            "insurer",
            "policy_number",
            "starts_on",
            "ends_on",
            "premium",
            "insured_amount",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class InsurancePolicyWriteSerializer(serializers.Serializer):
    enterprise = serializers.PrimaryKeyRelatedField(queryset=Enterprise.objects.all())
    insurer = serializers.CharField(max_length=100)
    policy_number = serializers.CharField(max_length=60)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    premium = serializers.DecimalField(max_digits=12, decimal_places=2)
    insured_amount = serializers.DecimalField(max_digits=12, decimal_places=2, help_text="保险金额（万元）")


class InsurancePolicyViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """安全生产责任保险 policies of the enterprises the caller sees. Filters: `expiry` (expiring_30, expiring_90,
    expired, valid), `enterprise`."""

    filterset_class = selectors.InsuranceFilterSet
    serializer_class = InsurancePolicySerializer

    def get_queryset(self):
        return selectors.insurance_queryset(user=self.request.user)

    @extend_schema(request=InsurancePolicyWriteSerializer, responses={201: InsurancePolicySerializer})
    def create(self, request, *args, **kwargs):
        data = InsurancePolicyWriteSerializer(data=request.data)
        data.fields["enterprise"].queryset = Enterprise.objects.visible_to(request.user)
        data.is_valid(raise_exception=True)
        policy = services.insurance_create(actor=request.user, **data.validated_data)
        return Response(InsurancePolicySerializer(self.get_queryset().get(pk=policy.pk)).data, status=201)


class CreditEntrySerializer(serializers.Serializer):
    rule = serializers.CharField(source="rule.code")
    rule_label = serializers.CharField(source="rule.label")
    points = serializers.IntegerField()
    on = serializers.DateField()
    title = serializers.CharField()
    source_type = serializers.CharField(help_text="investigation, hazard, penalty or credit_notice")
    source_id = serializers.IntegerField()
    url = serializers.CharField(help_text="the source record's page")


class CreditRecordSerializer(serializers.ModelSerializer):
    township = OrgUnitBriefSerializer(read_only=True)
    score = serializers.IntegerField(source="credit_score", read_only=True)
    deducted = serializers.IntegerField(source="credit_deducted", read_only=True)
    grade = serializers.ChoiceField(source="credit_grade", choices=CreditGrade.choices, read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Enterprise
        fields = ["id", "name", "credit_code", "township", "score", "deducted", "grade", "url"]
        read_only_fields = fields

    def get_url(self, enterprise) -> str:
        return reverse("inspections:credit-record", args=[enterprise.pk])


class CreditRecordDetailSerializer(CreditRecordSerializer):
    entries = serializers.SerializerMethodField()

    class Meta(CreditRecordSerializer.Meta):
        fields = [*CreditRecordSerializer.Meta.fields, "entries"]
        read_only_fields = fields

    @extend_schema_field(CreditEntrySerializer(many=True))
    def get_entries(self, enterprise):
        return CreditEntrySerializer(credit_selectors.credit_record(enterprise=enterprise).entries, many=True).data


class CreditRecordViewSet(viewsets.ReadOnlyModelViewSet):
    """安全信用档案 of the enterprises the caller sees: the score (100 less the deductions), the grade (A–D) and, on
    a record, each entry with its rule and its source record (`source_type`, `source_id`, `url`). Computed from
    the accidents, major hazards, overdue rectifications, penalties and 警示曝光; nothing to write here.
    Filters: `grade`, `township`, `sector`, `q`."""

    filterset_class = credit_selectors.CreditFilterSet
    serializer_class = CreditRecordSerializer
    # No ?updated_after=: a record changes when a penalty or a hazard does, not when the enterprise's updated_at
    # does, so that mark would let a syncing system miss changes. Read the list again instead.
    filter_backends = [DjangoFilterBackend]

    def get_queryset(self):
        return credit_selectors.credit_queryset(user=self.request.user).order_by("credit_score", "name", "pk")

    def get_serializer_class(self):
        return CreditRecordDetailSerializer if self.action == "retrieve" else CreditRecordSerializer
