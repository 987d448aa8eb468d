"""Writes of inspection plans (执法计划) and the choice of their enterprises; pages, API and demo call these."""

import calendar
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import Enterprise
from inspections.models import Inspection, InspectionPlan, PlannedVisit
from inspections.plan_choices import SelectionMethod
from inspections.plan_permissions import may_plan_for

PLAN_FIELDS = ("department", "title", "starts_on", "ends_on", "focus", "focus_note", "planned_count", "note")


def months_before(day, months):
    """The same day `months` months earlier (the month's last day where that month is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _require(actor, department, message):
    if not may_plan_for(actor, department):
        raise PermissionDenied(message)


def department_enterprises(*, actor, department):
    """The enterprises the department oversees (属地 or 行业监管 in its subtree), of those the actor may see."""
    within = Q(township__path__startswith=department.path) | Q(supervising_department__path__startswith=department.path)
    return Enterprise.objects.visible_to(actor).filter(within)


def selection_rule(*, sectors=(), scales=(), townships=(), not_visited_months=None, limit=None, today=None):
    """The rule's parameters as stored on the plan (JSON), with the day it was applied."""
    return {
        "sectors": sorted(sectors),
        "scales": sorted(scales),
        "townships": sorted(getattr(t, "pk", t) for t in townships),
        "not_visited_months": not_visited_months,
        "limit": limit,
        "as_of": (today or timezone.localdate()).isoformat(),
    }


def plan_select_enterprises(
    *, actor, department, sectors=(), scales=(), townships=(), not_visited_months=None, limit=None, today=None
):
    """The department's enterprises matching the rule, as one query (a queryset, nothing is saved).
    "Not visited" means no inspection by this department dated within the last N months."""
    _require(actor, department, _("您只能为本部门选取检查对象。"))
    if not_visited_months is not None and not_visited_months < 0:
        raise ValidationError({"not_visited_months": _("月数不能为负数。")})
    if limit is not None and limit < 1:
        raise ValidationError({"limit": _("选取数量至少为1。")})
    rows = department_enterprises(actor=actor, department=department).select_related("township")
    if sectors:
        rows = rows.filter(sector__in=list(sectors))
    if scales:
        rows = rows.filter(scale__in=list(scales))
    if townships:
        rows = rows.filter(township__in=list(townships))
    if not_visited_months:
        since = months_before(today or timezone.localdate(), not_visited_months)
        recent = Inspection.objects.filter(enterprise=OuterRef("pk"), department=department, inspected_on__gte=since)
        rows = rows.filter(~Exists(recent))
    rows = rows.order_by("township__sort_order", "name", "pk")
    return rows[:limit] if limit else rows


def _save_plan(plan, actor, message):
    plan.full_clean()
    _require(actor, plan.department, message)
    plan.save()
    return plan


@transaction.atomic
def plan_create(*, actor, enterprises=None, rule=None, **values):
    plan = InspectionPlan(**{k: v for k, v in values.items() if k in PLAN_FIELDS}, created_by=actor)
    _save_plan(plan, actor, _("您只能制定本部门的执法计划。"))
    if enterprises is not None:
        plan_set_enterprises(actor=actor, plan=plan, enterprises=enterprises, rule=rule)
    return plan


@transaction.atomic
def plan_update(*, actor, plan, **values):
    plan = InspectionPlan.objects.select_for_update(of=("self",)).select_related("department").get(pk=plan.pk)
    _require(actor, plan.department, _("您无权修改该执法计划。"))
    for name, value in values.items():
        if name in PLAN_FIELDS:
            setattr(plan, name, value)
    _save_plan(plan, actor, _("您只能把执法计划划归本部门。"))
    _check_planned_dates(plan, {v.enterprise_id: v.planned_on for v in plan.visits.all()})
    return plan


def _as_pairs(enterprises):
    """Enterprises, or (enterprise, planned date) pairs, as {enterprise id: date}; the last of a repeat wins."""
    dates = {}
    for item in enterprises:
        enterprise, planned_on = item if isinstance(item, tuple | list) else (item, None)
        dates[getattr(enterprise, "pk", enterprise)] = planned_on
    return dates


def _check_planned_dates(plan, dates):
    outside = [d for d in dates.values() if d and not (plan.starts_on <= d <= plan.ends_on)]
    if outside:
        raise ValidationError(
            {
                "planned_on": _("计划检查日期须在计划期内（%(start)s至%(end)s）。")
                % {"start": plan.starts_on, "end": plan.ends_on}
            }
        )


def _check_enterprises(actor, plan, dates):
    allowed = set(
        department_enterprises(actor=actor, department=plan.department)
        .filter(pk__in=dates)
        .values_list("pk", flat=True)
    )
    missing = [pk for pk in dates if pk not in allowed]
    if missing:
        names = Enterprise.objects.filter(pk__in=missing).values_list("name", flat=True)
        shown = "、".join(names[:5]) or "、".join(str(pk) for pk in missing[:5])
        raise ValidationError(
            {
                "enterprises": _("以下单位不在%(dept)s的监管范围内：%(names)s。")
                % {"dept": plan.department, "names": shown}
            }
        )


@transaction.atomic
def plan_set_enterprises(*, actor, plan, enterprises, rule=None):
    """Replace the plan's list. `enterprises`: enterprises or (enterprise, planned date) pairs. A kept
    enterprise keeps its planned date unless a new one is given. `rule`: the parameters when chosen by rule."""
    plan = InspectionPlan.objects.select_for_update(of=("self",)).select_related("department").get(pk=plan.pk)
    _require(actor, plan.department, _("您无权调整该执法计划的检查对象。"))
    dates = _as_pairs(enterprises)
    _check_planned_dates(plan, dates)
    _check_enterprises(actor, plan, dates)
    existing = {v.enterprise_id: v for v in plan.visits.all()}
    plan.visits.exclude(enterprise_id__in=dates).delete()
    for pk, planned_on in dates.items():
        visit = existing.get(pk)
        if visit is None:
            PlannedVisit.objects.create(plan=plan, enterprise_id=pk, planned_on=planned_on)
        elif planned_on and visit.planned_on != planned_on:
            visit.planned_on = planned_on
            visit.save(update_fields=["planned_on"])
    plan.selection = SelectionMethod.RULE if rule else SelectionMethod.MANUAL
    plan.selection_rule = dict(rule or {})
    plan.save(update_fields=["selection", "selection_rule", "updated_at"])
    return plan
