from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from core.models import Enterprise
from hazards import public_reports, selectors_public
from hazards.api import public_serializers as s
from hazards.filtersets import PublicReportFilterSet
from hazards.public_guard import (
    check_refusal_message,
    check_refused,
    client_address,
    submit_refusal_message,
    submit_refused,
)

TOO_MANY = OpenApiResponse(description="提交或查询过于频繁（按来源地址限流）")


class PublicReportViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """群众举报. `POST` and `check/` need no login: a submission is limited per client address
    (PUBLIC_REPORT_RATE, shared with the public page) and needs no captcha, which only the HTML page shows;
    it answers with the receipt code alone. Listing, reading, `accept/`, `reject/` and `reward/` need login
    and see the reports of the person's township (county-wide roles: all)."""

    filterset_class = PublicReportFilterSet

    def get_permissions(self):
        if self.action in ("create", "check"):
            return [AllowAny()]
        return super().get_permissions()

    def get_queryset(self):
        if self.action == "list":
            return selectors_public.public_report_queryset(user=self.request.user)
        return selectors_public.public_report_detail_queryset(user=self.request.user)

    def get_serializer_class(self):
        return s.PublicReportSerializer if self.action == "list" else s.PublicReportDetailSerializer

    def _respond(self, report):
        return Response(s.PublicReportDetailSerializer(self.get_queryset().get(pk=report.pk)).data)

    @extend_schema(
        request=s.PublicReportSubmitSerializer, responses={201: s.PublicReportReceiptSerializer, 429: TOO_MANY}
    )
    def create(self, request, *args, **kwargs):
        if submit_refused(request._request):
            return Response({"detail": submit_refusal_message()}, status=status.HTTP_429_TOO_MANY_REQUESTS)
        data = s.PublicReportSubmitSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = public_reports.public_report_submit(
            client_address=client_address(request._request), **data.validated_data
        )
        return Response({"receipt_code": report.receipt_code}, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[OpenApiParameter("code", str, required=True, description="回执码")],
        responses={
            200: s.PublicReportOutcomeSerializer,
            404: OpenApiResponse(description="回执码不存在"),
            429: TOO_MANY,
        },
    )
    @action(detail=False, methods=["get"], filterset_class=None, pagination_class=None)
    def check(self, request):
        """The outcome of a report for its receipt code: status, reason or hazard number and status, reward."""
        if check_refused(request._request):
            return Response({"detail": check_refusal_message()}, status=status.HTTP_429_TOO_MANY_REQUESTS)
        outcome = selectors_public.public_report_outcome(code=request.query_params.get("code", ""))
        if outcome is None:
            return Response(
                {"detail": _("未找到该回执码对应的举报，请核对后重新输入。")}, status=status.HTTP_404_NOT_FOUND
            )
        return Response(s.PublicReportOutcomeSerializer(outcome).data)

    @extend_schema(request=s.PublicReportAcceptSerializer, responses=s.PublicReportDetailSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        data = s.PublicReportAcceptSerializer(data=request.data)
        data.fields["enterprise"].queryset = Enterprise.objects.visible_to(request.user)
        data.is_valid(raise_exception=True)
        report = public_reports.public_report_accept(
            actor=request.user, report=self.get_object(), **data.validated_data
        )
        return self._respond(report)

    @extend_schema(request=s.PublicReportRejectSerializer, responses=s.PublicReportDetailSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        data = s.PublicReportRejectSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = public_reports.public_report_reject(
            actor=request.user, report=self.get_object(), reason=data.validated_data["reason"]
        )
        return self._respond(report)

    @extend_schema(request=s.PublicReportRewardSerializer, responses=s.PublicReportDetailSerializer)
    @action(detail=True, methods=["post"])
    def reward(self, request, pk=None):
        data = s.PublicReportRewardSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        report = public_reports.public_report_set_reward(
            actor=request.user,
            report=self.get_object(),
            status=values["reward_status"],
            amount=values.get("reward_amount"),
            note=values["reward_note"],
        )
        return self._respond(report)
