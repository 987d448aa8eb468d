"""Depots, their supply items, and the one path by which a stock changes (`supply_move`).

Who writes: the county administrator anywhere; the head and staff of the unit that runs the depot (应急局 for
the county depot, a township for its own).
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.choices import Role
from core.scoping import holds_role, scope_for
from disasters.models import Depot, StockMovement, SupplyItem
from disasters.models.supplies import MovementKind, amount_text

DEPOT_FIELDS = ("name", "owner_unit", "address", "longitude", "latitude", "manager_name", "manager_phone")
ITEM_FIELDS = ("category", "name", "specification", "unit_of_measure", "low_stock_line", "note")
KEEPER_ROLES = {Role.DEPT_HEAD, Role.DEPT_STAFF, Role.TOWNSHIP_HEAD, Role.TOWNSHIP_STAFF}


def may_manage_depot(user, owner_unit):
    return scope_for(user).changes_all or (owner_unit is not None and holds_role(user, owner_unit.pk, KEEPER_ROLES))


def _refuse_unless_keeper(actor, owner_unit):
    if not may_manage_depot(actor, owner_unit):
        raise PermissionDenied(_("只有储备库的管理单位或县应急管理员可以管理该储备库的物资。"))


@transaction.atomic
def depot_create(*, actor, **values):
    depot = Depot(**{k: v for k, v in values.items() if k in DEPOT_FIELDS})
    _refuse_unless_keeper(actor, depot.owner_unit if depot.owner_unit_id else None)
    depot.full_clean()
    depot.save()
    return depot


@transaction.atomic
def depot_update(*, actor, depot, **values):
    depot = Depot.objects.select_for_update(of=("self",)).select_related("owner_unit").get(pk=depot.pk)
    _refuse_unless_keeper(actor, depot.owner_unit)
    for name, value in values.items():
        if name in DEPOT_FIELDS:
            setattr(depot, name, value)
    _refuse_unless_keeper(actor, depot.owner_unit)
    depot.full_clean()
    depot.save()
    return depot


@transaction.atomic
def supply_item_create(*, actor, depot, initial_quantity=Decimal("0"), **values):
    """A new item at zero, then its opening stock as an 入库 movement, so every unit in stock has a record."""
    _refuse_unless_keeper(actor, depot.owner_unit)
    item = SupplyItem(depot=depot, **{k: v for k, v in values.items() if k in ITEM_FIELDS})
    _check_item(item)
    item.save()
    if initial_quantity:
        opening = {"kind": MovementKind.IN, "quantity": initial_quantity, "reason": _("初始库存")}
        item = supply_move(actor=actor, item=item, **opening)
    return item


@transaction.atomic
def supply_item_update(*, actor, item, **values):
    """Everything but the quantity, which moves only through `supply_move`."""
    item = SupplyItem.objects.select_for_update(of=("self",)).select_related("depot__owner_unit").get(pk=item.pk)
    _refuse_unless_keeper(actor, item.depot.owner_unit)
    for name, value in values.items():
        if name in ITEM_FIELDS:
            setattr(item, name, value)
    _check_item(item)
    item.save()
    return item


def _check_item(item):
    same = SupplyItem.objects.filter(depot_id=item.depot_id, name=item.name, specification=item.specification)
    if same.exclude(pk=item.pk).exists():
        raise ValidationError({"name": _("该储备库已登记同名同规格的物资：%(item)s。") % {"item": item}})
    item.full_clean()


def _amount(quantity, kind):
    try:
        amount = Decimal(str(quantity))
    except (InvalidOperation, ValueError, TypeError):
        amount = None
    if amount is None or not amount.is_finite() or amount != amount.quantize(Decimal("0.01")):
        raise ValidationError({"quantity": _("数量应为数字，最多保留两位小数。")})
    if amount >= 10**10:
        raise ValidationError({"quantity": _("数量过大。")})
    if kind == MovementKind.ADJUST and amount < 0:
        raise ValidationError({"quantity": _("盘点数量不能为负数。")})
    if kind != MovementKind.ADJUST and amount <= 0:
        raise ValidationError({"quantity": _("入库或出库的数量应大于0。")})
    return amount


@transaction.atomic
def supply_move(*, actor, item, kind, quantity, reason=""):
    """入库, 出库 or 盘点调整 (`quantity` is then the stock counted). The item's row is locked first, so two
    issues at once cannot both take the last tents: the second sees what the first left. A movement that
    would make the stock negative is refused and nothing is saved."""
    if kind not in MovementKind.values:
        raise ValidationError({"kind": _("类型应为入库、出库或盘点调整。")})
    amount = _amount(quantity, kind)
    reason = (reason or "").strip()
    if not reason and kind != MovementKind.IN:
        raise ValidationError({"reason": _("出库和盘点调整须写明事由。")})
    item = SupplyItem.objects.select_for_update(of=("self",)).select_related("depot__owner_unit").get(pk=item.pk)
    _refuse_unless_keeper(actor, item.depot.owner_unit)
    before = item.quantity
    after = {MovementKind.IN: before + amount, MovementKind.OUT: before - amount}.get(kind, amount)
    if after < 0:
        raise ValidationError(
            {
                "quantity": _("库存不足：%(item)s现有%(have)s%(unit)s，出库%(out)s%(unit)s。")
                % {"item": item, "have": amount_text(before), "out": amount_text(amount), "unit": item.unit_of_measure}
            }
        )
    if after >= 10**10:
        raise ValidationError({"quantity": _("数量过大。")})
    item.quantity = after
    item.save(update_fields=["quantity", "updated_at"])
    StockMovement.objects.create(
        item=item,
        kind=kind,
        quantity=amount,
        change=after - before,
        balance=after,
        reason=reason or str(MovementKind(kind).label),
        actor=actor,
    )
    return item
