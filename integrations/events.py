"""From a domain event to delivery rows: one per active endpoint subscribed to it whose owner may see the record.

The body sent (the row's `payload`) is

    {"id": "<event id, a UUID>", "type": "hazard.closed", "occurred_at": "2024-06-03T10:00:00+08:00",
     "object_type": "hazard", "object_id": 12, "url": "<the record in the API>", "data": {…}}

where `data` is the record as its API list answers it (GET /api/v1/hazards/?…), read as the endpoint's owner
reads it. The event id is derived from the event itself (uuid5), so it is stable: the same for every endpoint
and every attempt, and the unique (endpoint, event_id) makes a signal heard twice write one row.
"""

import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from disasters.api.warning_serializers import WarningSerializer
from disasters.warning_selectors import warning_list
from hazards.api.serializers import HazardSerializer
from hazards.selectors import hazard_queryset
from integrations.choices import WebhookEvent
from integrations.models import WebhookDelivery, WebhookEndpoint
from tasks.api.measure_serializers import ProgressReportSerializer
from tasks.selectors import report_queryset

NAMESPACE = uuid.UUID("5b7f3c1e-2a41-4c59-9d1e-6f0f3e8a2c17")  # fixed: event ids must not change between releases


@dataclass(frozen=True)
class Source:
    object_type: str
    route: str  # the API's detail route name
    fetch: Any  # (user, pk) -> the record as the user's list reads it, or None when the user may not see it
    serializer: Any  # the API list's serializer class


def _hazard(user, pk):
    return hazard_queryset(user=user).filter(pk=pk).first()


def _warning(user, pk):
    return warning_list(user=user).qs.filter(pk=pk).first()


def _report(user, pk):
    return report_queryset(user=user).filter(pk=pk).first()


HAZARD = Source("hazard", "api:hazard-detail", _hazard, HazardSerializer)
SOURCES = {
    WebhookEvent.HAZARD_CREATED: HAZARD,
    WebhookEvent.HAZARD_CLOSED: HAZARD,
    WebhookEvent.WARNING_ISSUED: Source("warning", "api:warning-detail", _warning, WarningSerializer),
    WebhookEvent.REPORT_APPROVED: Source(
        "progress_report", "api:progress-report-detail", _report, ProgressReportSerializer
    ),
}


def event_id(event_type, key):
    return uuid.uuid5(NAMESPACE, f"{event_type}:{key}")


def api_url(route, pk):
    path = reverse(route, args=[pk])
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def envelope(*, event_type, eid, occurred_at, source, record):
    return {
        "id": str(eid),
        "type": str(event_type),
        "occurred_at": timezone.localtime(occurred_at).isoformat(),
        "object_type": source.object_type,
        "object_id": record.pk,
        "url": api_url(source.route, record.pk),
        "data": source.serializer(record).data,
    }


def _rows(event_type, eid, object_id, occurred_at):
    source = SOURCES[event_type]
    endpoints = WebhookEndpoint.objects.filter(
        is_active=True, owner__is_active=True, events__contains=[event_type]
    ).select_related("owner")
    seen = {}  # owner id -> the record as the owner reads it (None: out of the owner's scope)
    rows = []
    for endpoint in endpoints:
        if endpoint.owner_id not in seen:
            seen[endpoint.owner_id] = source.fetch(endpoint.owner, object_id)
        record = seen[endpoint.owner_id]
        if record is not None:
            payload = envelope(event_type=event_type, eid=eid, occurred_at=occurred_at, source=source, record=record)
            rows.append(
                WebhookDelivery(
                    endpoint=endpoint, event_type=event_type, event_id=eid, object_id=object_id, payload=payload
                )
            )
    return rows


def event_record(*, event_type, object_id, key, occurred_at):
    """Write the event's delivery rows and queue their first attempt after commit; the ids of the rows written.

    The rows are the event's safe keeping: with Redis down the queueing fails, the rows stay pending, and the
    beat sweep sends them."""
    from integrations.tasks import enqueue

    eid = event_id(event_type, key)
    rows = _rows(event_type, eid, object_id, occurred_at)  # no endpoint subscribed (the usual case): one query
    if rows:
        written = set(WebhookDelivery.objects.filter(event_id=eid).values_list("endpoint_id", flat=True))
        rows = [row for row in rows if row.endpoint_id not in written]
    if not rows:
        return []
    with transaction.atomic():
        # ignore_conflicts: a receiver racing this one has written the row; the claim sends it once either way.
        WebhookDelivery.objects.bulk_create(rows, ignore_conflicts=True)
        new = WebhookDelivery.objects.filter(event_id=eid, endpoint__in=[row.endpoint_id for row in rows])
        ids = list(new.values_list("pk", flat=True))
        transaction.on_commit(lambda: enqueue(ids))
    return ids
