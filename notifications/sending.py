"""Sending one ledger row. A row is claimed by a conditional UPDATE before it is sent and marked sent by another,
so a retried task, a redelivered message or a second worker never sends it twice.

In-app rows are claimed, delivered and marked in one transaction: a worker killed half-way leaves the row
pending and the redelivered task (acks_late) sends it — exactly once. External channels commit the claim
first; a worker killed after sending but before marking leaves the row "sending" until the lease passes,
then it is sent again (at least once: an external service cannot be rolled back).
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from notifications.channels import ChannelError, Skip, channel_for
from notifications.choices import DeliveryStatus
from notifications.models import Reminder

log = logging.getLogger(__name__)
LEASE = timedelta(minutes=10)
RETRY_WAIT = timedelta(minutes=40)  # longer than send_reminder's longest back-off (30 min and jitter)
MAX_ATTEMPTS = 7  # the first try and send_reminder's six retries
S = DeliveryStatus


def _claim(reminder_id):
    now = timezone.now()
    claimable = Q(status=S.PENDING) | Q(status=S.SENDING, claimed_at__lt=now - LEASE)
    return (
        Reminder.objects.filter(pk=reminder_id)
        .filter(claimable)
        .update(status=S.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )


def _finish(reminder_id, status, error=""):
    return Reminder.objects.filter(pk=reminder_id, status=S.SENDING).update(
        status=status, last_error=error[:2000], sent_at=timezone.now() if status == S.SENT else None
    )


def _skip(reminder_id, reason):
    log.info("reminder %s not sent: %s", reminder_id, reason)
    Reminder.objects.filter(pk=reminder_id, status=S.PENDING).update(status=S.SKIPPED, last_error=reason)
    return "skipped"


def deliver(reminder_id):
    reminder = Reminder.objects.select_related("recipient", "endpoint").filter(pk=reminder_id).first()
    if reminder is None:
        return "skipped"
    if reminder.status == S.DIGEST:
        return "digest"  # the recipient's daily digest sends it (notifications.digests)
        return "skipped"
    channel = channel_for(reminder.channel)
    if channel is None:
        return _skip(reminder_id, "未配置该渠道")
    if channel.needs_recipient and reminder.recipient is None:
        return _skip(reminder_id, "接收人已不存在")
    if channel.transactional:
        with transaction.atomic():
            if not _claim(reminder_id):
                return "already"
            channel.send(reminder)
            _finish(reminder_id, S.SENT)
        return "sent"
    with transaction.atomic():
        if not _claim(reminder_id):
            return "already"
    try:
        channel.send(reminder)
    except Skip as exc:
        log.info("reminder %s not sent: %s", reminder_id, exc)
        _finish(reminder_id, S.SKIPPED, str(exc))
        return "skipped"
    except ChannelError as exc:
        # Pending again for Celery's retry; after the last attempt it stays failed, with the error to see.
        final = reminder.attempts + 1 >= MAX_ATTEMPTS
        _finish(reminder_id, S.FAILED if final else S.PENDING, str(exc))
        raise
    _finish(reminder_id, S.SENT)
    return "sent"


def stuck_reminders(*, older_than=timedelta(minutes=15)):
    now = timezone.now()
    # A pending row tried lately is waiting for its Celery retry: requeueing it would cut the back-off short.
    untried = Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - RETRY_WAIT)
    waiting = Q(status=S.PENDING, created_at__lt=now - older_than) & untried
    stuck = waiting | Q(status=S.SENDING, claimed_at__lt=now - LEASE)
    return list(Reminder.objects.filter(stuck).values_list("pk", flat=True)[:5000])
