"""救灾救助 in the API (item 18): disaster events, relief households (ID and bank card numbers masked for all but
the relief office), payments and house reconstruction. Reads are scoped like the pages; writes go through
disasters.relief_services."""

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.serializers import OrgUnitBriefSerializer
from core.models import OrgUnit
from disasters import relief_selectors as selectors
from disasters import relief_services as services
from disasters.models import DisasterEvent, HouseReconstruction, ReconstructionStep, ReliefHousehold, ReliefPayment
from disasters.models.relief import ReconstructionStage, ReliefKind

MONEY = {"max_digits": 14, "decimal_places": 2, "read_only": True}


class DisasterEventSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    townships = OrgUnitBriefSerializer(many=True, read_only=True)
    villages = OrgUnitBriefSerializer(many=True, read_only=True)

    class Meta:
        model = DisasterEvent
        fields = [
            "id",
            "name",
            "kind",
            "kind_display",
            "started_on",
            "ended_on",
            "description",
            "townships",
            "villages",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class DisasterEventWriteSerializer(serializers.ModelSerializer):
    townships = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all(), many=True, required=False)
    villages = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all(), many=True, required=False)

    class Meta:
        model = DisasterEvent
        fields = ["name", "kind", "started_on", "ended_on", "description", "townships", "villages"]

    def get_validators(self):
        return []  # the service checks the event (its name too) and names the fields in Chinese


class DisasterEventViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """灾害事件 and the townships and villages it struck; seen county-wide and by the struck units. Registered by
    the county office or the relief office (救灾科)."""

    filterset_class = selectors.DisasterEventFilterSet
    serializer_class = DisasterEventSerializer

    def get_queryset(self):
        return selectors.event_queryset(user=self.request.user).order_by("-started_on", "-pk")

    @extend_schema(request=DisasterEventWriteSerializer, responses={201: DisasterEventSerializer})
    def create(self, request, *args, **kwargs):
        data = DisasterEventWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        event = services.disaster_event_create(actor=request.user, **data.validated_data)
        return Response(DisasterEventSerializer(self.get_queryset().get(pk=event.pk)).data, status=201)


class ReliefHouseholdSerializer(serializers.ModelSerializer):
    village = OrgUnitBriefSerializer(read_only=True)
    event_name = serializers.CharField(source="event.name", read_only=True)
    id_number = serializers.SerializerMethodField(help_text="身份证号：救灾科可见完整号码，其他人为脱敏号码")
    bank_card = serializers.SerializerMethodField(help_text="一卡通卡号：救灾科可见完整号码，其他人为脱敏号码")
    owed = serializers.DecimalField(**MONEY)
    paid = serializers.DecimalField(**MONEY)
    outstanding = serializers.DecimalField(**MONEY)

    class Meta:
        model = ReliefHousehold
        fields = [
            "id",
            "event",
            "event_name",
            "village",
            "head_name",
            "member_count",
            "member_names",
            "id_number",
            "bank_card",
            "phone",
            "address",
            "note",
            "owed",
            "paid",
            "outstanding",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def _identity(self, household):
        return selectors.identity_of(self.context["request"].user, household)

    @extend_schema_field(serializers.CharField())
    def get_id_number(self, household):
        return self._identity(household)["id_number"]

    @extend_schema_field(serializers.CharField())
    def get_bank_card(self, household):
        return self._identity(household)["bank_card"]


class ReliefHouseholdWriteSerializer(serializers.Serializer):
    event = serializers.PrimaryKeyRelatedField(queryset=DisasterEvent.objects.all())
    village = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    head_name = serializers.CharField(max_length=50)
    member_count = serializers.IntegerField(min_value=1, max_value=99)
    member_names = serializers.CharField(max_length=300, required=False, allow_blank=True)
    id_number = serializers.CharField(max_length=30, help_text="18位身份证号，按GB 11643校验位检查")
    bank_card = serializers.CharField(max_length=30, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    address = serializers.CharField(max_length=200, required=False, allow_blank=True)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True)


class ReliefHouseholdViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """受灾户 of the villages the person sees, with owed, paid and outstanding (computed)."""

    filterset_class = selectors.ReliefHouseholdFilterSet
    serializer_class = ReliefHouseholdSerializer

    def get_queryset(self):
        return selectors.with_totals(selectors.household_queryset(user=self.request.user)).order_by("event", "pk")

    @extend_schema(request=ReliefHouseholdWriteSerializer, responses={201: ReliefHouseholdSerializer})
    def create(self, request, *args, **kwargs):
        data = ReliefHouseholdWriteSerializer(data=request.data)
        data.fields["event"].queryset = selectors.event_queryset(user=request.user)
        data.fields["village"].queryset = OrgUnit.objects.visible_to(request.user)
        data.is_valid(raise_exception=True)
        household = services.relief_household_create(actor=request.user, **data.validated_data)
        row = self.get_queryset().get(pk=household.pk)
        return Response(self.get_serializer(row).data, status=status.HTTP_201_CREATED)


class ReliefPaymentSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    event = serializers.IntegerField(source="household.event_id", read_only=True)

    class Meta:
        model = ReliefPayment
        fields = [
            "id",
            "event",
            "household",
            "kind",
            "kind_display",
            "period",
            "amount",
            "paid_on",
            "transfer_reference",
            "reason",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ReliefPaymentWriteSerializer(serializers.Serializer):
    household = serializers.PrimaryKeyRelatedField(queryset=ReliefHousehold.objects.all())
    kind = serializers.ChoiceField(choices=ReliefKind.choices)
    period = serializers.CharField(max_length=30, help_text="救助期间，如 2024年7月")
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, help_text="大于0")
    paid_on = serializers.DateField()
    transfer_reference = serializers.CharField(max_length=64)
    reason = serializers.CharField(
        max_length=200, required=False, allow_blank=True, help_text="同户同类同期第二次发放时必填"
    )


class ReliefPaymentViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """救助发放 through 一卡通. POST records one payment; a second one of the same kind and period to the same
    household is refused (400) without `reason`."""

    filterset_class = selectors.ReliefPaymentFilterSet
    serializer_class = ReliefPaymentSerializer

    def get_queryset(self):
        return selectors.payment_queryset(user=self.request.user).order_by("-paid_on", "-pk")

    @extend_schema(request=ReliefPaymentWriteSerializer, responses={201: ReliefPaymentSerializer})
    def create(self, request, *args, **kwargs):
        data = ReliefPaymentWriteSerializer(data=request.data)
        data.fields["household"].queryset = selectors.household_queryset(user=request.user)
        data.is_valid(raise_exception=True)
        payment = services.relief_payment_create(actor=request.user, **data.validated_data)
        return Response(ReliefPaymentSerializer(payment).data, status=status.HTTP_201_CREATED)


class ReconstructionStepSerializer(serializers.ModelSerializer):
    # "" on the first step (the registration): the schema must allow it beside the stages.
    from_stage = serializers.ChoiceField(choices=ReconstructionStage.choices, allow_blank=True, read_only=True)

    class Meta:
        model = ReconstructionStep
        fields = ["id", "from_stage", "to_stage", "on", "note", "at"]
        read_only_fields = fields


class HouseReconstructionSerializer(serializers.ModelSerializer):
    damage_display = serializers.CharField(source="get_damage_display", read_only=True)
    plan_display = serializers.CharField(source="get_plan_display", read_only=True)
    stage_display = serializers.CharField(source="get_stage_display", read_only=True)
    head_name = serializers.CharField(source="household.head_name", read_only=True)

    class Meta:
        model = HouseReconstruction
        fields = [
            "id",
            "household",
            "head_name",
            "damage",
            "damage_display",
            "plan",
            "plan_display",
            "stage",
            "stage_display",
            "started_on",
            "completed_on",
            "note",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class AdvanceSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=ReconstructionStage.choices)
    on = serializers.DateField()
    note = serializers.CharField(max_length=200, required=False, allow_blank=True)


class HouseReconstructionViewSet(viewsets.ReadOnlyModelViewSet):
    """倒损住房 and their reconstruction stage (未开工 → 在建 → 主体完工 → 竣工入住). `POST …/{id}/advance/` moves
    the stage forward; `GET …/{id}/steps/` lists every move (who, when, why)."""

    filterset_class = selectors.HouseReconstructionFilterSet
    serializer_class = HouseReconstructionSerializer

    def get_queryset(self):
        return selectors.reconstruction_queryset(user=self.request.user).order_by("pk")

    @extend_schema(request=AdvanceSerializer, responses=HouseReconstructionSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def advance(self, request, pk=None):
        house = self.get_object()
        data = AdvanceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        house = services.reconstruction_advance(actor=request.user, reconstruction=house, **data.validated_data)
        return Response(HouseReconstructionSerializer(self.get_queryset().get(pk=house.pk)).data)

    @extend_schema(responses=ReconstructionStepSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def steps(self, request, pk=None):
        house = self.get_object()
        return Response(ReconstructionStepSerializer(house.steps.order_by("on", "pk"), many=True).data)
