"""The cockpit's figures for external systems and dashboards: /api/v1/dashboard/summary/ and /trend/. Both
take `unit` (a unit in the caller's scope; 404 otherwise) and `on` (a date, not in the future and not before
the first plan; 400 with a reason otherwise)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from dashboards.figures import summary
from dashboards.figures.trend import MAX_TREND_MONTHS, trend
from dashboards.params import dashboard_params
from inspections.api.stats import EnforcementStatsSerializer


class FigureSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="稳定的键，如 open、major_open、red")
    label = serializers.CharField()
    value = serializers.DecimalField(max_digits=16, decimal_places=2, coerce_to_string=False)
    url = serializers.CharField(help_text="明细列表的地址；历史日期为空")


class BreakdownRowSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    total = serializers.IntegerField()
    done = serializers.IntegerField()
    overdue = serializers.IntegerField()
    percent = serializers.FloatField(help_text="完成率（%）")
    url = serializers.CharField()


class TargetRowSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    name = serializers.CharField()
    unit_of_measure = serializers.CharField()
    value = serializers.DecimalField(max_digits=14, decimal_places=2)
    actual = serializers.DecimalField(max_digits=14, decimal_places=2)
    percent = serializers.FloatField()
    url = serializers.CharField()


class PlanFiguresSerializer(serializers.Serializer):
    year = serializers.IntegerField(allow_null=True, help_text="所读日期所在年度的工作要点；没有时为空")
    measures = FigureSerializer(many=True, help_text="具体措施总数及各状态数")
    colours = FigureSerializer(many=True, help_text="三色督办：red、yellow、blue")
    systems = BreakdownRowSerializer(many=True)
    work_items = BreakdownRowSerializer(many=True)
    key_actions = BreakdownRowSerializer(many=True)
    overdue_by_unit = BreakdownRowSerializer(many=True)
    targets = TargetRowSerializer(many=True, help_text="量化目标；只在全县汇总中给出")


class MonthCountSerializer(serializers.Serializer):
    month = serializers.DateField(help_text="月份第一天")
    count = serializers.IntegerField()


class HazardFiguresSerializer(serializers.Serializer):
    totals = FigureSerializer(many=True, help_text="open、overdue、major_open，及本月 found、closed")
    by_level = FigureSerializer(many=True)
    by_sector = FigureSerializer(many=True)
    by_age = FigureSerializer(many=True)
    major_trend = serializers.SerializerMethodField()

    @extend_schema_field(MonthCountSerializer(many=True))
    def get_major_trend(self, figures):
        return [{"month": month.isoformat(), "count": n} for month, n in figures.major_trend]


class UnitRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField(source="display_name")


class SummarySerializer(serializers.Serializer):
    on = serializers.DateField()
    unit = UnitRefSerializer(allow_null=True, help_text="为空表示全县（调用方可查看的全部）")
    live = serializers.BooleanField(help_text="是否为今天的数据（历史日期不给明细链接）")
    plan = PlanFiguresSerializer()
    hazards = HazardFiguresSerializer()
    warnings = FigureSerializer(many=True, help_text="in_force、acknowledgements、acknowledged、on_time")
    patrols = FigureSerializer(many=True, help_text="required、done、missing（所读日期所在巡查周期）")
    enforcement = serializers.SerializerMethodField()

    @extend_schema_field(EnforcementStatsSerializer(allow_null=True))
    def get_enforcement(self, figures):
        return figures.enforcement.as_dict() if figures.enforcement is not None else None


UNIT = OpenApiParameter(
    "unit", OpenApiTypes.INT, required=False, description="单位ID；不填为全县（调用方可查看的全部）"
)
ON = OpenApiParameter("on", OpenApiTypes.DATE, required=False, description="所读日期，默认今天；不能晚于今天")


class SummaryView(APIView):
    """全县总览的数字：工作要点完成、三色督办、量化目标、隐患、预警叫应、巡查、“三个强度”。"""

    @extend_schema(parameters=[UNIT, ON], responses=SummarySerializer)
    def get(self, request):
        unit, on = dashboard_params(user=request.user, query=request.query_params)
        return Response(SummarySerializer(summary(user=request.user, unit=unit, on=on)).data)


class TrendPointSerializer(serializers.Serializer):
    month = serializers.DateField()
    read_on = serializers.DateField(help_text="该月数字所读的日期（月末，或所读日期）")
    hazards_open = serializers.IntegerField()
    major_open = serializers.IntegerField()
    hazards_found = serializers.IntegerField()
    hazards_closed = serializers.IntegerField()
    measures_done = serializers.IntegerField()
    measures_overdue = serializers.IntegerField()


class TrendView(APIView):
    """逐月趋势：每月末的未销号隐患、重大事故隐患、已完成和逾期的具体措施，以及当月新发现和销号的隐患。"""

    @extend_schema(
        parameters=[
            UNIT,
            ON,
            OpenApiParameter(
                "months", OpenApiTypes.INT, required=False, description=f"月数，默认12，最多{MAX_TREND_MONTHS}"
            ),
        ],
        responses=TrendPointSerializer(many=True),
    )
    def get(self, request):
        unit, on = dashboard_params(user=request.user, query=request.query_params)
        months = _months(request.query_params.get("months", ""))
        points = trend(user=request.user, unit=unit, on=on, months=months)
        return Response(TrendPointSerializer(points, many=True).data)


def _months(raw):
    if not raw:
        return 12
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_TREND_MONTHS:
        raise ValidationError({"months": _("月数应为1至%(n)d的整数。") % {"n": MAX_TREND_MONTHS}})
    return int(raw)
