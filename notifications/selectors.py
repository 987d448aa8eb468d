"""Scoped reads of the ledger: the county office's pages (the ledger, the rules, the group robots) and what
was sent about one record."""

from core.scoping import scope_for
from notifications.filtersets import ReminderFilterSet
from notifications.models import Reminder, ReminderRule, RobotEndpoint
from notifications.registry import SOURCES


def _county_office_only(user, queryset):
    return queryset if scope_for(user).changes_all else queryset.none()


def reminder_queryset(*, user):
    rows = Reminder.objects.select_related("recipient", "endpoint").order_by("-created_at", "-id")
    return _county_office_only(user, rows)


def reminder_list(*, user, filters=None):
    """The FilterSet over the ledger: `.qs` is the rows, `.errors` the bad filter values."""
    return ReminderFilterSet(filters, queryset=reminder_queryset(user=user))


def rule_list(*, user):
    return _county_office_only(user, ReminderRule.objects.order_by("-is_active", "source", "pk"))


def robot_endpoint_list(*, user):
    endpoints = RobotEndpoint.objects.select_related("unit").order_by("-is_active", "kind", "name")
    return _county_office_only(user, endpoints)


RECORD_ROWS_SHOWN = 200


def record_reminders(*, user, source_key, object_id):
    """What was sent about one record (newest first), or None when the person may not see the record: the
    record's own deadline source decides, and a source that does not say shows nothing to anyone."""
    source = SOURCES.get(source_key)
    if source is None or source.visible_to is None:
        return None
    if not source.visible_to(user).filter(pk=object_id).exists():
        return None
    rows = Reminder.objects.filter(source__in=[source.key, *source.related_keys], object_id=object_id)
    return rows.select_related("recipient").order_by("-created_at", "-pk")[:RECORD_ROWS_SHOWN]
