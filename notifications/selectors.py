"""Scoped reads of the ledger."""

from notifications.models import Reminder
from notifications.registry import SOURCES

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
