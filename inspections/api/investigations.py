"""/api/v1/investigations/: accident and disaster investigations (事故调查)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.serializers import OrgUnitBriefSerializer
from core.models import Enterprise, OrgUnit
from hazards.models import Hazard
from inspections import investigation_selectors as selectors
from inspections import investigation_services as services
from inspections.investigation_choices import FOUR_NOTS, Handling
from inspections.investigation_filtersets import InvestigationFilterSet
from inspections.models import Investigation, InvestigationResponsibility, Penalty

FOUR_NOT_FIELDS = [name for flag, date, _label in FOUR_NOTS for name in (flag, date)]


class ResponsibilitySerializer(serializers.ModelSerializer):
    handling_display = serializers.CharField(source="get_handling_display", read_only=True)

    class Meta:
        model = InvestigationResponsibility
        fields = [
            "id",
            "name",
            "post",
            "finding",
            "handling",
            "handling_display",
            "handling_note",
            "handled",
            "handled_on",
        ]
        read_only_fields = fields


class InvestigationSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    level_display = serializers.CharField(source="get_level_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    township = OrgUnitBriefSerializer(read_only=True)
    lead_department = OrgUnitBriefSerializer(read_only=True)

    class Meta:
        model = Investigation
        fields = [
            "id",
            "number",
            "case_name",
            "kind",
            "kind_display",
            "level",
            "level_display",
            "occurred_at",
            "township",
            "place",
            "lead_department",
            "deaths",
            "injured",
            "missing",
            "direct_loss",
            *FOUR_NOT_FIELDS,
            "status",
            "status_display",
            "closed_at",
            "updated_at",
        ]
        read_only_fields = fields


class InvestigationDetailSerializer(InvestigationSerializer):
    responsibilities = ResponsibilitySerializer(many=True, read_only=True)
    missing_four_nots = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="尚未落实的“四不放过”事项"
    )

    class Meta(InvestigationSerializer.Meta):
        fields = [
            *InvestigationSerializer.Meta.fields,
            "summary",
            "cause_findings",
            "responsibility_findings",
            "missing_four_nots",
            "enterprises",
            "hazards",
            "penalties",
            "responsibilities",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class InvestigationWriteSerializer(serializers.ModelSerializer):
    """What a caller may send; the service checks the rules and names the fields in Chinese."""

    township = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    lead_department = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    deaths = serializers.IntegerField(required=False, default=0)
    injured = serializers.IntegerField(required=False, default=0)
    missing = serializers.IntegerField(required=False, default=0)
    direct_loss = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, default=0)
    enterprises = serializers.PrimaryKeyRelatedField(many=True, queryset=Enterprise.objects.none(), required=False)
    hazards = serializers.PrimaryKeyRelatedField(many=True, queryset=Hazard.objects.none(), required=False)
    penalties = serializers.PrimaryKeyRelatedField(many=True, queryset=Penalty.objects.none(), required=False)

    class Meta:
        model = Investigation
        fields = [*services.FIELDS, *services.LINKS]

    def get_validators(self):
        return []

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is None:  # the schema generator
            return
        choices = selectors.investigation_form_choices(user=user)
        for name in services.LINKS:
            self.fields[name].child_relation.queryset = choices[name]


class ResponsibilityWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    post = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    finding = serializers.CharField()
    handling = serializers.ChoiceField(choices=Handling.choices)
    handling_note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    handled = serializers.BooleanField(required=False, default=False)
    handled_on = serializers.DateField(required=False, allow_null=True, default=None)


class HandledSerializer(serializers.Serializer):
    responsibility = serializers.IntegerField(help_text="责任认定的ID")
    handled_on = serializers.DateField(required=False, allow_null=True, default=None, help_text="不填则为今天")


class InvestigationViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """事故调查: opened by the county office or the lead department's head and staff; closed (`close/`, 结案) only
    when the four checks of "四不放过" are ticked and every responsibility is handled. Responsibility findings
    are listed and added at `responsibilities/` and marked handled at `handled/`.
    Filters: `year`, `kind`, `level`, `status`, `township`."""

    filterset_class = InvestigationFilterSet
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if self.action == "list":
            return selectors.investigation_queryset(user=self.request.user)
        return selectors.investigation_detail_queryset(user=self.request.user)

    def get_serializer_class(self):
        return InvestigationSerializer if self.action == "list" else InvestigationDetailSerializer

    def _write_data(self, partial):
        data = InvestigationWriteSerializer(data=self.request.data, partial=partial, user=self.request.user)
        data.is_valid(raise_exception=True)
        return dict(data.validated_data)

    def _detail(self, investigation, code=status.HTTP_200_OK):
        fresh = selectors.investigation_detail_queryset(user=self.request.user).get(pk=investigation.pk)
        return Response(InvestigationDetailSerializer(fresh).data, status=code)

    @extend_schema(request=InvestigationWriteSerializer, responses={201: InvestigationDetailSerializer})
    def create(self, request, *args, **kwargs):
        investigation = services.investigation_create(actor=request.user, **self._write_data(partial=False))
        return self._detail(investigation, status.HTTP_201_CREATED)

    @extend_schema(request=InvestigationWriteSerializer, responses=InvestigationDetailSerializer)
    def partial_update(self, request, *args, **kwargs):
        investigation = self.get_object()
        values = self._write_data(partial=True)
        return self._detail(services.investigation_update(actor=request.user, investigation=investigation, **values))

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(request=None, responses=InvestigationDetailSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._detail(services.investigation_close(actor=request.user, investigation=self.get_object()))

    @extend_schema(methods=["get"], request=None, responses=ResponsibilitySerializer(many=True))
    @extend_schema(methods=["post"], request=ResponsibilityWriteSerializer, responses={201: ResponsibilitySerializer})
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def responsibilities(self, request, pk=None):
        investigation = self.get_object()
        if request.method == "GET":
            return Response(ResponsibilitySerializer(investigation.responsibilities.all(), many=True).data)
        data = ResponsibilityWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        row = services.investigation_responsibility_add(
            actor=request.user, investigation=investigation, **data.validated_data
        )
        return Response(ResponsibilitySerializer(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=HandledSerializer, responses=ResponsibilitySerializer)
    @action(detail=True, methods=["post"])
    def handled(self, request, pk=None):
        investigation = self.get_object()
        data = HandledSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        row = investigation.responsibilities.filter(pk=data.validated_data["responsibility"]).first()
        if row is None:
            raise serializers.ValidationError({"responsibility": _("该事故调查没有这条责任认定。")})
        row = services.investigation_responsibility_mark_handled(
            actor=request.user, responsibility=row, handled_on=data.validated_data["handled_on"]
        )
        return Response(ResponsibilitySerializer(row).data)
