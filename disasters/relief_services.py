"""Every write of relief (item 18): events, households, entitlements, payments, house reconstruction and the
dispatch of relief materials. Who may write: disasters.relief_permissions."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.choices import OrgUnitKind
from disasters import relief_identity, supply_services
from disasters.models import (
    DisasterEvent,
    HouseReconstruction,
    ReconstructionStep,
    ReliefDispatch,
    ReliefEntitlement,
    ReliefHousehold,
    ReliefPayment,
    StockMovement,
)
from disasters.models.relief import STAGE_ORDER, ReconstructionStage, ReliefKind
from disasters.models.supplies import MovementKind
from disasters.relief_permissions import may_manage_events, may_write_for_village

EVENT_FIELDS = ("name", "kind", "started_on", "ended_on", "description")
HOUSEHOLD_FIELDS = ("head_name", "member_count", "member_names", "phone", "address", "note")
MAX_AMOUNT = Decimal("10000000")


def _refuse_unless_office(actor):
    if not may_manage_events(actor):
        raise PermissionDenied(_("只有县应急管理员或救灾科可以登记灾害事件。"))


def _refuse_unless_village(actor, village):
    if not may_write_for_village(actor, village):
        raise PermissionDenied(_("您只能登记本乡镇（街道）所辖村（社区）的救灾救助信息。"))


def _area(townships, villages):
    townships, villages = list(townships or []), list(villages or [])
    errors = {}
    if any(t.kind != OrgUnitKind.TOWNSHIP for t in townships):
        errors["townships"] = _("受灾乡镇（街道）只能选择乡镇或街道。")
    if any(v.kind != OrgUnitKind.VILLAGE for v in villages):
        errors["villages"] = _("受灾村（社区）只能选择村或社区。")
    if not townships and not villages:
        errors["townships"] = _("请至少选择一个受灾乡镇（街道）。")
    if errors:
        raise ValidationError(errors)
    ids = {t.pk for t in townships} | {v.parent_id for v in villages}
    return ids, {v.pk for v in villages}


def _save_event(event, townships, villages):
    township_ids, village_ids = _area(townships, villages)
    if event.ended_on and event.started_on and event.ended_on < event.started_on:
        raise ValidationError({"ended_on": _("结束日期不能早于发生日期。")})
    if DisasterEvent.objects.filter(name=event.name).exclude(pk=event.pk).exists():
        raise ValidationError({"name": _("已有同名的灾害事件。")})
    event.full_clean(exclude=["townships", "villages"])
    event.save()
    event.townships.set(township_ids)
    event.villages.set(village_ids)
    return event


@transaction.atomic
def disaster_event_create(*, actor, townships=(), villages=(), **values):
    """A township listed with none of its villages is struck whole; a village's township is added if missing."""
    _refuse_unless_office(actor)
    event = DisasterEvent(**{k: v for k, v in values.items() if k in EVENT_FIELDS}, created_by=actor)
    return _save_event(event, townships, villages)


@transaction.atomic
def disaster_event_update(*, actor, event, townships=None, villages=None, **values):
    _refuse_unless_office(actor)
    event = DisasterEvent.objects.select_for_update().get(pk=event.pk)
    for name, value in values.items():
        if name in EVENT_FIELDS:
            setattr(event, name, value)
    townships = list(event.townships.all()) if townships is None else townships
    villages = list(event.villages.all()) if villages is None else villages
    return _save_event(event, townships, villages)


def _check_in_area(event, village):
    if not event.covers_village(village):
        raise ValidationError(
            {"village": _("%(v)s不在“%(e)s”的受灾范围内。") % {"v": getattr(village, "name", "?"), "e": event.name}}
        )


def _apply_numbers(household, id_number, bank_card):
    if id_number is not None:
        number = relief_identity.normalise_id_number(id_number)
        household.set_id_number(number)
        same = ReliefHousehold.objects.filter(event_id=household.event_id, id_number_digest=household.id_number_digest)
        if same.exclude(pk=household.pk).exists():
            raise ValidationError({"id_number": _("该身份证号已在本次灾害事件中登记为受灾户。")})
    if bank_card is not None:
        household.set_bank_card(relief_identity.normalise_card_number(bank_card))


@transaction.atomic
def relief_household_create(*, actor, event, village, id_number, bank_card="", **values):
    _refuse_unless_village(actor, village)
    _check_in_area(event, village)
    household = ReliefHousehold(
        event=event, village=village, **{k: v for k, v in values.items() if k in HOUSEHOLD_FIELDS}
    )
    _apply_numbers(household, id_number, bank_card)
    household.full_clean()
    household.save()
    return household


@transaction.atomic
def relief_household_update(*, actor, household, id_number=None, bank_card=None, **values):
    household = (
        ReliefHousehold.objects.select_for_update(of=("self",)).select_related("village", "event").get(pk=household.pk)
    )
    _refuse_unless_village(actor, household.village)
    for name, value in values.items():
        if name in HOUSEHOLD_FIELDS:
            setattr(household, name, value)
    _apply_numbers(household, id_number or None, bank_card)
    household.full_clean()
    household.save()
    return household


def _money(amount, field="amount"):
    try:
        value = Decimal(str(amount))
    except (InvalidOperation, ValueError, TypeError):
        value = None
    if value is None or not value.is_finite() or value != value.quantize(Decimal("0.01")):
        raise ValidationError({field: _("金额应为数字，最多保留两位小数。")})
    if value <= 0:
        raise ValidationError({field: _("金额应大于0元，负数或零不能登记。")})
    if value >= MAX_AMOUNT:
        raise ValidationError({field: _("金额过大，请核对。")})
    return value


def _kind_and_period(kind, period):
    errors = {}
    if kind not in ReliefKind.values:
        errors["kind"] = _("请选择救助类别。")
    period = (period or "").strip()
    if not period:
        errors["period"] = _("请填写救助期间，如“2024年7月”。")
    if errors:
        raise ValidationError(errors)
    return period


def _locked_household(household):
    return (
        ReliefHousehold.objects.select_for_update(of=("self",)).select_related("village", "event").get(pk=household.pk)
    )


@transaction.atomic
def relief_entitlement_create(*, actor, household, kind, period, amount, note=""):
    household = _locked_household(household)
    _refuse_unless_village(actor, household.village)
    period = _kind_and_period(kind, period)
    amount = _money(amount)
    if ReliefEntitlement.objects.filter(household=household, kind=kind, period=period).exists():
        raise ValidationError({"period": _("该户已核定本期的这类救助，请修改原核定而不是重复登记。")})
    return ReliefEntitlement.objects.create(household=household, kind=kind, period=period, amount=amount, note=note)


@transaction.atomic
def relief_payment_create(*, actor, household, kind, period, amount, paid_on, transfer_reference, reason=""):
    """One 一卡通 transfer. The household's row is locked first, so two clerks entering the same payment at once
    are seen one after the other: the second one needs a reason."""
    household = _locked_household(household)
    _refuse_unless_village(actor, household.village)
    _check_in_area(household.event, household.village)
    period = _kind_and_period(kind, period)
    amount = _money(amount)
    reference, reason = (transfer_reference or "").strip(), (reason or "").strip()
    errors = {}
    if not reference:
        errors["transfer_reference"] = _("请填写一卡通转账流水号。")
    elif ReliefPayment.objects.filter(transfer_reference=reference).exists():
        errors["transfer_reference"] = _("该转账流水号已登记过一笔发放。")
    if paid_on is None:
        errors["paid_on"] = _("请填写发放日期。")
    elif paid_on > timezone.localdate():
        errors["paid_on"] = _("发放日期不能晚于今天。")
    if not reason and ReliefPayment.objects.filter(household=household, kind=kind, period=period).exists():
        errors["reason"] = _("该户本期已发放过同类救助，再次发放须写明事由。")
    if errors:
        raise ValidationError(errors)
    return ReliefPayment.objects.create(
        household=household,
        kind=kind,
        period=period,
        amount=amount,
        paid_on=paid_on,
        transfer_reference=reference,
        reason=reason,
        recorded_by=actor,
    )


def _step_date(on, previous):
    if on is None:
        raise ValidationError({"on": _("请填写日期。")})
    if on > timezone.localdate():
        raise ValidationError({"on": _("日期不能晚于今天。")})
    if previous is not None and on < previous:
        raise ValidationError({"on": _("日期不能早于上一进度的日期（%(d)s）。") % {"d": previous.isoformat()}})
    return on


@transaction.atomic
def house_reconstruction_create(*, actor, household, damage, plan, note="", on=None):
    household = _locked_household(household)
    _refuse_unless_village(actor, household.village)
    if HouseReconstruction.objects.filter(household=household).exists():
        raise ValidationError({"damage": _("该户的倒损住房已登记。")})
    house = HouseReconstruction(household=household, damage=damage, plan=plan, note=note)
    house.full_clean()
    house.save()
    ReconstructionStep.objects.create(
        reconstruction=house,
        to_stage=house.stage,
        on=on or timezone.localdate(),
        note=_("登记倒损住房"),
        actor=actor,
    )
    return house


@transaction.atomic
def reconstruction_advance(*, actor, reconstruction, to, on, note=""):
    """Move the stage forward (one or more steps) on the day `on`; each move writes its step (who, when, why)."""
    house = (
        HouseReconstruction.objects.select_for_update(of=("self",))
        .select_related("household__village")
        .get(pk=reconstruction.pk)
    )
    _refuse_unless_village(actor, house.household.village)
    if to not in STAGE_ORDER or STAGE_ORDER.index(to) <= STAGE_ORDER.index(house.stage):
        raise ValidationError({"to": _("进度只能向前推进：当前为“%(s)s”。") % {"s": house.get_stage_display()}})
    last = house.steps.order_by("-on", "-pk").values_list("on", flat=True).first()
    on = _step_date(on, last)
    ReconstructionStep.objects.create(
        reconstruction=house, from_stage=house.stage, to_stage=to, on=on, note=(note or "").strip(), actor=actor
    )
    if house.started_on is None and to != ReconstructionStage.NOT_STARTED:
        house.started_on = on
    if to == ReconstructionStage.COMPLETED:
        house.completed_on = on
    house.stage = to
    house.save()
    return house


@transaction.atomic
def relief_dispatch_create(*, actor, event, village, item, quantity, dispatched_on, receiver=""):
    """Send relief materials from a depot to a struck village: an 出库 of the item through supply_move (which locks
    the item and refuses a stock below zero), and the dispatch row naming that movement. Refused: nothing written."""
    _refuse_unless_village(actor, village)
    _check_in_area(event, village)
    if dispatched_on is None or dispatched_on > timezone.localdate():
        raise ValidationError({"dispatched_on": _("调拨日期应填写，且不能晚于今天。")})
    reason = _("救灾调拨：%(e)s → %(v)s") % {"e": event.name, "v": village.name}
    item = supply_services.supply_move(actor=actor, item=item, kind=MovementKind.OUT, quantity=quantity, reason=reason)
    movement = StockMovement.objects.filter(item=item).order_by("-pk").first()
    return ReliefDispatch.objects.create(
        event=event,
        village=village,
        item=item,
        quantity=movement.quantity,
        dispatched_on=dispatched_on,
        movement=movement,
        receiver=receiver,
        actor=actor,
    )
