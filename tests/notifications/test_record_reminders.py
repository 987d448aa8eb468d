"""What was sent is visible on each record ("this measure was reminded on … to …"), to those who may see it."""

import datetime

import pytest

from notifications.models import Reminder
from notifications.sending import deliver
from notifications.sweep import reminder_sweep_due
from tests.tasks.factories import MeasureFactory

TODAY = datetime.date(2024, 9, 27)


@pytest.fixture
def reminded_measure(db):
    """A 桂溪街道 measure one day overdue, reminded to four people; one of them was told."""
    measure = MeasureFactory(deadline=TODAY - datetime.timedelta(days=1))
    first, *_rest = reminder_sweep_due(today=TODAY)
    deliver(first)
    Reminder.objects.filter(pk__in=_rest[:1]).update(status="failed", last_error="webhook answered 500")
    return measure


def test_the_owner_units_staff_see_when_and_to_whom_a_measure_was_reminded(reminded_measure, web_as, demo_user):
    response = web_as("gx_staff").get(f"/notifications/record/measure/{reminded_measure.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    for username in ("gx_staff", "gx_head", "yjj_head", "yjj_staff"):
        assert f"发给 {demo_user(username)} · 站内消息" in html
    assert html.count("已发送") == 1 and html.count("发送失败") == 1
    assert "webhook answered 500" in html and "已逾期1天（期限2024-09-26）" in html


def test_another_township_gets_404_for_the_reminders_of_a_measure_it_may_not_see(reminded_measure, web_as):
    assert web_as("sp_staff").get(f"/notifications/record/measure/{reminded_measure.pk}/").status_code == 404


def test_an_unknown_kind_of_record_or_a_missing_one_is_404(reminded_measure, web_as):
    client = web_as("county_admin")
    assert client.get(f"/notifications/record/nonsense/{reminded_measure.pk}/").status_code == 404
    assert client.get(f"/notifications/record/measure/{reminded_measure.pk + 1000}/").status_code == 404
    assert client.get(f"/notifications/record/measure/{reminded_measure.pk}/").status_code == 200


def test_the_measure_page_loads_its_reminders_with_htmx(reminded_measure, web_as):
    html = web_as("gx_staff").get(f"/measures/{reminded_measure.pk}/").content.decode()
    assert f'hx-get="/notifications/record/measure/{reminded_measure.pk}/" hx-trigger="load"' in html


def test_a_record_without_reminders_says_so(db, web_as):
    measure = MeasureFactory()
    assert "尚未发出提醒" in web_as("gx_staff").get(f"/notifications/record/measure/{measure.pk}/").content.decode()


def test_the_hazard_page_shows_its_reminders_and_escalation_messages(db, web_as, django_capture_on_commit_callbacks):
    from hazards.escalation import escalate_overdue
    from tests.hazards.factories import HazardFactory

    hazard = HazardFactory(status="rectifying", deadline=TODAY - datetime.timedelta(days=1))
    reminder_sweep_due(today=TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        escalate_overdue(today=TODAY)
    client = web_as("gx_staff")
    assert (
        f'hx-get="/notifications/record/hazard/{hazard.pk}/"' in client.get(f"/hazards/{hazard.pk}/").content.decode()
    )
    html = client.get(f"/notifications/record/hazard/{hazard.pk}/").content.decode()
    assert "已逾期1天（期限2024-09-26）" in html  # the sweep's reminder
    assert "下发整改通知" in html  # the escalation ladder's first step
    assert web_as("sp_staff").get(f"/notifications/record/hazard/{hazard.pk}/").status_code == 404


def test_the_fragment_takes_the_same_number_of_queries_for_few_or_many_rows(
    reminded_measure, web_as, django_assert_num_queries
):
    client = web_as("gx_staff")
    url = f"/notifications/record/measure/{reminded_measure.pk}/"
    client.get(url)  # the session, warmed
    with django_assert_num_queries(6):
        client.get(url)
    for day in (3, 7):
        reminder_sweep_due(today=reminded_measure.deadline + datetime.timedelta(days=day))
    with django_assert_num_queries(6):
        assert client.get(url).content.decode().count("list-group-item") == 3 * 4


def test_a_row_whose_recipient_was_deleted_still_shows(reminded_measure, web_as):
    Reminder.objects.filter(pk=Reminder.objects.filter(status="pending").first().pk).update(recipient=None)
    html = web_as("gx_staff").get(f"/notifications/record/measure/{reminded_measure.pk}/").content.decode()
    assert "发给 （人员已删除） · 站内消息" in html
