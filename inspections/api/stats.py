from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core.choices import OrgUnitKind
from core.models import OrgUnit
from inspections.bulletin import enforcement_figures
from inspections.months import parse_month


class EnforcementCountSerializer(serializers.Serializer):
    current = serializers.IntegerField(help_text="本月")
    previous = serializers.IntegerField(help_text="上月")
    last_year = serializers.IntegerField(help_text="去年同月")
    vs_previous = serializers.IntegerField(help_text="环比增减")
    vs_last_year = serializers.IntegerField(help_text="同比增减")
    pct_previous = serializers.FloatField(allow_null=True, help_text="环比增减（%），上月为0时为空")
    pct_last_year = serializers.FloatField(allow_null=True, help_text="同比增减（%），去年同月为0时为空")


def _money(label):
    return serializers.DecimalField(max_digits=16, decimal_places=2, help_text=label)


class EnforcementAmountSerializer(EnforcementCountSerializer):
    current = _money("本月（元）")
    previous = _money("上月（元）")
    last_year = _money("去年同月（元）")
    vs_previous = _money("环比增减（元）")
    vs_last_year = _money("同比增减（元）")


class EnforcementDepartmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class EnforcementRowSerializer(serializers.Serializer):
    department = EnforcementDepartmentSerializer(allow_null=True, help_text="全县合计行为空")
    inspections = EnforcementCountSerializer(help_text="执法检查（次）")
    problems = EnforcementCountSerializer(help_text="发现问题（个）")
    penalties = EnforcementCountSerializer(help_text="行政处罚（件）")
    amount = EnforcementAmountSerializer(help_text="罚款金额（元）")


class EnforcementStatsSerializer(serializers.Serializer):
    month = serializers.CharField()
    previous_month = serializers.CharField()
    last_year_month = serializers.CharField()
    title = serializers.CharField()
    summary = serializers.CharField(help_text="通报正文，由数据生成")
    departments = EnforcementRowSerializer(many=True)
    total = EnforcementRowSerializer()


class EnforcementStatsView(APIView):
    """“三个强度”: per department, the inspections of the month, the problems they found, the penalties decided
    and their amount, each with the month before (环比) and the same month a year earlier (同比); a county total.
    Counts are integers, amounts decimal strings (元)."""

    @extend_schema(
        parameters=[
            OpenApiParameter("month", OpenApiTypes.STR, required=True, description="统计月份，如 2024-05"),
            OpenApiParameter("department", OpenApiTypes.INT, required=False, description="只看一个部门（ID）"),
        ],
        responses=EnforcementStatsSerializer,
    )
    def get(self, request):
        month = parse_month(request.query_params.get("month", ""))
        department = None
        if request.query_params.get("department"):
            try:
                pk = int(request.query_params["department"])
            except ValueError as exc:
                raise ValidationError({"department": _("部门ID须是整数。")}) from exc
            department = get_object_or_404(OrgUnit, pk=pk, kind=OrgUnitKind.DEPARTMENT)
        bulletin = enforcement_figures(month=month, department=department, user=request.user)
        return Response(bulletin.as_dict())
