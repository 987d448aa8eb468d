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
    fetch: Any  # (user, pks) -> the records among pks as the user's list reads them (those the user may see)
    serializer: Any  # the API list's serializer class


def _hazards(user, pks):
    return hazard_queryset(user=user).filter(pk__in=pks)


def _warnings(user, pks):
    return warning_list(user=user).qs.filter(pk__in=pks)


def _reports(user, pks):
    return report_queryset(user=user).filter(pk__in=pks)


HAZARD = Source("hazard", "api:hazard-detail", _hazards, HazardSerializer)
SOURCES = {
    WebhookEvent.HAZARD_CREATED: HAZARD,
    WebhookEvent.HAZARD_CLOSED: HAZARD,
    WebhookEvent.WARNING_ISSUED: Source("warning", "api:warning-detail", _warnings, WarningSerializer),
    WebhookEvent.REPORT_APPROVED: Source(
        "progress_report", "api:progress-report-detail", _reports, ProgressReportSerializer
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


def _rows(event_type, items):
    """The delivery rows of the events `items` ((object id, key, occurred at) each) of one type."""
    source = SOURCES[event_type]
    endpoints = WebhookEndpoint.objects.filter(
        is_active=True, owner__is_active=True, events__contains=[event_type]
    ).select_related("owner")
    seen = {}  # owner id -> {pk: the record as the owner reads it}; a record out of the owner's scope is absent
    rows = []
    for endpoint in endpoints:
        if endpoint.owner_id not in seen:
            records = source.fetch(endpoint.owner, [object_id for object_id, _key, _at in items])
            seen[endpoint.owner_id] = {record.pk: record for record in records}
        for object_id, key, occurred_at in items:
            record = seen[endpoint.owner_id].get(object_id)
            if record is not None:
                eid = event_id(event_type, key)
                payload = envelope(
                    event_type=event_type, eid=eid, occurred_at=occurred_at, source=source, record=record
                )
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
    return event_record_many(event_type=event_type, items=[(object_id, key, occurred_at)])


def event_record_many(*, event_type, items):
    """`event_record` for many events of one type ((object id, key, occurred at) each), e.g. the 'created'
    events of a ledger import: one query for the subscriptions and one per subscribed owner for the records,
    however many events."""
    from integrations.tasks import enqueue

    rows = _rows(event_type, items)  # no endpoint subscribed (the usual case): one query
    if rows:
        eids = {row.event_id for row in rows}
        written = set(WebhookDelivery.objects.filter(event_id__in=eids).values_list("endpoint_id", "event_id"))
        rows = [row for row in rows if (row.endpoint_id, row.event_id) not in written]
    if not rows:
        return []
    with transaction.atomic():
        # ignore_conflicts: a receiver racing this one has written the row; the claim sends it once either way.
        WebhookDelivery.objects.bulk_create(rows, ignore_conflicts=True)
        pairs = {(row.endpoint_id, row.event_id) for row in rows}
        found = WebhookDelivery.objects.filter(event_id__in={eid for _endpoint, eid in pairs})
        ids = [pk for pk, *pair in found.values_list("pk", "endpoint_id", "event_id") if tuple(pair) in pairs]
        transaction.on_commit(lambda: enqueue(ids))
    return ids
