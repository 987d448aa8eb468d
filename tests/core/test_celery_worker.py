"""A real Celery worker on the configured Redis runs a task end to end."""

import uuid

import pytest
from celery.contrib.testing.worker import start_worker

from config.celery import app
from core.tasks import heartbeat


@pytest.mark.django_db(transaction=True)
def test_a_worker_on_redis_runs_the_heartbeat_task():
    queue = f"test-{uuid.uuid4().hex[:8]}"  # a queue of our own: another worker on the same Redis won't take it
    with start_worker(app, pool="solo", perform_ping_check=False, queues=[queue], shutdown_timeout=10):
        result = heartbeat.apply_async(queue=queue)
        assert result.get(timeout=20) == "ok"
