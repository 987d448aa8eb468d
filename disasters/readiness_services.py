"""Writes of rescue teams, members, equipment, emergency plans and drills; pages, API and demo call these."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.evidence import check_evidence_file
from disasters.models import Drill, DrillEvidence, EmergencyPlan, RescueTeam, TeamEquipment, TeamMember
from disasters.readiness_choices import PLAN_REVISION_YEARS
from disasters.readiness_permissions import may_change_unit

TEAM_FIELDS = (
    "name",
    "kind",
    "owner_unit",
    "specialities",
    "leader_name",
    "leader_phone",
    "on_duty_phone",
    "base_address",
    "is_active",
    "note",
)
MEMBER_FIELDS = ("name", "post", "phone", "certificates", "joined_on")
EQUIPMENT_FIELDS = ("name", "specification", "quantity", "unit_of_measure")
PLAN_FIELDS = (
    "title",
    "level",
    "owner_unit",
    "incident_kinds",
    "document_number",
    "approved_on",
    "revised_on",
    "next_revision_due",
    "is_current",
    "note",
)
DRILL_FIELDS = ("title", "held_on", "kind", "scenario", "plan", "organiser", "participants", "findings", "improvements")
DRILL_M2M = ("participating_units", "teams")


def _pick(values, fields):
    return {k: v for k, v in values.items() if k in fields}


def _require_unit(actor, unit, message):
    if not may_change_unit(actor, unit):
        raise PermissionDenied(message)


def _apply(obj, values, fields):
    for name, value in _pick(values, fields).items():
        setattr(obj, name, value)


# ---- rescue teams --------------------------------------------------------------------------------------------


def rescue_team_create(*, actor, **values):
    team = RescueTeam(**_pick(values, TEAM_FIELDS))
    team.full_clean()
    _require_unit(actor, team.owner_unit, _("您只能登记本单位的救援队伍。"))
    team.save()
    return team


@transaction.atomic
def rescue_team_update(*, actor, team, **values):
    team = RescueTeam.objects.select_for_update().select_related("owner_unit").get(pk=team.pk)
    _require_unit(actor, team.owner_unit, _("您无权修改该救援队伍。"))
    _apply(team, values, TEAM_FIELDS)
    team.full_clean()
    _require_unit(actor, team.owner_unit, _("您只能把队伍划归本单位。"))
    team.save()
    return team


def team_member_add(*, actor, team, **values):
    _require_unit(actor, team.owner_unit, _("您无权为该队伍添加队员。"))
    values = _pick(values, MEMBER_FIELDS)
    if values.get("joined_on") is None:
        values["joined_on"] = timezone.localdate()
    member = TeamMember(team=team, **values)
    member.full_clean()
    if member.joined_on > timezone.localdate():
        raise ValidationError({"joined_on": _("入队日期不能晚于今天。")})
    member.save()
    return member


@transaction.atomic
def team_member_leave(*, actor, member, left_on):
    """The member leaves the team; the row stays (with `left_on`) so the roster's history is kept."""
    member = TeamMember.objects.select_for_update(of=("self",)).select_related("team__owner_unit").get(pk=member.pk)
    _require_unit(actor, member.team.owner_unit, _("您无权调整该队伍的队员。"))
    if member.left_on is not None:
        raise ValidationError(
            {"left_on": _("%(name)s已于%(date)s离队。") % {"name": member.name, "date": member.left_on}}
        )
    if left_on is None:
        raise ValidationError({"left_on": _("请填写离队日期。")})
    if left_on > timezone.localdate():
        raise ValidationError({"left_on": _("离队日期不能晚于今天。")})
    if left_on < member.joined_on:
        raise ValidationError({"left_on": _("离队日期不能早于入队日期（%(date)s）。") % {"date": member.joined_on}})
    member.left_on = left_on
    member.save(update_fields=["left_on", "updated_at"])
    return member


def team_equipment_add(*, actor, team, **values):
    _require_unit(actor, team.owner_unit, _("您无权为该队伍登记装备。"))
    equipment = TeamEquipment(team=team, **_pick(values, EQUIPMENT_FIELDS))
    equipment.full_clean()
    equipment.save()
    return equipment


@transaction.atomic
def team_equipment_update(*, actor, equipment, **values):
    rows = TeamEquipment.objects.select_for_update(of=("self",)).select_related("team__owner_unit")
    equipment = rows.get(pk=equipment.pk)
    _require_unit(actor, equipment.team.owner_unit, _("您无权修改该队伍的装备。"))
    _apply(equipment, values, EQUIPMENT_FIELDS)
    equipment.full_clean()
    equipment.save()
    return equipment


# ---- emergency plans -----------------------------------------------------------------------------------------


def add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _default_revision_due(plan):
    base = plan.revised_on or plan.approved_on
    return add_years(base, PLAN_REVISION_YEARS) if isinstance(base, datetime.date) else None


def _attach_plan_file(plan, upload):
    if not upload:
        return
    try:
        plan.file_type = check_evidence_file(upload)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    plan.file = upload
    plan.file_name = upload.name[:255]


def emergency_plan_create(*, actor, file=None, **values):
    plan = EmergencyPlan(**_pick(values, PLAN_FIELDS))
    if plan.next_revision_due is None:
        plan.next_revision_due = _default_revision_due(plan)
    _attach_plan_file(plan, file)
    plan.full_clean()
    _require_unit(actor, plan.owner_unit, _("您只能登记本单位的应急预案。"))
    plan.save()
    return plan


@transaction.atomic
def emergency_plan_update(*, actor, plan, file=None, **values):
    plan = EmergencyPlan.objects.select_for_update(of=("self",)).select_related("owner_unit").get(pk=plan.pk)
    _require_unit(actor, plan.owner_unit, _("您无权修改该应急预案。"))
    dates_changed = any(k in values and values[k] != getattr(plan, k) for k in ("approved_on", "revised_on"))
    _apply(plan, values, PLAN_FIELDS)
    # A revision moves the next due date three years on, unless the caller names one.
    if values.get("next_revision_due") is None and (dates_changed or plan.next_revision_due is None):
        plan.next_revision_due = _default_revision_due(plan)
    _attach_plan_file(plan, file)
    plan.full_clean()
    _require_unit(actor, plan.owner_unit, _("您只能把预案划归本单位。"))
    plan.save()
    return plan


# ---- drills --------------------------------------------------------------------------------------------------


def _checked_files(files):
    checked = []
    for upload in files or ():
        try:
            checked.append((upload, check_evidence_file(upload)))
        except ValidationError as exc:
            raise ValidationError({"files": exc.messages}) from exc
    return checked


def _attach_drill_files(drill, checked, actor):
    for upload, content_type in checked:
        DrillEvidence.objects.create(
            drill=drill,
            file=upload,
            original_name=upload.name[:255],
            content_type=content_type,
            size=upload.size,
            uploaded_by=actor,
        )


def _set_relations(drill, values):
    for name in DRILL_M2M:
        if name in values and values[name] is not None:
            getattr(drill, name).set(values[name])


@transaction.atomic
def drill_create(*, actor, files=(), **values):
    drill = Drill(**_pick(values, DRILL_FIELDS), recorded_by=actor)
    drill.full_clean()
    _require_unit(actor, drill.organiser, _("您只能登记本单位组织的演练。"))
    checked = _checked_files(files)
    drill.save()
    _set_relations(drill, values)
    _attach_drill_files(drill, checked, actor)
    return drill


@transaction.atomic
def drill_update(*, actor, drill, files=(), **values):
    drill = Drill.objects.select_for_update(of=("self",)).select_related("organiser").get(pk=drill.pk)
    _require_unit(actor, drill.organiser, _("您无权修改该演练记录。"))
    _apply(drill, values, DRILL_FIELDS)
    drill.full_clean()
    _require_unit(actor, drill.organiser, _("您只能把演练划归本单位。"))
    checked = _checked_files(files)
    drill.save()
    _set_relations(drill, values)
    _attach_drill_files(drill, checked, actor)
    return drill
