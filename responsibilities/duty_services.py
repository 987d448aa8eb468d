"""Writes of leaders' duty lists and the departments' sector supervision; pages, API and demo call these.
Only the county office (安委办) keeps them; everyone signed in reads them."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.scoping import scope_for
from responsibilities.models import Duty, DutyList, Leader, SectorSupervision

LEADER_FIELDS = ("user", "name", "post", "unit", "is_active", "sort_order")
LIST_FIELDS = ("leader", "year", "kind", "note")
DUTY_FIELDS = ("order", "text")


def may_keep_duties(user):
    return scope_for(user).changes_all


def _require_keeper(actor):
    if not may_keep_duties(actor):
        raise PermissionDenied(_("只有县安委办可以维护责任清单。"))


def _pick(values, fields):
    return {k: v for k, v in values.items() if k in fields}


def leader_create(*, actor, **values):
    _require_keeper(actor)
    leader = Leader(**_pick(values, LEADER_FIELDS))
    leader.full_clean()
    leader.save()
    return leader


@transaction.atomic
def leader_update(*, actor, leader, **values):
    _require_keeper(actor)
    leader = Leader.objects.select_for_update().get(pk=leader.pk)
    for name, value in _pick(values, LEADER_FIELDS).items():
        setattr(leader, name, value)
    leader.full_clean()
    leader.save()
    return leader


def duty_list_create(*, actor, **values):
    _require_keeper(actor)
    duty_list = DutyList(**_pick(values, LIST_FIELDS))
    duty_list.full_clean()
    duty_list.save()
    return duty_list


@transaction.atomic
def duty_list_update(*, actor, duty_list, **values):
    _require_keeper(actor)
    duty_list = DutyList.objects.select_for_update().get(pk=duty_list.pk)
    for name, value in _pick(values, LIST_FIELDS).items():
        setattr(duty_list, name, value)
    duty_list.full_clean()
    # A list moved to another year must not keep duties linked to the old year's work items.
    for duty in duty_list.duties.prefetch_related("work_items__plan", "key_actions__plan"):
        _check_year(duty_list.year, duty.work_items.all(), duty.key_actions.all())
    duty_list.save()
    return duty_list


def _check_year(year, work_items, key_actions):
    """A duty covers work of its own list's year: the rule of the issue ("a duty linked to a work item of another
    year" is refused)."""
    errors = {}
    if any(item.plan.year != year for item in work_items):
        errors["work_items"] = _("所关联的工作任务不属于%(year)s年工作要点") % {"year": year}
    if any(action.plan.year != year for action in key_actions):
        errors["key_actions"] = _("所关联的重点行动不属于%(year)s年工作要点") % {"year": year}
    if errors:
        raise ValidationError(errors)


def _save_duty(duty, work_items, key_actions):
    work_items = list(work_items) if work_items is not None else None
    key_actions = list(key_actions) if key_actions is not None else None
    duty.full_clean()
    _check_year(
        duty.duty_list.year,
        work_items if work_items is not None else duty.work_items.all() if duty.pk else [],
        key_actions if key_actions is not None else duty.key_actions.all() if duty.pk else [],
    )
    duty.save()
    if work_items is not None:
        duty.work_items.set(work_items)
    if key_actions is not None:
        duty.key_actions.set(key_actions)
    return duty


@transaction.atomic
def duty_add(*, actor, duty_list, work_items=(), key_actions=(), **values):
    _require_keeper(actor)
    values = _pick(values, DUTY_FIELDS)
    if not values.get("order"):
        last = duty_list.duties.order_by("-order").values_list("order", flat=True).first()
        values["order"] = (last or 0) + 1
    return _save_duty(Duty(duty_list=duty_list, **values), work_items, key_actions)


@transaction.atomic
def duty_update(*, actor, duty, work_items=None, key_actions=None, **values):
    _require_keeper(actor)
    duty = Duty.objects.select_for_update().select_related("duty_list").get(pk=duty.pk)
    for name, value in _pick(values, DUTY_FIELDS).items():
        setattr(duty, name, value)
    return _save_duty(duty, work_items, key_actions)


@transaction.atomic
def sector_supervision_set(*, actor, sector, department, duty_text=""):
    """Records (or rewrites) the department's supervision duty for the sector."""
    _require_keeper(actor)
    row = SectorSupervision.objects.select_for_update().filter(sector=sector, department=department).first()
    if row is not None and row.duty_text == duty_text:
        return row  # unchanged: no history event
    row = row or SectorSupervision(sector=sector, department=department)
    row.duty_text = duty_text
    row.full_clean()
    row.save()
    return row


def sector_supervision_remove(*, actor, supervision):
    _require_keeper(actor)
    supervision.delete()


# ---- the upserts of the duty-list import (responsibilities.duty_excel) ------------------------------------------

DUTY_CREATED, DUTY_UPDATED, DUTY_UNCHANGED = "create", "update", "same"


def leader_find_or_create(*, actor, unit, name, post):
    """The leader holding `post` in `unit`, registered the first time a list names them."""
    _require_keeper(actor)
    leader = Leader.objects.filter(unit=unit, name=name, post=post).first()
    return leader or leader_create(actor=actor, unit=unit, name=name, post=post)


def duty_list_find_or_create(*, actor, leader, year, kind):
    _require_keeper(actor)
    duty_list = DutyList.objects.filter(leader=leader, year=year, kind=kind).first()
    return duty_list or duty_list_create(actor=actor, leader=leader, year=year, kind=kind)


def duty_differs(duty, *, text, work_items, key_actions):
    """Whether the duty would change; reads the links already loaded (prefetch them for a list of duties)."""
    return (
        duty.text != text
        or {item.pk for item in duty.work_items.all()} != {item.pk for item in work_items}
        or {action.pk for action in duty.key_actions.all()} != {action.pk for action in key_actions}
    )


@transaction.atomic
def duty_set(*, actor, duty_list, order, text, work_items=(), key_actions=()):
    """The list's duty number `order` reads `text` and covers exactly these links: added, rewritten, or left
    alone (no history event) when it already does. Returns (duty, DUTY_CREATED | DUTY_UPDATED | DUTY_UNCHANGED)."""
    _require_keeper(actor)
    duty = (
        Duty.objects.select_for_update()
        .filter(duty_list=duty_list, order=order)
        .prefetch_related("work_items", "key_actions")
        .first()
    )
    links = {"work_items": list(work_items), "key_actions": list(key_actions)}
    if duty is None:
        return duty_add(actor=actor, duty_list=duty_list, order=order, text=text, **links), DUTY_CREATED
    if not duty_differs(duty, text=text, **links):
        return duty, DUTY_UNCHANGED
    return duty_update(actor=actor, duty=duty, text=text, **links), DUTY_UPDATED
