"""The sweep and the ledger: each reminder is created once, whoever runs the sweep and however often."""

import datetime

import pytest

from core.models import User
from notifications.models import Notification, Reminder
from notifications.sending import deliver
from notifications.sweep import reminder_sweep_due
from tests.tasks.factories import MeasureFactory

TODAY = datetime.date(2024, 9, 27)


@pytest.fixture
def due_in_3_days(db):
    return MeasureFactory(deadline=TODAY + datetime.timedelta(days=3))


def test_a_measure_due_in_3_days_gives_one_reminder_per_recipient_per_step(due_in_3_days):
    created = reminder_sweep_due(today=TODAY)
    rows = Reminder.objects.filter(source="measure", object_id=due_in_3_days.pk)
    assert sorted(rows.values_list("recipient__username", flat=True)) == ["gx_staff"]
    assert list(rows.values_list("offset", "channel", "status")) == [(-3, "in_app", "pending")]
    assert set(created) == set(rows.values_list("pk", flat=True))
    assert reminder_sweep_due(today=TODAY) == []
    assert rows.count() == 1


def test_overdue_reminders_reach_the_head_and_the_lead_unit(db):
    overdue = MeasureFactory(deadline=TODAY - datetime.timedelta(days=1))
    reminder_sweep_due(today=TODAY)
    people = set(Reminder.objects.filter(object_id=overdue.pk).values_list("recipient__username", flat=True))
    assert people == {"gx_staff", "gx_head", "yjj_head", "yjj_staff"}


def test_a_done_measure_and_a_far_deadline_are_not_reminded(db):
    from tests.tasks.factories import ReportFactory

    done = MeasureFactory(deadline=TODAY + datetime.timedelta(days=3))
    ReportFactory(measure=done, percent=100)
    far = MeasureFactory(deadline=TODAY + datetime.timedelta(days=5))
    reminder_sweep_due(today=TODAY)
    assert not Reminder.objects.filter(object_id__in=[done.pk, far.pk], source="measure").exists()


def test_an_extended_deadline_is_reminded_again(due_in_3_days):
    reminder_sweep_due(today=TODAY)
    due_in_3_days.deadline = TODAY + datetime.timedelta(days=7)
    due_in_3_days.save()
    reminder_sweep_due(today=TODAY)
    assert Reminder.objects.filter(object_id=due_in_3_days.pk).count() == 2


def test_in_app_delivery_writes_one_notification_however_often_it_runs(due_in_3_days):
    [reminder_id] = reminder_sweep_due(today=TODAY)
    assert deliver(reminder_id) == "sent"
    assert deliver(reminder_id) == "already"
    notification = Notification.objects.get(reminder_id=reminder_id)
    assert notification.recipient == User.objects.get(username="gx_staff")
    assert "还有3天到期" in notification.body and notification.url == f"/measures/{due_in_3_days.pk}/"
    assert Reminder.objects.get(pk=reminder_id).status == "sent"


def test_the_api_lists_the_callers_notifications_and_marks_one_read(due_in_3_days, api_as):
    [reminder_id] = reminder_sweep_due(today=TODAY)
    deliver(reminder_id)
    body = api_as("gx_staff").get("/api/v1/notifications/").json()
    assert body["count"] == 1 and body["results"][0]["record"] == {
        "kind": "measure",
        "id": due_in_3_days.pk,
        "url": f"/measures/{due_in_3_days.pk}/",
    }
    assert api_as("sp_staff").get("/api/v1/notifications/").json()["count"] == 0
    notification_id = body["results"][0]["id"]
    assert api_as("sp_staff").post(f"/api/v1/notifications/{notification_id}/read/").status_code == 404
    assert api_as("gx_staff").post(f"/api/v1/notifications/{notification_id}/read/").json()["read_at"]


def test_the_bell_shows_the_unread_count(due_in_3_days, web_as):
    [reminder_id] = reminder_sweep_due(today=TODAY)
    deliver(reminder_id)
    client = web_as("gx_staff")
    assert 'id="unread-count">1<' in client.get("/").content.decode()
    notification = Notification.objects.get()
    assert client.get(f"/notifications/{notification.pk}/").url == f"/measures/{due_in_3_days.pk}/"
    assert 'id="unread-count"' not in client.get("/").content.decode()


def test_an_escalation_step_messages_the_heads_and_the_county_office_once(db, django_capture_on_commit_callbacks):
    from hazards.escalation import escalate_overdue
    from tests.hazards.factories import HazardFactory

    hazard = HazardFactory(deadline=TODAY - datetime.timedelta(days=8))
    with django_capture_on_commit_callbacks(execute=True):
        escalate_overdue(today=TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        escalate_overdue(today=TODAY)
    rows = Reminder.objects.filter(source="hazard_escalation", object_id=hazard.pk)
    assert set(rows.values_list("offset", flat=True)) == {1, 2}  # 整改通知 and 督办函 (7 days)
    assert set(rows.values_list("recipient__username", flat=True)) == {"gx_head", "yjj_head", "county_admin"}
    assert rows.count() == 6


def test_the_period_report_is_reminded_before_the_period_ends_until_it_is_submitted(db):
    import time_machine

    from tasks.choices import ReportStatus
    from tests.tasks.factories import ReportFactory

    measure = MeasureFactory(start_date=datetime.date(2024, 4, 1), deadline=datetime.date(2024, 12, 31))
    with time_machine.travel("2024-09-27 08:00 +0800", tick=False):
        reminder_sweep_due(today=TODAY)
    rows = Reminder.objects.filter(source="progress_report", object_id=measure.pk)
    assert list(rows.values_list("deadline", "offset", "recipient__username")) == [
        (datetime.date(2024, 9, 30), -3, "gx_staff")
    ]
    ReportFactory(measure=measure, period_start=datetime.date(2024, 9, 1), status=ReportStatus.SUBMITTED)
    with time_machine.travel("2024-09-30 08:00 +0800", tick=False):
        reminder_sweep_due(today=datetime.date(2024, 9, 30))
    assert rows.count() == 1


def test_a_pending_extension_request_reminds_the_lead_unit(db, demo_user):
    import time_machine

    from tasks import workflow

    measure = MeasureFactory(deadline=datetime.date(2024, 12, 31))
    with time_machine.travel("2024-09-27 08:00 +0800", tick=False):
        request = workflow.extension_request(
            actor=demo_user("gx_staff"), measure=measure, requested_deadline=datetime.date(2025, 1, 31), reason="原因"
        )
    reminder_sweep_due(today=datetime.date(2024, 9, 30))
    people = set(
        Reminder.objects.filter(source="extension_request", object_id=request.pk).values_list(
            "recipient__username", flat=True
        )
    )
    assert people == {"yjj_head", "yjj_staff"}


def test_deleting_people_and_rules_keeps_the_ledger_and_never_breaks(db):
    from core.models import OrgUnit
    from notifications.models import ReminderRule
    from tests.factories import MembershipFactory, UserFactory

    gx = OrgUnit.objects.get(name="桂溪街道")
    first, second = UserFactory(), UserFactory()
    for person in (first, second):
        MembershipFactory(user=person, unit=gx, role="township_staff")
    measure = MeasureFactory(deadline=TODAY + datetime.timedelta(days=3))
    reminder_sweep_due(today=TODAY)
    rows = Reminder.objects.filter(object_id=measure.pk, source="measure")
    assert rows.count() == 3
    gone = [first.pk, second.pk]
    first.delete()
    second.delete()
    ReminderRule.objects.filter(pk__in=rows.values("rule_id")).delete()
    assert rows.count() == 3
    assert reminder_sweep_due(today=TODAY) == []  # the deleted rule no longer runs; nothing breaks
    assert {deliver(pk) for pk in rows.filter(recipient_id__in=gone).values_list("pk", flat=True)} == {"skipped"}


def test_the_catch_up_sweeps_the_days_missed_since_the_last_one_with_today_s_wording(db):
    from notifications.sweep import reminder_sweep_catch_up

    reminder_sweep_due(today=TODAY - datetime.timedelta(days=3))  # the last day the beat reached the workers
    missed = MeasureFactory(deadline=TODAY + datetime.timedelta(days=1))  # its "3 days before" fell on a missed day
    reminder_sweep_catch_up(today=TODAY)
    [row] = Reminder.objects.filter(source="measure", object_id=missed.pk, offset=-3)  # the step of the missed day
    assert "还有1天到期" in row.body  # counted from the day it is read
    assert reminder_sweep_catch_up(today=TODAY) == []
    assert reminder_sweep_due(today=TODAY - datetime.timedelta(days=2)) == []


def test_the_catch_up_goes_back_a_week_at_most_and_not_before_the_first_sweep(db):
    from notifications.models import SweepDay
    from notifications.sweep import CATCH_UP_DAYS, reminder_sweep_catch_up

    reminder_sweep_catch_up(today=TODAY)
    assert list(SweepDay.objects.values_list("day", flat=True)) == [TODAY]  # a first run sweeps today only
    later = TODAY + datetime.timedelta(days=30)
    reminder_sweep_catch_up(today=later)
    days = list(SweepDay.objects.order_by("day").values_list("day", flat=True))
    assert days == [TODAY] + [later - datetime.timedelta(days=n) for n in range(CATCH_UP_DAYS, -1, -1)]
