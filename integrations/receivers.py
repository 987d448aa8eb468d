"""The domain events that go out as webhooks. Each signal is sent after its transaction commits; the receiver
writes the delivery rows (integrations.events) and the first attempt is queued after they commit."""

import logging

from django.db import DatabaseError
from django.dispatch import receiver

from disasters.signals import warning_issued
from hazards.choices import EventKind, HazardStatus
from hazards.signals import hazard_event_committed, hazard_events_committed
from integrations.choices import WebhookEvent
from integrations.events import event_record, event_record_many
from tasks.signals import report_approved

log = logging.getLogger(__name__)


def _record(event_type, **values):
    # The domain change has committed and the person's request succeeded: a failure here is logged, not raised.
    try:
        return event_record(event_type=event_type, **values)
    except DatabaseError:
        log.exception("webhook event %s %s not recorded", event_type, values.get("object_id"))
        return []


def _hazard_event_type(event):
    if event.kind == EventKind.CREATED:
        return WebhookEvent.HAZARD_CREATED
    if event.kind == EventKind.TRANSITION and event.to_status == HazardStatus.CLOSED:
        return WebhookEvent.HAZARD_CLOSED
    return None


@receiver(hazard_event_committed)
def hazard_event(sender, event, **kwargs):
    event_type = _hazard_event_type(event)
    if event_type is not None:
        _record(event_type, object_id=event.hazard_id, key=event.pk, occurred_at=event.at)


@receiver(hazard_events_committed)
def hazard_events(sender, events, **kwargs):
    """Many events at once (a ledger import): one lookup of the subscriptions per type, not one per event."""
    by_type = {}
    for event in events:
        event_type = _hazard_event_type(event)
        if event_type is not None:
            by_type.setdefault(event_type, []).append((event.hazard_id, event.pk, event.at))
    for event_type, items in by_type.items():
        try:
            event_record_many(event_type=event_type, items=items)
        except DatabaseError:
            log.exception("webhook events %s of %d hazards not recorded", event_type, len(items))


@receiver(warning_issued)
def warning_event(sender, warning, **kwargs):
    _record(WebhookEvent.WARNING_ISSUED, object_id=warning.pk, key=warning.pk, occurred_at=warning.issued_at)


@receiver(report_approved)
def report_event(sender, report, **kwargs):
    _record(WebhookEvent.REPORT_APPROVED, object_id=report.pk, key=report.pk, occurred_at=report.reviewed_at)
