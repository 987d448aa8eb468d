"""Celery tasks: thin wrappers around notifications.sending and notifications.sweep."""

import logging

from celery import shared_task
from django.conf import settings
from django.utils import timezone
from kombu.exceptions import OperationalError

from notifications.channels import ChannelError

log = logging.getLogger(__name__)


# Publishing a task takes about half a millisecond: a sweep that creates 20,000 rows would spend 10 s
# queueing their sends. Beyond this many, it queues one queue_sends task per this many rows instead, and the
# workers queue the sends (each still its own task, retried on its own).
FAN_OUT = 200


def enqueue(ids):
    """Queue a send per ledger row, except the rows left for their recipient's daily digest (one query finds
    them). A broker that is down loses nothing: the rows stay pending and requeue_stuck sends them later."""
    from notifications.choices import DeliveryStatus
    from notifications.models import Reminder

    if ids:
        waiting = set(Reminder.objects.filter(pk__in=ids, status=DeliveryStatus.DIGEST).values_list("pk", flat=True))
        ids = [pk for pk in ids if pk not in waiting]
    try:
        if len(ids) <= FAN_OUT:
            for reminder_id in ids:
                send_reminder.apply_async((reminder_id,), queue=settings.REMINDER_QUEUE, ignore_result=True)
        else:
            for start in range(0, len(ids), FAN_OUT):
                queue_sends.apply_async(
                    (ids[start : start + FAN_OUT],), queue=settings.REMINDER_QUEUE, ignore_result=True
                )
    except OperationalError:
        log.warning("broker unavailable; %d reminders left for requeue_stuck", len(ids))


@shared_task(name="notifications.queue_sends")
def queue_sends(ids):
    """Queue the sends of up to FAN_OUT rows. Run twice (a redelivery), it queues sends that find their row
    already claimed or sent and do nothing."""
    enqueue(ids)
    return len(ids)


@shared_task(
    name="notifications.send_reminder",
    autoretry_for=(ChannelError,),
    retry_backoff=30,
    retry_backoff_max=1800,
    retry_jitter=True,
    max_retries=6,
)
def send_reminder(reminder_id):
    from notifications.sending import deliver

    return deliver(reminder_id)


@shared_task(name="notifications.sweep_reminders")
def sweep_reminders():
    from notifications.sweep import reminder_sweep_catch_up

    return len(reminder_sweep_catch_up(today=timezone.localdate()))


def enqueue_digests(ids):
    """Queue a send per digest (e-mail, robots, SMS; in-app digests are sent by the run itself)."""
    try:
        for digest_id in ids:
            send_digest.apply_async((digest_id,), queue=settings.REMINDER_QUEUE, ignore_result=True)
    except OperationalError:
        log.warning("broker unavailable; %d digests left for requeue_stuck", len(ids))


@shared_task(
    name="notifications.send_digest",
    autoretry_for=(ChannelError,),
    retry_backoff=30,
    retry_backoff_max=1800,
    retry_jitter=True,
    max_retries=6,
)
def send_digest(digest_id):
    from notifications.digests import deliver_digest

    return deliver_digest(digest_id)


@shared_task(name="notifications.send_daily_digests")
def send_daily_digests():
    from notifications.digests import digest_daily_run

    return len(digest_daily_run(today=timezone.localdate()))


@shared_task(name="notifications.send_weekly_digests")
def send_weekly_digests():
    from notifications.weekly import digest_weekly_run

    return len(digest_weekly_run(today=timezone.localdate()))


@shared_task(name="notifications.requeue_stuck")
def requeue_stuck():
    """Rows and digests left pending (an enqueue lost with a broker outage) or stuck sending past the lease go
    again."""
    from notifications.digests import stuck_digests
    from notifications.sending import stuck_reminders

    ids, digest_ids = stuck_reminders(), stuck_digests()
    enqueue(ids)
    enqueue_digests(digest_ids)
    return len(ids) + len(digest_ids)
