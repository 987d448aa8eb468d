"""Reads of rescue teams, emergency plans and drills, scoped to the person asking; pages and API share them."""

from django.db.models import BooleanField, Count, ExpressionWrapper, IntegerField, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from core.choices import OrgUnitKind
from core.models import OrgUnit
from disasters.models import Drill, DrillEvidence, EmergencyPlan, RescueTeam, TeamEquipment, TeamMember
from disasters.models.readiness import OWNER_KINDS
from disasters.readiness_filtersets import DrillFilterSet, EmergencyPlanFilterSet, RescueTeamFilterSet


def _count(model, **filters):
    """A correlated count per team (subqueries, not joins: members × equipment would multiply the rows)."""
    rows = model.objects.filter(team=OuterRef("pk"), **filters).order_by().values("team")
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), 0)


def rescue_team_queryset(*, user):
    equipment_total = TeamEquipment.objects.filter(team=OuterRef("pk")).order_by().values("team")
    return (
        RescueTeam.objects.visible_to(user)
        .select_related("owner_unit")
        .annotate(
            active_members=_count(TeamMember, left_on__isnull=True),
            equipment_lines=_count(TeamEquipment),
            equipment_items=Coalesce(
                Subquery(equipment_total.annotate(n=Sum("quantity")).values("n"), output_field=IntegerField()), 0
            ),
        )
    )


def rescue_team_list(*, user, filters=None):
    """The FilterSet over the person's teams: `.qs` is the rows, `.errors` the bad filter values."""
    return RescueTeamFilterSet(filters, queryset=rescue_team_queryset(user=user))


def rescue_team_detail_queryset(*, user):
    return rescue_team_queryset(user=user).prefetch_related(
        Prefetch("members", queryset=TeamMember.objects.order_by("left_on", "joined_on", "pk")),
        Prefetch("equipment", queryset=TeamEquipment.objects.order_by("name", "pk")),
    )


def _due_flag():
    return ExpressionWrapper(
        Q(is_current=True, next_revision_due__lt=timezone.localdate()), output_field=BooleanField()
    )


def emergency_plan_queryset(*, user):
    return (
        EmergencyPlan.objects.visible_to(user)
        .select_related("owner_unit")
        .annotate(revision_due=_due_flag(), drill_count=_drill_count())
    )


def _drill_count():
    rows = Drill.objects.filter(plan=OuterRef("pk")).order_by().values("plan")
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), 0)


def emergency_plan_list(*, user, filters=None):
    return EmergencyPlanFilterSet(filters, queryset=emergency_plan_queryset(user=user))


def drill_queryset(*, user):
    return Drill.objects.visible_to(user).select_related("organiser", "plan")


def drill_list(*, user, filters=None):
    return DrillFilterSet(filters, queryset=drill_queryset(user=user))


def drill_detail_queryset(*, user):
    return drill_queryset(user=user).prefetch_related(
        Prefetch("participating_units", queryset=OrgUnit.objects.order_by("path")),
        Prefetch("teams", queryset=RescueTeam.objects.order_by("name")),
        Prefetch("evidence", queryset=DrillEvidence.objects.order_by("uploaded_at", "pk")),
    )


def drill_counts(queryset):
    """Drills per organising unit and per year, over the rows given (the list's filtered rows): two queries."""
    per_unit = list(
        queryset.order_by()
        .values("organiser_id", "organiser__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "organiser__name")
    )
    per_year = list(
        queryset.order_by().annotate(y=ExtractYear("held_on")).values("y").annotate(n=Count("pk")).order_by("-y")
    )
    return {"per_unit": per_unit, "per_year": per_year}


def owner_units(*, user):
    """The units whose records the person may see, for the filters and the forms: departments and townships."""
    return OrgUnit.objects.visible_to(user).filter(kind__in=OWNER_KINDS, is_active=True).order_by("kind", "sort_order")


def changeable_owner_units(*, user):
    """The units the person may file teams, plans and drills under."""
    from disasters.readiness_permissions import may_change_unit

    return [u for u in owner_units(user=user) if may_change_unit(user, u)]


def participating_unit_choices(*, user):
    kinds = [OrgUnitKind.DEPARTMENT, OrgUnitKind.TOWNSHIP, OrgUnitKind.VILLAGE]
    return OrgUnit.objects.visible_to(user).filter(kind__in=kinds, is_active=True).order_by("path")
