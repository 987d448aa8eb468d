"""Writes of core records that carry a rule; views, the API, the admin and importers all call these."""

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.models import Enterprise, EnterpriseAlias, EnterpriseMerge, Membership
from core.scoping import can_change, scope_for
from core.signals import enterprise_merge_check, enterprise_merging

ENTERPRISE_FIELDS = ("name", "credit_code", "sector", "township", "supervising_department", "address", "scale")


def _check_enterprise_units(actor, enterprise):
    # The actor must hold the township or the supervising department the enterprise is filed under.
    if not can_change(actor, enterprise):
        raise PermissionDenied(_("您无权登记或修改其他单位的生产经营单位。"))


def enterprise_create(*, actor, **values):
    enterprise = Enterprise(**{k: values.get(k) for k in ENTERPRISE_FIELDS if k in values})
    enterprise.full_clean()
    _check_enterprise_units(actor, enterprise)
    enterprise.save()
    return enterprise


def enterprise_update(*, actor, enterprise, **values):
    if not can_change(actor, enterprise):
        raise PermissionDenied(_("您无权修改该生产经营单位。"))
    for name in ENTERPRISE_FIELDS:
        if name in values:
            setattr(enterprise, name, values[name])
    enterprise.full_clean()
    _check_enterprise_units(actor, enterprise)
    enterprise.save()
    return enterprise


class _PreviewDone(Exception):
    """Raised inside the preview's transaction to undo the trial merge after the counts are taken."""

    def __init__(self, merge):
        self.merge = merge


def _merge_ids(keep, duplicates):
    ids = []
    for duplicate in duplicates:
        pk = getattr(duplicate, "pk", duplicate)
        if pk not in ids:
            ids.append(pk)
    keep_pk = getattr(keep, "pk", keep)
    if not ids:
        raise ValidationError(_("请至少选择一个要并入的单位。"))
    if keep_pk in ids:
        raise ValidationError(_("不能把一个单位与其自身合并。"))
    return keep_pk, ids


def _add_counts(total, response):
    for label, count in (response or {}).items():
        if count:
            total[label] = total.get(label, 0) + count


@transaction.atomic
def enterprise_merge(*, actor, keep, duplicates, note=""):
    """一企多牌: fold each of `duplicates` into `keep` in one transaction and return the EnterpriseMerge event.

    Only the county office's admin merges (records of several townships may be involved). Every row involved
    is locked in pk order; apps may veto (core.signals.enterprise_merge_check) before anything moves, then
    move their rows (enterprise_merging) and say how many; the duplicates' names and aliases become aliases
    of `keep` and the duplicates are deleted. Any error undoes all of it."""
    keep_pk, ids = _merge_ids(keep, duplicates)
    if not scope_for(actor).changes_all:
        raise PermissionDenied(_("只有安委办管理员可以合并生产经营单位。"))
    locked = {e.pk: e for e in Enterprise.objects.select_for_update().filter(pk__in=[keep_pk, *ids]).order_by("pk")}
    missing = [pk for pk in [keep_pk, *ids] if pk not in locked]
    if missing:
        raise ValidationError(_("要合并的单位不存在或已被合并，请刷新后重试。"))
    keep, duplicates = locked[keep_pk], [locked[pk] for pk in ids]
    if not all(can_change(actor, e) for e in [keep, *duplicates]):
        raise PermissionDenied(_("您无权合并这些生产经营单位。"))

    enterprise_merge_check.send(sender=Enterprise, keep=keep, duplicates=duplicates)

    moved = {}
    described = []
    for duplicate in duplicates:
        aliases = list(EnterpriseAlias.objects.filter(enterprise=duplicate).values_list("name", flat=True))
        described.append(
            {"id": duplicate.pk, "name": duplicate.name, "credit_code": duplicate.credit_code, "aliases": aliases}
        )
        with pghistory.context(merge_into=keep.pk, merged=duplicate.credit_code, note=note):
            for _receiver, response in enterprise_merging.send(sender=Enterprise, keep=keep, duplicate=duplicate):
                _add_counts(moved, response)
            aliases_moved = EnterpriseAlias.objects.filter(enterprise=duplicate).update(enterprise=keep)
            merges_moved = EnterpriseMerge.objects.filter(keep=duplicate).update(keep=keep)
            _add_counts(moved, {"core.EnterpriseAlias": aliases_moved, "core.EnterpriseMerge": merges_moved})
            duplicate.delete()
            if duplicate.name != keep.name and not EnterpriseAlias.objects.filter(name=duplicate.name).exists():
                EnterpriseAlias.objects.create(enterprise=keep, name=duplicate.name)
    return EnterpriseMerge.objects.create(keep=keep, duplicates=described, moved=moved, actor=actor, note=note)


def enterprise_merge_preview(*, actor, keep, duplicates):
    """What enterprise_merge would do, without doing it: the same checks and the same receivers run in a
    transaction that is then rolled back. Returns the unsaved EnterpriseMerge (duplicates, moved counts);
    raises the same ValidationError / PermissionDenied the merge would."""
    try:
        with transaction.atomic():
            raise _PreviewDone(enterprise_merge(actor=actor, keep=keep, duplicates=duplicates))
    except _PreviewDone as done:
        merge = done.merge
    merge.pk = None
    merge._state.adding = True
    return merge


def membership_grant(*, actor, user, unit, role):
    if not scope_for(actor).changes_all:
        raise PermissionDenied(_("只有安委办管理员可以分配角色。"))
    membership = Membership(user=user, unit=unit, role=role)
    membership.full_clean(validate_constraints=False)
    membership, _created = Membership.objects.get_or_create(user=user, unit=unit, role=role)
    return membership
