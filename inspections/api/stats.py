from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core.choices import OrgUnitKind
from core.models import OrgUnit
from inspections.bulletin import enforcement_figures
from inspections.months import parse_month


def _figure(name, field):
    return inline_serializer(
        name=name,
        fields={
            "current": field(help_text="本月"),
            "previous": field(help_text="上月"),
            "last_year": field(help_text="去年同月"),
            "vs_previous": field(help_text="环比增减"),
            "vs_last_year": field(help_text="同比增减"),
            "pct_previous": serializers.FloatField(allow_null=True, help_text="环比增减（%），上月为0时为空"),
            "pct_last_year": serializers.FloatField(allow_null=True, help_text="同比增减（%），去年同月为0时为空"),
        },
    )


def _amount_field(**kwargs):
    return serializers.DecimalField(max_digits=16, decimal_places=2, **kwargs)


def _row(name, **kwargs):
    return inline_serializer(
        name=name,
        fields={
            "department": inline_serializer(
                name="EnforcementDepartment",
                fields={"id": serializers.IntegerField(), "name": serializers.CharField()},
                allow_null=True,
                help_text="全县合计行为空",
            ),
            "inspections": _figure("EnforcementCount", serializers.IntegerField),
            "problems": _figure("EnforcementCount", serializers.IntegerField),
            "penalties": _figure("EnforcementCount", serializers.IntegerField),
            "amount": _figure("EnforcementAmount", _amount_field),
        },
        **kwargs,
    )


EnforcementStatsSerializer = inline_serializer(
    name="EnforcementStats",
    fields={
        "month": serializers.CharField(),
        "previous_month": serializers.CharField(),
        "last_year_month": serializers.CharField(),
        "title": serializers.CharField(),
        "summary": serializers.CharField(),
        "departments": _row("EnforcementRow", many=True),
        "total": _row("EnforcementRow"),
    },
)


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
