"""API of inspection plans (执法计划); every write goes through inspections.plan_services."""

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.serializers import OrgUnitBriefSerializer
from core.choices import EnterpriseScale, OrgUnitKind, Sector
from core.models import Enterprise, OrgUnit
from inspections import plan_selectors as selectors
from inspections import plan_services as services
from inspections.models import InspectionPlan
from inspections.plan_filtersets import InspectionPlanFilterSet
from inspections.plan_services import PLAN_FIELDS


class InspectionPlanSerializer(serializers.ModelSerializer):
    department = OrgUnitBriefSerializer(read_only=True)
    focus_display = serializers.CharField(source="get_focus_display", read_only=True)
    enterprise_count = serializers.IntegerField(read_only=True, help_text="计划检查单位数")
    visited_count = serializers.IntegerField(
        read_only=True, help_text="已检查单位数（计划期内本部门检查过，或检查记录关联本计划）"
    )
    inspections_done = serializers.IntegerField(read_only=True, help_text="已开展检查次数，对照 planned_count")

    class Meta:
        model = InspectionPlan
        fields = [
            "id",
            *PLAN_FIELDS,
            "focus_display",
            "selection",
            "selection_rule",
            "enterprise_count",
            "visited_count",
            "inspections_done",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class PlanCoverageRowSerializer(serializers.Serializer):
    enterprise = serializers.IntegerField(source="enterprise_id")
    enterprise_name = serializers.CharField(source="enterprise.name")
    township = serializers.CharField(source="enterprise.township.name")
    planned_on = serializers.DateField(allow_null=True)
    visited_on = serializers.DateField(allow_null=True, help_text="计划内首次检查日期；未检查为 null")
    visit_count = serializers.IntegerField()


class PlanCoverageSerializer(serializers.Serializer):
    enterprises_planned = serializers.IntegerField()
    enterprises_visited = serializers.IntegerField()
    enterprises_not_visited = serializers.IntegerField()
    percent = serializers.IntegerField(help_text="单位覆盖率（%）")
    inspections_done = serializers.IntegerField()
    planned_count = serializers.IntegerField()
    inspections_percent = serializers.IntegerField(help_text="检查次数完成率（%）")
    period_ended = serializers.BooleanField()
    rows = PlanCoverageRowSerializer(many=True)


class InspectionPlanDetailSerializer(InspectionPlanSerializer):
    coverage = serializers.SerializerMethodField()

    class Meta(InspectionPlanSerializer.Meta):
        fields = [*InspectionPlanSerializer.Meta.fields, "coverage"]
        read_only_fields = fields

    @extend_schema_field(PlanCoverageSerializer)
    def get_coverage(self, plan):
        coverage = selectors.plan_coverage(plan=plan)
        return PlanCoverageSerializer({**coverage.as_dict(), "rows": coverage.rows}).data


class InspectionPlanWriteSerializer(serializers.ModelSerializer):
    department = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.filter(kind=OrgUnitKind.DEPARTMENT))
    planned_count = serializers.IntegerField(required=False, help_text="计划检查次数（不小于0）")

    class Meta:
        model = InspectionPlan
        fields = list(PLAN_FIELDS)

    def get_validators(self):
        return []  # the service checks the record and names the fields in Chinese


class PlanRuleSerializer(serializers.Serializer):
    sectors = serializers.ListField(child=serializers.ChoiceField(choices=Sector.choices), required=False, default=list)
    scales = serializers.ListField(
        child=serializers.ChoiceField(choices=EnterpriseScale.choices), required=False, default=list
    )
    townships = serializers.PrimaryKeyRelatedField(
        many=True, queryset=OrgUnit.objects.filter(kind=OrgUnitKind.TOWNSHIP), required=False, default=list
    )
    not_visited_months = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    limit = serializers.IntegerField(required=False, allow_null=True, min_value=1)


class PlannedVisitWriteSerializer(serializers.Serializer):
    enterprise = serializers.PrimaryKeyRelatedField(queryset=Enterprise.objects.all())
    planned_on = serializers.DateField(required=False, allow_null=True)


class PlanEnterprisesSerializer(serializers.Serializer):
    enterprises = PlannedVisitWriteSerializer(
        many=True, required=False, help_text="新的名单（替换原名单）；省略时按 rule 选取"
    )
    rule = PlanRuleSerializer(required=False, help_text="选取条件：与 enterprises 同给则仅作记录，单独给则按条件选取")

    def validate(self, attrs):
        if "enterprises" not in attrs and "rule" not in attrs:
            raise serializers.ValidationError("请给出检查单位名单（enterprises）或选取条件（rule）。")
        return attrs


class InspectionPlanViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """执法计划: filter by `department`, `year` (the period touches it), `focus`, `current`; the detail carries the
    plan's `coverage` (enterprises visited in the period by the department, inspections done vs planned)."""

    http_method_names = ["get", "post", "patch", "put", "head", "options"]
    filterset_class = InspectionPlanFilterSet

    def get_queryset(self):
        return selectors.plan_queryset(user=self.request.user)

    def get_serializer_class(self):
        return InspectionPlanSerializer if self.action == "list" else InspectionPlanDetailSerializer

    def _data(self, serializer_class, partial=False):
        data = serializer_class(data=self.request.data, partial=partial, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        return dict(data.validated_data)

    def _respond(self, plan, code=status.HTTP_200_OK):
        detail = self.get_queryset().get(pk=plan.pk)
        return Response(InspectionPlanDetailSerializer(detail, context=self.get_serializer_context()).data, status=code)

    @extend_schema(request=InspectionPlanWriteSerializer, responses={201: InspectionPlanDetailSerializer})
    def create(self, request, *args, **kwargs):
        plan = services.plan_create(actor=request.user, **self._data(InspectionPlanWriteSerializer))
        return self._respond(plan, status.HTTP_201_CREATED)

    @extend_schema(exclude=True)
    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(request=InspectionPlanWriteSerializer, responses=InspectionPlanDetailSerializer)
    def partial_update(self, request, *args, **kwargs):
        values = self._data(InspectionPlanWriteSerializer, partial=True)
        return self._respond(services.plan_update(actor=request.user, plan=self.get_object(), **values))

    @extend_schema(
        request=PlanEnterprisesSerializer,
        responses=InspectionPlanDetailSerializer,
        description="替换计划的检查单位名单。给 `enterprises`（可带计划日期）为手工选取；只给 `rule` 则按条件"
        "（行业、规模、乡镇、近N个月本部门未检查、数量上限）选取并保存，条件记入计划。",
    )
    @action(detail=True, methods=["put"], url_path="enterprises")
    def set_enterprises(self, request, pk=None):
        plan = self.get_object()
        values = self._data(PlanEnterprisesSerializer)
        rule_values = values.get("rule")
        rule = services.selection_rule(**rule_values) if rule_values else None
        if "enterprises" in values:
            chosen = [(v["enterprise"], v.get("planned_on")) for v in values["enterprises"]]
        else:
            chosen = list(
                services.plan_select_enterprises(actor=request.user, department=plan.department, **rule_values)
            )
        services.plan_set_enterprises(actor=request.user, plan=plan, enterprises=chosen, rule=rule)
        return self._respond(plan)
