"""API of rescue teams, emergency plans and drills; every write goes through disasters.readiness_services."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.models import OrgUnit
from disasters import readiness_selectors as selectors
from disasters import readiness_services as services
from disasters.api import readiness_serializers as s
from disasters.models import EmergencyPlan, RescueTeam, TeamEquipment, TeamMember
from disasters.readiness_filtersets import DrillFilterSet, EmergencyPlanFilterSet, RescueTeamFilterSet


class WriteMixin(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    http_method_names = ["get", "post", "patch", "head", "options"]
    detail_serializer = None

    def _write_data(self, serializer_class, partial=False):
        data = serializer_class(data=self.request.data, partial=partial, context=self.get_serializer_context())
        self.restrict(data)
        data.is_valid(raise_exception=True)
        return dict(data.validated_data)

    def restrict(self, data):
        """Limit the related records a caller may name to those they can see."""

    def _respond(self, obj, code=status.HTTP_200_OK):
        detail = self.get_queryset().get(pk=obj.pk)
        return Response(self.detail_serializer(detail, context=self.get_serializer_context()).data, status=code)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)


class RescueTeamViewSet(WriteMixin):
    """应急救援队伍（专业、常备、群众）: the detail carries its members (with those who left) and equipment."""

    filterset_class = RescueTeamFilterSet
    detail_serializer = s.RescueTeamDetailSerializer

    def get_queryset(self):
        if self.action == "list":
            return selectors.rescue_team_queryset(user=self.request.user)
        return selectors.rescue_team_detail_queryset(user=self.request.user)

    def get_serializer_class(self):
        return s.RescueTeamSerializer if self.action == "list" else s.RescueTeamDetailSerializer

    @extend_schema(request=s.RescueTeamWriteSerializer, responses={201: s.RescueTeamDetailSerializer})
    def create(self, request, *args, **kwargs):
        team = services.rescue_team_create(actor=request.user, **self._write_data(s.RescueTeamWriteSerializer))
        return self._respond(team, status.HTTP_201_CREATED)

    @extend_schema(request=s.RescueTeamWriteSerializer, responses=s.RescueTeamDetailSerializer)
    def partial_update(self, request, *args, **kwargs):
        values = self._write_data(s.RescueTeamWriteSerializer, partial=True)
        return self._respond(services.rescue_team_update(actor=request.user, team=self.get_object(), **values))

    @extend_schema(request=s.TeamMemberWriteSerializer, responses={201: s.RescueTeamDetailSerializer})
    @action(detail=True, methods=["post"], url_path="members")
    def add_member(self, request, pk=None):
        values = self._write_data(s.TeamMemberWriteSerializer)
        services.team_member_add(actor=request.user, team=self.get_object(), **values)
        return self._respond(self.get_object(), status.HTTP_201_CREATED)

    @extend_schema(request=s.MemberLeaveSerializer, responses=s.RescueTeamDetailSerializer)
    @action(detail=True, methods=["post"], url_path=r"members/(?P<member_id>\d+)/leave")
    def member_leave(self, request, pk=None, member_id=None):
        team = self.get_object()
        member = get_object_or_404(TeamMember, pk=member_id, team=team)
        values = self._write_data(s.MemberLeaveSerializer)
        services.team_member_leave(actor=request.user, member=member, **values)
        return self._respond(team)

    @extend_schema(request=s.TeamEquipmentWriteSerializer, responses={201: s.RescueTeamDetailSerializer})
    @action(detail=True, methods=["post"], url_path="equipment")
    def add_equipment(self, request, pk=None):
        values = self._write_data(s.TeamEquipmentWriteSerializer)
        services.team_equipment_add(actor=request.user, team=self.get_object(), **values)
        return self._respond(self.get_object(), status.HTTP_201_CREATED)

    @extend_schema(request=s.TeamEquipmentWriteSerializer, responses=s.RescueTeamDetailSerializer)
    @action(detail=True, methods=["patch"], url_path=r"equipment/(?P<equipment_id>\d+)")
    def update_equipment(self, request, pk=None, equipment_id=None):
        team = self.get_object()
        equipment = get_object_or_404(TeamEquipment, pk=equipment_id, team=team)
        values = self._write_data(s.TeamEquipmentWriteSerializer, partial=True)
        services.team_equipment_update(actor=request.user, equipment=equipment, **values)
        return self._respond(team)


class EmergencyPlanViewSet(WriteMixin):
    """应急预案: `revision_due` is true for a current plan past its next revision date (修订每3年)."""

    filterset_class = EmergencyPlanFilterSet
    serializer_class = s.EmergencyPlanSerializer
    detail_serializer = s.EmergencyPlanSerializer

    def get_queryset(self):
        return selectors.emergency_plan_queryset(user=self.request.user)

    @extend_schema(request=s.EmergencyPlanWriteSerializer, responses={201: s.EmergencyPlanSerializer})
    def create(self, request, *args, **kwargs):
        values = self._write_data(s.EmergencyPlanWriteSerializer)
        plan = services.emergency_plan_create(actor=request.user, **values)
        return self._respond(plan, status.HTTP_201_CREATED)

    @extend_schema(request=s.EmergencyPlanWriteSerializer, responses=s.EmergencyPlanSerializer)
    def partial_update(self, request, *args, **kwargs):
        values = self._write_data(s.EmergencyPlanWriteSerializer, partial=True)
        return self._respond(services.emergency_plan_update(actor=request.user, plan=self.get_object(), **values))


class DrillViewSet(WriteMixin):
    """应急演练: filter by `year`, `unit` (organiser or participant), `kind`; a date in the future is refused."""

    filterset_class = DrillFilterSet
    detail_serializer = s.DrillDetailSerializer

    def get_queryset(self):
        rows = selectors.drill_queryset(user=self.request.user).prefetch_related(
            Prefetch("participating_units", queryset=OrgUnit.objects.order_by("path")),
            Prefetch("teams", queryset=RescueTeam.objects.order_by("name")),
        )
        return rows if self.action == "list" else selectors.drill_detail_queryset(user=self.request.user)

    def get_serializer_class(self):
        return s.DrillSerializer if self.action == "list" else s.DrillDetailSerializer

    def restrict(self, data):
        if "plan" in data.fields:
            data.fields["plan"].queryset = EmergencyPlan.objects.visible_to(self.request.user)
            data.fields["teams"].child_relation.queryset = RescueTeam.objects.visible_to(self.request.user)

    @extend_schema(request=s.DrillWriteSerializer, responses={201: s.DrillDetailSerializer})
    def create(self, request, *args, **kwargs):
        drill = services.drill_create(actor=request.user, **self._write_data(s.DrillWriteSerializer))
        return self._respond(drill, status.HTTP_201_CREATED)

    @extend_schema(request=s.DrillWriteSerializer, responses=s.DrillDetailSerializer)
    def partial_update(self, request, *args, **kwargs):
        values = self._write_data(s.DrillWriteSerializer, partial=True)
        return self._respond(services.drill_update(actor=request.user, drill=self.get_object(), **values))
