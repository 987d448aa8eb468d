"""Warnings (预警): issue, acknowledge (叫应), respond (断禁停撤疏), lift, and chase the townships that have not
acknowledged in time. Every write with a rule goes through here; the pages, the API and the demo call it."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.choices import OrgUnitKind, Role
from core.models import Membership
from disasters.choices_warnings import ACTION_FIELDS, ack_minutes
from disasters.models import Warning, WarningAcknowledgement, WarningNumber, WarningResponse
from disasters.signals import warning_issued
from disasters.warning_permissions import (
    TOWNSHIP_ROLES,
    answers_for_some_township,
    is_township_person,
    issuing_units,
    may_answer_for,
    may_lift,
)

ISSUED_SOURCE = "warning_issued"
ACK_SOURCE = "warning_ack"
STEP_STAFF, STEP_HEAD = 1, 2


def next_warning_number(year):
    """YJ2024-0001: taken under the year's row lock, so two warnings never share one, and never reused."""
    return f"YJ{year}-{WarningNumber.take(year):04d}"


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def _describe(warning):
    return _("%(level)s%(type)s预警 %(number)s") % {
        "level": warning.get_level_display(),
        "type": warning.get_type_display(),
        "number": warning.number,
    }


def _url(warning):
    return reverse("disasters:warning-detail", args=[warning.pk])


def _township_people(township_ids, roles):
    """{(township id, role): [active user ids]} in one query."""
    people = {}
    rows = Membership.objects.filter(unit_id__in=township_ids, role__in=roles, user__is_active=True)
    for unit_id, role, user_id in rows.values_list("unit_id", "role", "user_id").order_by("user_id"):
        people.setdefault((unit_id, role), []).append(user_id)
    return people


def _check_townships(townships):
    townships = list({t.pk: t for t in townships or ()}.values())
    if not townships:
        raise ValidationError({"townships": _("请至少选择一个预警范围内的乡镇（街道）。")})
    wrong = [t.name for t in townships if t.kind != OrgUnitKind.TOWNSHIP]
    if wrong:
        message = _("预警范围只能是乡镇（街道）：%(names)s不是。") % {"names": "、".join(wrong)}
        raise ValidationError({"townships": message})
    return sorted(townships, key=lambda t: (t.sort_order, t.pk))


def _issuing_unit(actor, issuing_unit):
    units = issuing_units(actor)
    if not units:
        raise PermissionDenied(_("只有安委办（应急局）管理员或县级部门可以发布预警。"))
    if issuing_unit is None:
        return units[0]
    if issuing_unit.pk not in {u.pk for u in units}:
        raise PermissionDenied(_("您不能以%(unit)s的名义发布预警。") % {"unit": issuing_unit.name})
    return issuing_unit


@transaction.atomic
def warning_issue(*, actor, type, level, text, townships, issued_at=None, issuing_unit=None):
    """Issue a warning for the townships; each must acknowledge within the level's window (WARNING_ACK_MINUTES)."""
    unit = _issuing_unit(actor, issuing_unit)
    townships = _check_townships(townships)
    now = timezone.now()
    issued_at = issued_at or now
    if issued_at > now:
        raise ValidationError({"issued_at": _("发布时间不能晚于当前时间。")})
    warning = Warning(type=type, level=level, text=text, issued_at=issued_at, issued_by=actor, issuing_unit=unit)
    warning.full_clean(exclude=["number"])
    warning.number = next_warning_number(timezone.localdate(issued_at).year)
    warning.save()
    due_at = issued_at + timedelta(minutes=ack_minutes(level))
    WarningAcknowledgement.objects.bulk_create(
        [WarningAcknowledgement(warning=warning, township=t, due_at=due_at) for t in townships]
    )
    _announce(warning, townships, due_at)
    transaction.on_commit(lambda: warning_issued.send(sender=Warning, warning=warning))
    return warning


def _announce(warning, townships, due_at):
    from notifications.outbox import notify_once

    people = _township_people([t.pk for t in townships], TOWNSHIP_ROLES)
    notify_once(
        source=ISSUED_SOURCE,
        object_id=warning.pk,
        deadline=timezone.localdate(warning.issued_at),
        step=0,
        user_ids=[user_id for ids in people.values() for user_id in ids],
        title=_("【预警】%(w)s，请于%(due)s前叫应") % {"w": _describe(warning), "due": _local(due_at)},
        body=warning.text,
        url=_url(warning),
    )


def _locked(warning):
    return Warning.objects.select_for_update().select_related("issuing_unit").get(pk=warning.pk)


@transaction.atomic
def warning_lift(*, actor, warning, lifted_at=None):
    warning = _locked(warning)
    if not may_lift(actor, warning):
        raise PermissionDenied(_("只有发布单位或安委办可以解除预警。"))
    if warning.lifted_at is not None:
        raise ValidationError(_("该预警已于%(at)s解除。") % {"at": _local(warning.lifted_at)})
    now = timezone.now()
    lifted_at = lifted_at or now
    if lifted_at > now:
        raise ValidationError({"lifted_at": _("解除时间不能晚于当前时间。")})
    if lifted_at < warning.issued_at:
        raise ValidationError({"lifted_at": _("解除时间不能早于发布时间。")})
    warning.lifted_at, warning.lifted_by = lifted_at, actor
    warning.save(update_fields=["lifted_at", "lifted_by", "updated_at"])
    return warning


def _own_township(actor, warning):
    """The caller's township in the warning's area, when there is exactly one."""
    acks = warning.acknowledgements.select_related("township")
    mine = [a.township for a in acks if is_township_person(actor, a.township_id)]
    if len(mine) != 1:
        raise ValidationError({"township": _("请选择叫应的乡镇（街道）。")})
    return mine[0]


def _in_area(warning, township, *, lock):
    rows = warning.acknowledgements.select_related("township").filter(township=township)
    ack = (rows.select_for_update(of=("self",)) if lock else rows).first()
    if ack is None:
        raise ValidationError({"township": _("%(t)s不在该预警的范围内。") % {"t": township.name}})
    return ack


def _refuse_read_only(actor):
    if not answers_for_some_township(actor):
        raise PermissionDenied(_("只有预警范围内乡镇（街道）的负责人和工作人员可以叫应和填报响应。"))


@transaction.atomic
def warning_acknowledge(*, actor, warning, township=None, note=""):
    """叫应: the township says it has received the warning. Once only; refused after the warning is lifted."""
    _refuse_read_only(actor)
    warning = _locked(warning)
    ack = _in_area(warning, township or _own_township(actor, warning), lock=True)
    if warning.lifted_at is not None:
        raise ValidationError(_("该预警已于%(at)s解除，无需叫应。") % {"at": _local(warning.lifted_at)})
    if not may_answer_for(actor, ack.township_id):
        raise PermissionDenied(_("您只能为本乡镇（街道）叫应。"))
    if ack.acknowledged_at is not None:
        raise ValidationError(
            _("%(t)s已于%(at)s叫应，不能重复叫应。") % {"t": ack.township.name, "at": _local(ack.acknowledged_at)}
        )
    ack.acknowledged_at = timezone.now()
    ack.acknowledged_by = actor
    ack.on_behalf = not is_township_person(actor, ack.township_id)
    ack.note = note
    ack.full_clean()
    ack.save()
    warning.save(update_fields=["updated_at"])  # its "已叫应 x/y" changed: a syncing client must see it
    return ack


@transaction.atomic
def warning_respond(*, actor, warning, township, village=None, people_moved=0, note="", **actions):
    """Record what a township (or one of its villages) did: 断、禁、停、撤、疏 and the number of people moved.
    Allowed after the warning is lifted too, since the figures are often known only then."""
    _refuse_read_only(actor)
    unknown = set(actions) - set(ACTION_FIELDS)
    if unknown:
        raise TypeError(f"unknown response actions: {sorted(unknown)}")
    warning = _locked(warning)
    ack = _in_area(warning, township, lock=False)
    if not may_answer_for(actor, ack.township_id):
        raise PermissionDenied(_("您只能填报本乡镇（街道）的响应情况。"))
    if village is not None and village.parent_id != ack.township_id:
        raise ValidationError({"village": _("所选村（社区）不属于%(t)s。") % {"t": ack.township.name}})
    if not any(actions.values()) and not people_moved:
        raise ValidationError(_("请至少勾选一项断、禁、停、撤、疏措施或填写转移人数。"))
    response = WarningResponse(
        warning=warning,
        township=ack.township,
        village=village,
        people_moved=people_moved,
        note=note,
        recorded_by=actor,
        recorded_at=timezone.now(),
        **{name: bool(actions.get(name)) for name in ACTION_FIELDS},
    )
    response.full_clean()
    response.save()
    warning.save(update_fields=["updated_at"])  # the warning's page and API show its responses
    return response


def warning_chase_due(*, now=None):
    """The chase (催办) of townships that have not acknowledged a warning in force: its staff once the due time
    has passed, its head WARNING_ACK_ESCALATE_MINUTES later. Run every minute; the ledger's unique key sends each
    step to each person once. Returns the ids of the ledger rows created."""
    now = now or timezone.now()
    escalate_after = timedelta(minutes=settings.WARNING_ACK_ESCALATE_MINUTES)
    overdue = list(
        WarningAcknowledgement.objects.filter(
            acknowledged_at__isnull=True, warning__lifted_at__isnull=True, due_at__lt=now
        )
        .select_related("warning", "township")
        .order_by("due_at", "pk")
    )
    if not overdue:
        return []
    people = _township_people({a.township_id for a in overdue}, TOWNSHIP_ROLES)
    created = []
    with transaction.atomic():
        for ack in overdue:
            created += _chase(ack, STEP_STAFF, people.get((ack.township_id, Role.TOWNSHIP_STAFF), []), now)
            if now >= ack.due_at + escalate_after:
                created += _chase(ack, STEP_HEAD, people.get((ack.township_id, Role.TOWNSHIP_HEAD), []), now)
    return created


def _chase(ack, step, user_ids, now):
    from notifications.outbox import notify_once

    if not user_ids:
        return []
    late = int((now - ack.due_at).total_seconds() // 60)
    heading = _("预警叫应催办") if step == STEP_STAFF else _("预警未叫应升级")
    return notify_once(
        source=ACK_SOURCE,
        object_id=ack.pk,
        deadline=timezone.localdate(ack.due_at),
        step=step,
        user_ids=user_ids,
        title=_("【%(h)s】%(t)s未叫应%(w)s") % {"h": heading, "t": ack.township.name, "w": _describe(ack.warning)},
        body=_("应于%(due)s前叫应，已超时%(n)d分钟。请立即在平台上叫应并落实断、禁、停、撤、疏措施。")
        % {"due": _local(ack.due_at), "n": late},
        url=_url(ack.warning),
    )
