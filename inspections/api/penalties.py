from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.serializers import OrgUnitBriefSerializer
from core.choices import OrgUnitKind
from core.models import Enterprise, OrgUnit
from inspections import penalty_selectors as selectors
from inspections import penalty_services as services
from inspections.models import Inspection, Penalty
from inspections.penalty_filtersets import PenaltyFilterSet


class EnterpriseBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Enterprise
        fields = ["id", "name", "credit_code"]
        read_only_fields = fields


class InspectionBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Inspection
        fields = ["id", "number", "inspected_on"]
        read_only_fields = fields


class PenaltySerializer(serializers.ModelSerializer):
    department = OrgUnitBriefSerializer(read_only=True)
    party_kind_display = serializers.CharField(source="get_party_kind_display", read_only=True)
    enterprise = EnterpriseBriefSerializer(read_only=True)
    inspection = InspectionBriefSerializer(read_only=True, allow_null=True)
    recorded_by = serializers.StringRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Penalty
        fields = [
            "id",
            "decision_number",
            "case_number",
            "decided_on",
            "department",
            "party_kind",
            "party_kind_display",
            "enterprise",
            "person_name",
            "person_post",
            "legal_basis",
            "violation",
            "amount",
            "referred_to_justice",
            "referred_on",
            "inspection",
            "recorded_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class PenaltyCreateSerializer(serializers.Serializer):
    """One penalty on an enterprise; with `double: true` also its principal's (一案双罚), in one case."""

    department = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.filter(kind=OrgUnitKind.DEPARTMENT))
    enterprise = serializers.PrimaryKeyRelatedField(queryset=Enterprise.objects.all())
    inspection = serializers.PrimaryKeyRelatedField(queryset=Inspection.objects.all(), required=False, allow_null=True)
    decision_number = serializers.CharField(max_length=60)
    case_number = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    decided_on = serializers.DateField()
    legal_basis = serializers.CharField(max_length=300, allow_blank=True)
    violation = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, help_text="罚款金额（元）；一案双罚时为单位的罚款"
    )
    referred_to_justice = serializers.BooleanField(required=False, default=False)
    referred_on = serializers.DateField(required=False, allow_null=True, default=None)
    double = serializers.BooleanField(required=False, default=False, help_text="一案双罚：同时处罚主要负责人")
    person_name = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    person_post = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    person_decision_number = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    person_amount = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, allow_null=True)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["inspection"].queryset = Inspection.objects.visible_to(user)

    def validate(self, data):
        if data.get("double"):
            missing = {
                name: [_("一案双罚须填写此项。")]
                for name in ("person_name", "person_decision_number", "person_amount")
                if data.get(name) in (None, "")
            }
            if missing:
                raise serializers.ValidationError(missing)
        return data

    def service_arguments(self):
        data = dict(self.validated_data)
        double = data.pop("double")
        person = {name: data.pop(name, None) for name in PERSON_FIELDS}
        if not double:
            return False, data
        data["enterprise_amount"] = data.pop("amount")
        return True, {**data, **person}


PERSON_FIELDS = ("person_name", "person_post", "person_decision_number", "person_amount")


class ReferSerializer(serializers.Serializer):
    referred_on = serializers.DateField()


class PenaltyViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """行政处罚, each decided by a department. Create one on an enterprise, or with `double: true` the
    enterprise's and its principal's together (一案双罚: two records, one case number); the answer lists the
    records created. `refer/` records the referral to justice (行刑衔接). Filters: `department`, `month`
    (2024-05), `enterprise`, `party_kind`, `referred`, `case_number`."""

    filterset_class = PenaltyFilterSet
    serializer_class = PenaltySerializer

    def get_queryset(self):
        return selectors.penalty_queryset(user=self.request.user)

    @extend_schema(request=PenaltyCreateSerializer, responses={201: PenaltySerializer(many=True)})
    def create(self, request, *args, **kwargs):
        data = PenaltyCreateSerializer(data=request.data, user=request.user)
        data.is_valid(raise_exception=True)
        double, arguments = data.service_arguments()
        call = services.penalty_record_double if double else services.penalty_record
        created = call(actor=request.user, **arguments)
        rows = self.get_queryset().filter(pk__in=[p.pk for p in created]).order_by("pk")
        return Response(PenaltySerializer(rows, many=True).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReferSerializer, responses=PenaltySerializer)
    @action(detail=True, methods=["post"])
    def refer(self, request, pk=None):
        data = ReferSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        penalty = services.penalty_refer(actor=request.user, penalty=self.get_object(), **data.validated_data)
        return Response(PenaltySerializer(self.get_queryset().get(pk=penalty.pk)).data)
