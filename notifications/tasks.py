"""Celery tasks: thin wrappers around notifications.sending and notifications.sweep."""

import logging

from celery import shared_task
from django.utils import timezone
from kombu.exceptions import OperationalError

from notifications.channels import ChannelError

log = logging.getLogger(__name__)


def enqueue(ids):
    """Queue a send per ledger row. A broker that is down loses nothing: the rows stay pending and
    requeue_stuck sends them later."""
    try:
        for reminder_id in ids:
            send_reminder.delay(reminder_id)
    except OperationalError:
        log.warning("broker unavailable; %d reminders left for requeue_stuck", len(ids))


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
    from notifications.sweep import reminder_sweep_due

    return len(reminder_sweep_due(today=timezone.localdate()))


@shared_task(name="notifications.requeue_stuck")
def requeue_stuck():
    """Rows left pending (an enqueue lost with a broker outage) or stuck sending past the lease go again."""
    from notifications.sending import stuck_reminders

    ids = stuck_reminders()
    enqueue(ids)
    return len(ids)
