"""Writes of the township "五有" records (plan item 9). The township's own head and staff keep their township's
record, the county office (安委办) any; read-only roles never. The pages, the API and the demo call these."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.choices import OrgUnitKind, Role
from core.scoping import holds_role, scope_for
from responsibilities.models import CapabilityAsset, TownshipCapability, VillageGrid

TOWNSHIP_ROLES = {Role.TOWNSHIP_HEAD, Role.TOWNSHIP_STAFF}
CAPABILITY_FIELDS = (
    "organisation_level",
    "organisation_note",
    "office_name",
    "office_document",
    "staff_level",
    "staff_note",
    "full_time_staff",
    "part_time_staff",
    "conditions_level",
    "conditions_note",
    "ability_level",
    "ability_note",
    "drills_held",
    "trainings_held",
    "rules_level",
    "rules_note",
    "rules_in_place",
)
ASSET_FIELDS = ("kind", "name", "quantity", "condition")
GRID_FIELDS = ("village", "grid_count", "worker_count", "worker_names")


def may_edit_capability(user, township):
    return scope_for(user).changes_all or holds_role(user, township.pk, TOWNSHIP_ROLES)


def _check_actor(actor, township):
    if not may_edit_capability(actor, township):
        raise PermissionDenied(
            _("只有安委办管理员或%(name)s的负责人、工作人员可以填报其“五有”情况。") % {"name": township.name}
        )


def _pick(values, fields):
    return {k: v for k, v in values.items() if k in fields}


@transaction.atomic
def township_capability_create(*, actor, township, year, assets=(), grids=(), **values):
    _check_actor(actor, township)
    if township.kind != OrgUnitKind.TOWNSHIP:
        raise ValidationError({"township": _("请选择乡镇（街道）。")})
    capability = TownshipCapability(township=township, year=year, **_pick(values, CAPABILITY_FIELDS))
    capability.full_clean()
    try:
        with transaction.atomic():
            capability.save()
    except IntegrityError as exc:  # the same record made a moment ago by someone else
        raise ValidationError(_("该乡镇（街道）本年度已有“五有”记录。")) from exc
    _set_assets(capability, assets)
    _set_grids(capability, grids)
    return capability


@transaction.atomic
def township_capability_update(*, actor, capability, assets=None, grids=None, **values):
    """Rewrites the record's fields; `assets` (all of them) and `grids` (by village) when given."""
    _check_actor(actor, capability.township)
    capability = TownshipCapability.objects.select_for_update().select_related("township").get(pk=capability.pk)
    for name, value in _pick(values, CAPABILITY_FIELDS).items():
        setattr(capability, name, value)
    capability.full_clean()
    capability.save()
    if assets is not None:
        _set_assets(capability, assets, replace=True)
    if grids is not None:
        _set_grids(capability, grids)
    return capability


def _set_assets(capability, assets, replace=False):
    rows = [CapabilityAsset(capability=capability, **_pick(a, ASSET_FIELDS)) for a in assets]
    for index, row in enumerate(rows, 1):
        try:
            row.full_clean(exclude=["capability"])
        except ValidationError as exc:
            raise ValidationError(_("第%(n)s行装备车辆：%(errors)s") % {"n": index, "errors": _flat(exc)}) from exc
    if replace:
        existing = [(a.kind, a.name, a.quantity, a.condition) for a in capability.assets.order_by("pk")]
        if existing == [(r.kind, r.name, r.quantity, r.condition) for r in rows]:
            return  # unchanged: no history events
        capability.assets.all().delete()
    CapabilityAsset.objects.bulk_create(rows)


def _set_grids(capability, grids):
    """Upserts a row per village named; a village of another township is refused."""
    seen = set()
    current = {g.village_id: g for g in capability.grids.all()}
    for values in grids:
        village = values["village"]
        if village.kind != OrgUnitKind.VILLAGE or village.parent_id != capability.township_id:
            raise ValidationError(
                _("%(village)s不是%(township)s的村（社区）。") % {"village": village, "township": capability.township}
            )
        if village.pk in seen:
            raise ValidationError(_("%(village)s登记了两次。") % {"village": village})
        seen.add(village.pk)
        row = current.get(village.pk) or VillageGrid(capability=capability, village=village)
        changed = row.pk is None
        for name in ("grid_count", "worker_count", "worker_names"):
            value = values.get(name, getattr(row, name))
            value = value.strip() if isinstance(value, str) else value
            changed = changed or getattr(row, name) != value
            setattr(row, name, value)
        if not changed:
            continue
        if row.worker_count and not row.worker_names:
            raise ValidationError(_("%(village)s：请填写网格员姓名。") % {"village": village})
        try:
            row.full_clean(exclude=["capability"], validate_constraints=False)
        except ValidationError as exc:
            raise ValidationError(_("%(village)s：%(errors)s") % {"village": village, "errors": _flat(exc)}) from exc
        row.save()


def _flat(exc):
    return "；".join(str(m) for m in exc.messages)
