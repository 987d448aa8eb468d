"""The issue's "done when", end to end with nothing run by hand: a hazard is closed (committed), the webhook row is
written, the send goes through Redis to a real Celery worker, and the receiver on 127.0.0.1 holds a correctly
signed event within seconds; a read-only token of the same client reads and cannot write."""

import hashlib
import hmac
import json
import time
import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from django.db import transaction
from rest_framework.test import APIClient

from config.celery import app
from core.api_tokens import api_token_issue
from integrations.models import WebhookDelivery
from tests.integrations.test_webhooks import close, hazard_awaiting_acceptance


@pytest.fixture
def private_queue(settings):
    queue = f"test-webhooks-{uuid.uuid4().hex[:8]}"  # a queue of our own: no other worker on this Redis takes it
    settings.WEBHOOK_QUEUE = queue
    yield queue
    with app.connection_for_write() as broker:
        broker.default_channel.queue_purge(queue)


@pytest.mark.django_db(transaction=True)
def test_a_read_only_client_reads_cannot_write_and_hears_of_a_closed_hazard_within_seconds(
    loaded_transactional_db, private_queue, make_client, make_endpoint, office, receiver
):
    client_user = make_client()
    endpoint, secret = make_endpoint(client_user, receiver.url, events=["hazard.closed"])
    _token, key = api_token_issue(actor=office, user=client_user, name="同步", read_only=True)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    with transaction.atomic():  # the factory takes the hazard's number under a row lock
        hazard = hazard_awaiting_acceptance()
    assert api.get(f"/api/v1/hazards/{hazard.pk}/").json()["status"] == "verifying"
    refused = api.post(f"/api/v1/hazards/{hazard.pk}/transition/", {"to": "closed"}, format="json")
    assert refused.status_code == 403 and refused.json()["code"] == "token_read_only"

    with start_worker(app, pool="solo", perform_ping_check=False, queues=[private_queue], shutdown_timeout=10):
        closed_at = time.monotonic()
        close(hazard)  # commits: the signal, the row, the queueing, all after commit
        assert receiver.received.wait(10), "no webhook within 10 s"
        elapsed = time.monotonic() - closed_at

    assert elapsed < 5
    [(headers, body)] = receiver.requests
    signed = f"{headers['X-Portal-Timestamp']}.".encode() + body
    assert headers["X-Portal-Signature"] == "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    assert json.loads(body)["data"]["status"] == "closed"
    assert api.get(f"/api/v1/hazards/{hazard.pk}/").json()["status"] == "closed"
    deadline = time.monotonic() + 5  # the worker marks the row just after the receiver answers
    while WebhookDelivery.objects.get(endpoint=endpoint).status != "delivered" and time.monotonic() < deadline:
        time.sleep(0.05)
    assert WebhookDelivery.objects.get(endpoint=endpoint).status == "delivered"
