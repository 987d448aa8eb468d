"""What other apps call to send a message that no rule's sweep produces (e.g. a hazard's escalation step)."""

from django.db import transaction
from django.utils import timezone

from notifications.choices import Channel
from notifications.sweep import insert_rows


def notify_once(*, source, object_id, deadline, step, user_ids, title, body="", url="", channels=(Channel.IN_APP,)):
    """One ledger row per person and channel, unique by (source, object, deadline, step): calling it again for
    the same step sends nothing more. Rows go out after the caller's transaction commits."""
    from notifications.tasks import enqueue

    now = timezone.now()
    rows = [
        (source, object_id, deadline, None, step, user_id, channel, title[:200], body, url, "pending", 0, "", now, None)
        for user_id in sorted(set(user_ids))
        for channel in channels
    ]
    created = insert_rows(rows)
    transaction.on_commit(lambda: enqueue(created))
    return created
