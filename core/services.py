"""Writes of core records that carry a rule; views, the API, the admin and importers all call these."""

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.models import Enterprise, EnterpriseAlias, Membership
from core.scoping import can_change, scope_for
from core.signals import enterprise_merging

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


@transaction.atomic
def enterprise_merge(*, actor, keep, duplicate, note=""):
    """一企多牌: fold `duplicate` into `keep`; its name and aliases become aliases of `keep`."""
    if keep.pk == duplicate.pk:
        raise ValidationError(_("不能把单位合并到它自己。"))
    if not (can_change(actor, keep) and can_change(actor, duplicate)):
        raise PermissionDenied(_("您无权合并这两个生产经营单位。"))
    keep, duplicate = (Enterprise.objects.select_for_update().get(pk=pk) for pk in (keep.pk, duplicate.pk))
    with pghistory.context(merge_into=keep.pk, merged=duplicate.credit_code, note=note):
        enterprise_merging.send(sender=Enterprise, keep=keep, duplicate=duplicate)
        EnterpriseAlias.objects.filter(enterprise=duplicate).update(enterprise=keep)
        duplicate.delete()
        if duplicate.name != keep.name and not EnterpriseAlias.objects.filter(name=duplicate.name).exists():
            EnterpriseAlias.objects.create(enterprise=keep, name=duplicate.name)
    return keep


def membership_grant(*, actor, user, unit, role):
    if not scope_for(actor).changes_all:
        raise PermissionDenied(_("只有安委办管理员可以分配角色。"))
    membership = Membership(user=user, unit=unit, role=role)
    membership.full_clean(validate_constraints=False)
    membership, _created = Membership.objects.get_or_create(user=user, unit=unit, role=role)
    return membership
