"""Writes of reminder rules and group robots. Only the county office makes them; the portal's forms, the admin
and any later API call these."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from core.scoping import scope_for
from notifications.models import ReminderRule, RobotEndpoint

RULE_FIELDS = ("name", "source", "offsets", "recipients", "channels", "is_active")
ENDPOINT_FIELDS = ("name", "kind", "url", "secret", "unit", "is_active")


def _require_county_office(actor):
    if not scope_for(actor).changes_all:
        raise PermissionDenied(_("只有安委办可以修改提醒规则和群机器人。"))


def _save(instance, fields, values):
    """Set the given fields, refuse the whole record if any is wrong (ValidationError naming it), then save."""
    for name in fields:
        if name in values:
            setattr(instance, name, values[name])
    if "offsets" in values:
        instance.offsets = sorted(set(instance.offsets))
    instance.full_clean()
    instance.save()
    return instance


@transaction.atomic
def reminder_rule_create(*, actor, **values):
    _require_county_office(actor)
    return _save(ReminderRule(), RULE_FIELDS, values)


@transaction.atomic
def reminder_rule_update(*, actor, rule, **values):
    _require_county_office(actor)
    return _save(rule, RULE_FIELDS, values)


def reminder_rule_set_active(*, actor, rule, is_active):
    """Deactivating stops the rule's next sweeps; what it already sent stays in the ledger."""
    _require_county_office(actor)
    rule.is_active = is_active
    rule.save(update_fields=["is_active", "updated_at"])
    return rule


@transaction.atomic
def robot_endpoint_create(*, actor, **values):
    _require_county_office(actor)
    return _save(RobotEndpoint(), ENDPOINT_FIELDS, values)


@transaction.atomic
def robot_endpoint_update(*, actor, endpoint, **values):
    _require_county_office(actor)
    return _save(endpoint, ENDPOINT_FIELDS, values)
