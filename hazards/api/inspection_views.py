from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.idempotency import IDEMPOTENCY_CONFLICT, IDEMPOTENCY_PARAMETER, api_create_once
from core.models import Enterprise
from hazards import selectors_inspection as selectors
from hazards.api import inspection_serializers as s
from hazards.filtersets_inspection import EnterpriseChecklistFilterSet, SelfInspectionFilterSet
from hazards.self_inspection import self_inspection_record


class SelfInspectionViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """日周月自查 records of the enterprises the caller may see; a finding opens a 自查自报 hazard.

    `missed/` lists the enterprises' checklists with periods that passed without a check."""

    serializer_class = s.SelfInspectionSerializer
    filterset_class = SelfInspectionFilterSet

    def get_queryset(self):
        if self.action == "missed":
            return selectors.assignment_queryset(user=self.request.user)
        return selectors.self_inspection_queryset(user=self.request.user)

    @extend_schema(
        request=s.SelfInspectionWriteSerializer,
        parameters=[IDEMPOTENCY_PARAMETER],
        responses={201: s.SelfInspectionSerializer, 200: s.SelfInspectionSerializer, 409: IDEMPOTENCY_CONFLICT},
    )
    def create(self, request, *args, **kwargs):
        data = s.SelfInspectionWriteSerializer(data=request.data)
        data.fields["enterprise"].queryset = Enterprise.objects.visible_to(request.user).select_related(
            "township", "supervising_department"
        )
        data.is_valid(raise_exception=True)
        return api_create_once(
            request,
            kind="self_inspection",
            create=lambda: self_inspection_record(actor=request.user, **data.validated_data),
            respond=lambda inspection, code: Response(
                s.SelfInspectionSerializer(self.get_queryset().get(pk=inspection.pk)).data, status=code
            ),
        )

    @extend_schema(responses=s.MissedCheckSerializer(many=True))
    @action(detail=False, methods=["get"], filterset_class=EnterpriseChecklistFilterSet)
    def missed(self, request):
        """The same filters and the same reckoning as the page /hazards/self-inspections/."""
        rows = selectors.missed_among(self.filter_queryset(self.get_queryset()), today=timezone.localdate())
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(s.MissedCheckSerializer(page, many=True).data)
