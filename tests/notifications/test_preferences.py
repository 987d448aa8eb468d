"""Each person chooses, per channel, reminders as they come or one digest a day; the sweep follows the choice."""

import datetime

from notifications.models import DeliveryPreference, Reminder
from notifications.preferences import preferences_of
from notifications.sweep import reminder_sweep_due
from tests.tasks.factories import MeasureFactory

URL = "/notifications/preferences/"
ALL_IMMEDIATE = {"in_app": "immediate", "email": "immediate"}  # group robots are no person's to choose


def test_the_page_shows_the_defaults_in_app_as_it_comes_and_the_rest_as_a_digest(web_as):
    page = web_as("gx_staff").get(URL)
    assert page.status_code == 200
    assert page.context["form"].initial == {
        "in_app": "immediate",
        "email": "digest",
        "sms": "digest",
    }
    assert "每日汇总发送" in page.content.decode()


def test_a_person_saves_their_own_choice_and_nobody_elses(web_as, demo_user):
    response = web_as("gx_staff").post(URL, {**ALL_IMMEDIATE, "in_app": "digest", "sms": "immediate"})
    assert response.status_code == 302 and response.url == URL
    assert preferences_of(user=demo_user("gx_staff"))["in_app"] == "digest"
    assert preferences_of(user=demo_user("gx_staff"))["email"] == "immediate"
    assert preferences_of(user=demo_user("sp_staff"))["in_app"] == "immediate"
    web_as("gx_staff").post(URL, {**ALL_IMMEDIATE, "sms": "immediate"})
    assert DeliveryPreference.objects.filter(user__username="gx_staff").count() == 3


def test_a_bad_choice_is_refused_naming_the_channel_and_nothing_is_saved(web_as):
    response = web_as("gx_staff").post(URL, {**ALL_IMMEDIATE, "email": "weekly", "sms": "digest"})
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == ["“电子邮件”的发送方式只能是“逐条即时发送”或“每日汇总发送”。"]
    assert response.context["form"]["in_app"].value() == "immediate"  # what was typed is kept
    assert not DeliveryPreference.objects.exists()


def test_the_page_needs_a_login(client):
    assert client.get(URL).status_code == 302


def test_the_sweep_leaves_the_rows_of_a_digest_channel_for_the_digest(web_as):
    measure = MeasureFactory(deadline=datetime.date(2024, 9, 30))
    web_as("gx_staff").post(URL, {**ALL_IMMEDIATE, "in_app": "digest", "sms": "digest"})
    reminder_sweep_due(today=datetime.date(2024, 9, 27))
    assert Reminder.objects.get(object_id=measure.pk, source="measure").status == "digest"
