"""Celery tasks: thin wrappers around integrations.sending."""

import logging

from celery import shared_task
from django.conf import settings
from kombu.exceptions import OperationalError

log = logging.getLogger(__name__)
SWEEP_EXPIRES = 55  # seconds: a send queued by the sweep and not started by the next sweep is dropped, not doubled


def enqueue(ids, *, expires=None):
    """Queue a send per row. A broker that is down loses nothing: the rows stay pending and the sweep sends them."""
    try:
        for delivery_id in ids:
            deliver_webhook.apply_async(
                (delivery_id,), queue=settings.WEBHOOK_QUEUE, expires=expires, ignore_result=True
            )
    except OperationalError:
        log.warning("broker unavailable; %d webhook deliveries left for the sweep", len(ids))


@shared_task(name="integrations.deliver_webhook")
def deliver_webhook(delivery_id):
    from integrations.sending import webhook_deliver

    return webhook_deliver(delivery_id)


@shared_task(name="integrations.sweep_webhooks")
def sweep_webhooks():
    """Every minute: queue the rows whose next try is due (retries, and first tries whose queueing was lost)."""
    from integrations.sending import due_deliveries

    ids = due_deliveries()
    enqueue(ids, expires=SWEEP_EXPIRES)
    return len(ids)
