"""Outgoing webhooks: a real receiver on 127.0.0.1 gets signed events; a receiver that is down is retried with
back-off and then marked failed, the row kept; an endpoint hears only of records its owner may see."""

import datetime
import hashlib
import hmac
import json
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import OrgUnit, User
from disasters.warning_services import warning_issue
from hazards.choices import EvidenceStage, HazardStatus
from hazards.models import HazardEvidence
from hazards.services import hazard_create
from hazards.workflow import hazard_transition
from integrations.choices import DeliveryStatus
from integrations.events import event_record
from integrations.models import WebhookDelivery
from integrations.sending import due_deliveries, webhook_deliver
from integrations.services import webhook_delivery_resend
from integrations.tasks import sweep_webhooks
from tasks import workflow
from tasks.choices import ReportStatus
from tests.hazards.factories import HazardFactory
from tests.tasks.factories import ReportFactory

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
MINUTE = datetime.timedelta(minutes=1)
pytestmark = pytest.mark.usefixtures("eager_celery")  # a queued send runs in the test, as a worker would run it


def hazard_awaiting_acceptance(township="桂溪街道"):
    hazard = HazardFactory(status=HazardStatus.VERIFYING, territory=OrgUnit.objects.get(name=township))
    HazardEvidence.objects.create(
        hazard=hazard,
        stage=EvidenceStage.AFTER,
        file=SimpleUploadedFile("after.png", PNG),
        original_name="after.png",
        content_type="image/png",
        size=len(PNG),
    )
    return hazard


def close(hazard):
    return hazard_transition(hazard=hazard, to=HazardStatus.CLOSED, actor=User.objects.get(username="yjj_head"))


def register(township, capture):
    with capture(execute=True):
        return hazard_create(
            actor=User.objects.get(username="county_admin"),
            title="配电箱未接地",
            sector="industry_trade",
            source="dept_check",
            territory=OrgUnit.objects.get(name=township),
            found_on=datetime.date(2024, 6, 1),
            deadline=datetime.date(2024, 6, 30),
        )


def test_a_receiver_on_localhost_gets_a_signed_hazard_closed_event_when_a_hazard_closes(
    make_client, make_endpoint, receiver, django_capture_on_commit_callbacks
):
    endpoint, secret = make_endpoint(make_client(), receiver.url, events=["hazard.closed"])
    hazard = hazard_awaiting_acceptance()

    with django_capture_on_commit_callbacks(execute=True):
        close(hazard)

    assert receiver.received.wait(5)
    [(headers, body)] = receiver.requests
    timestamp = headers["X-Portal-Timestamp"]
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    assert headers["X-Portal-Signature"] == f"sha256={expected}"
    assert headers["X-Portal-Event"] == "hazard.closed"
    assert headers["Content-Type"] == "application/json; charset=utf-8"
    event = json.loads(body)
    assert event["id"] == headers["X-Portal-Delivery"] and uuid.UUID(event["id"])
    assert (event["type"], event["object_type"], event["object_id"]) == ("hazard.closed", "hazard", hazard.pk)
    assert event["data"]["number"] == hazard.number and event["data"]["status"] == "closed"
    assert event["url"].endswith(f"/api/v1/hazards/{hazard.pk}/")
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (DeliveryStatus.DELIVERED, 1, 200)
    assert str(delivery.event_id) == event["id"] and delivery.delivered_at is not None


def test_a_receiver_that_is_down_is_retried_with_back_off_then_failed_and_the_row_stays(
    make_client, make_endpoint, closed_port_url, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOK_MAX_ATTEMPTS, settings.WEBHOOK_RETRY_SECONDS = 3, 60
    endpoint, _secret = make_endpoint(make_client(), closed_port_url, events=["hazard.created"])
    register("桂溪街道", django_capture_on_commit_callbacks)  # the first try runs at once, and fails

    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    first_try = delivery.claimed_at
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == ("pending", 1, first_try + MINUTE)
    assert "无法连接" in delivery.last_error
    assert webhook_deliver(delivery.pk, now=first_try + MINUTE / 2) == "already"  # not due yet
    assert delivery.pk not in due_deliveries(now=first_try + MINUTE / 2)
    assert delivery.pk in due_deliveries(now=first_try + MINUTE)

    assert webhook_deliver(delivery.pk, now=first_try + MINUTE) == "retry"
    delivery.refresh_from_db()
    assert delivery.next_attempt_at == first_try + 3 * MINUTE  # waited 1, then 2 minutes: doubling
    assert webhook_deliver(delivery.pk, now=first_try + 3 * MINUTE) == "failed"

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.delivered_at) == ("failed", 3, None)
    assert delivery.payload["type"] == "hazard.created"  # the event is kept, ready to be sent again
    assert delivery.pk not in due_deliveries(now=first_try + 100 * MINUTE)


def test_a_receiver_answering_500_is_retried_with_its_answer_logged(
    make_client, make_endpoint, receiver, django_capture_on_commit_callbacks
):
    receiver.status = 500
    endpoint, _secret = make_endpoint(make_client(), receiver.url, events=["hazard.created"])
    register("桂溪街道", django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert (delivery.status, delivery.last_status_code) == ("pending", 500) and "HTTP 500" in delivery.last_error
    receiver.status = 204
    assert webhook_deliver(delivery.pk, now=delivery.next_attempt_at) == "delivered"
    assert len(receiver.requests) == 2
    assert {h["X-Portal-Delivery"] for h, _b in receiver.requests} == {str(delivery.event_id)}  # same event id


def test_an_endpoint_hears_only_of_records_its_owner_may_see(
    make_client, make_endpoint, receiver, django_capture_on_commit_callbacks
):
    shaping = make_client("沙坪镇")
    sp_endpoint, _s = make_endpoint(shaping, receiver.url, events=["hazard.created"])
    county_endpoint, _s = make_endpoint(make_client(), receiver.url, events=["hazard.created"])

    in_guixi = register("桂溪街道", django_capture_on_commit_callbacks)
    in_shaping = register("沙坪镇", django_capture_on_commit_callbacks)

    assert list(sp_endpoint.deliveries.values_list("object_id", flat=True)) == [in_shaping.pk]
    assert set(county_endpoint.deliveries.values_list("object_id", flat=True)) == {in_guixi.pk, in_shaping.pk}


def test_an_endpoint_gets_only_the_events_it_subscribed_to_and_not_when_disabled(
    make_client, make_endpoint, receiver, django_capture_on_commit_callbacks
):
    client = make_client()
    closed_only, _s = make_endpoint(client, receiver.url, events=["hazard.closed"])
    disabled, _s = make_endpoint(client, receiver.url, events=["hazard.created"])
    disabled.is_active = False
    disabled.save()
    register("桂溪街道", django_capture_on_commit_callbacks)
    assert not WebhookDelivery.objects.exists()


def test_a_signal_heard_twice_writes_one_delivery_per_endpoint(make_client, make_endpoint, receiver):
    endpoint, _s = make_endpoint(make_client(), receiver.url, events=["hazard.closed"])
    hazard = HazardFactory()
    event = {"event_type": "hazard.closed", "object_id": hazard.pk, "key": 4711, "occurred_at": hazard.created_at}
    first, second = event_record(**event), event_record(**event)
    assert len(first) == 1 and second == []
    assert endpoint.deliveries.count() == 1


def test_the_sweep_sends_an_event_whose_queueing_was_lost(make_client, make_endpoint, receiver):
    endpoint, _s = make_endpoint(make_client(), receiver.url, events=["hazard.closed"])
    hazard = HazardFactory()
    # Written, but the on-commit queueing never ran (Redis down, or the process ended): the row waits.
    event_record(event_type="hazard.closed", object_id=hazard.pk, key=1, occurred_at=hazard.created_at)
    assert endpoint.deliveries.get().status == DeliveryStatus.PENDING

    assert sweep_webhooks() == 1
    assert endpoint.deliveries.get().status == DeliveryStatus.DELIVERED
    assert receiver.bodies()[0]["object_id"] == hazard.pk
    assert sweep_webhooks() == 0


def test_a_row_is_claimed_once_so_two_workers_send_it_once(make_client, make_endpoint, receiver):
    endpoint, _s = make_endpoint(make_client(), receiver.url, events=["hazard.closed"])
    hazard = HazardFactory()
    [delivery_id] = event_record(event_type="hazard.closed", object_id=hazard.pk, key=2, occurred_at=hazard.created_at)
    assert [webhook_deliver(delivery_id), webhook_deliver(delivery_id)] == ["delivered", "already"]
    assert len(receiver.requests) == 1


def test_a_warning_issued_and_a_report_approved_reach_their_subscribers(
    make_client, make_endpoint, receiver, django_capture_on_commit_callbacks, demo_user
):
    make_endpoint(make_client(), receiver.url, events=["warning.issued", "report.approved"])
    report = ReportFactory(status=ReportStatus.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        warning = warning_issue(
            actor=demo_user("county_admin"),
            type="rainstorm",
            level="orange",
            text="预计未来6小时有暴雨",
            townships=[OrgUnit.objects.get(name="沙坪镇")],
        )
        workflow.report_approve(actor=demo_user("yjj_head"), report=report, note="同意")

    events = {body["type"]: body for body in receiver.bodies()}
    assert events["warning.issued"]["data"]["number"] == warning.number
    assert events["warning.issued"]["data"]["townships"] == 1
    assert events["report.approved"]["object_id"] == report.pk
    assert events["report.approved"]["data"]["status"] == "approved"


def test_resend_sends_the_same_event_again_and_says_who_asked(
    make_client, make_endpoint, receiver, office, django_capture_on_commit_callbacks
):
    endpoint, _s = make_endpoint(make_client(), receiver.url, events=["hazard.closed"])
    hazard = HazardFactory()
    [delivery_id] = event_record(event_type="hazard.closed", object_id=hazard.pk, key=3, occurred_at=hazard.created_at)
    webhook_deliver(delivery_id)
    with django_capture_on_commit_callbacks(execute=True):
        webhook_delivery_resend(actor=office, delivery=WebhookDelivery.objects.get(pk=delivery_id))
    delivery = WebhookDelivery.objects.get(pk=delivery_id)
    assert (delivery.status, delivery.attempts, delivery.resent_by) == ("delivered", 1, office)
    assert [json.loads(b)["id"] for _h, b in receiver.requests] == [str(delivery.event_id)] * 2
