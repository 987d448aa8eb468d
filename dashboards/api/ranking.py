"""GET /api/v1/dashboard/ranking/?kind=township|department&period=2024-05|2024Q2: the 晾晒比拼 ranking, each
unit's score explained metric by metric. Like the page, every signed-in account reads the whole ranking; list
links are given only for units the account may see."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from dashboards.ranking import unit_ranking
from dashboards.ranking_periods import ranking_params


class RankingUnitSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="display_name")


class RankingCellSerializer(serializers.Serializer):
    metric = serializers.CharField(source="metric.value", help_text="指标代码，见 metrics")
    numerator = serializers.IntegerField(help_text="分子：计入的记录数")
    denominator = serializers.IntegerField(help_text="分母：应计的记录数；0 表示无应计事项，该项不得分")
    rate = serializers.DecimalField(
        max_digits=5, decimal_places=4, allow_null=True, help_text="比率 = 分子 / 分母（0–1），分母为 0 时为空"
    )
    weight = serializers.DecimalField(max_digits=4, decimal_places=1, help_text="权重（分）")
    points = serializers.DecimalField(max_digits=5, decimal_places=1, help_text="得分 = 权重 × 比率")
    list_url = serializers.CharField(source="url", help_text="分子背后记录的清单（页面地址）；无或无权查看时为空串")
    denominator_list_url = serializers.CharField(
        source="denominator_url", help_text="分母相关的清单（页面地址）；无或无权查看时为空串"
    )


class RankingRowSerializer(serializers.Serializer):
    rank = serializers.IntegerField(help_text="名次；同分同名次")
    unit = RankingUnitSerializer()
    score = serializers.DecimalField(max_digits=6, decimal_places=1, help_text="总分 = 各项得分之和")
    metrics = RankingCellSerializer(source="cells", many=True)


class RankingMetricSerializer(serializers.Serializer):
    metric = serializers.CharField(help_text="指标代码")
    label = serializers.CharField(source="get_metric_display")
    weight = serializers.DecimalField(max_digits=4, decimal_places=1)


class RankingSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="township（乡镇、街道）或 department（县级部门）")
    period = serializers.CharField(source="period.text", help_text="统计周期：2024-05 或 2024Q2")
    period_label = serializers.CharField(source="period.label")
    first_day = serializers.DateField(source="period.first")
    last_day = serializers.DateField(source="period.last")
    as_of = serializers.DateField(help_text="数据截至日期")
    full_marks = serializers.DecimalField(max_digits=6, decimal_places=1, help_text="满分（正权重之和）")
    metrics = RankingMetricSerializer(source="weights", many=True, help_text="计入得分的指标及其权重")
    left_out = serializers.ListField(
        child=serializers.CharField(), help_text="该类单位不参评的指标代码（县级部门不计预警叫应）"
    )
    rows = RankingRowSerializer(many=True)


class RankingView(APIView):
    """晾晒比拼: townships or county departments ranked for a month or a quarter. Each metric is a rate (numerator
    over denominator) earning weight × rate points; the score is their sum. Metrics: reports_on_time (进展按时
    填报率), self_found (隐患自查自报率), closed_on_time (隐患按期整改率), overdue (隐患逾期率, negative weight),
    acks_on_time (预警按时叫应率, townships only). A bad, future or pre-plan period is 400 with a reason."""

    @extend_schema(
        operation_id="dashboard_ranking",
        parameters=[
            OpenApiParameter(
                "kind", OpenApiTypes.STR, enum=["township", "department"], description="排名对象，默认 township"
            ),
            OpenApiParameter("period", OpenApiTypes.STR, description="月份 2024-05 或季度 2024Q2；默认上月"),
        ],
        responses=RankingSerializer,
    )
    def get(self, request):
        kind, period = ranking_params(request.query_params)
        ranking = unit_ranking(user=request.user, kind=kind, period=period)
        return Response(RankingSerializer(ranking).data)
