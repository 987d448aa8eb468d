"""Who changed what and when, read from the pghistory event tables (written by database triggers)."""

from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _
from pghistory.models import MiddlewareEvents

LABELS = {"insert": _("新增"), "update": _("修改"), "delete": _("删除")}
HIDDEN_FIELDS = {"id", "created_at", "updated_at", "path"}


@dataclass
class HistoryEntry:
    when: object
    action: str
    user: object
    source: str  # the page or command that made the change
    changes: list  # [(field label, old, new)]


def _field_label(model, name):
    try:
        return str(model._meta.get_field(name.removesuffix("_id")).verbose_name)
    except FieldDoesNotExist:  # a field since removed: show its column name
        return name


def history_for(obj, limit=50):
    events = MiddlewareEvents.objects.tracks(obj).select_related("user").order_by("-pgh_created_at", "-pgh_id")[:limit]
    entries = []
    for event in events:
        diff = event.pgh_diff or {}
        changes = [
            (_field_label(type(obj), name), old, new) for name, (old, new) in diff.items() if name not in HIDDEN_FIELDS
        ]
        context = event.pgh_context or {}
        entries.append(
            HistoryEntry(
                when=event.pgh_created_at,
                action=LABELS.get(event.pgh_label, event.pgh_label),
                user=event.user,
                source=context.get("url") or context.get("command") or "",
                changes=changes,
            )
        )
    return entries
