"""Digests: a person who takes a channel as a daily digest gets one message a day listing the day's reminders,
each reminder marked sent with it, once; heads get a weekly count of what they may see, once a week."""

import datetime

import pytest
from django.core import mail

from core.models import OrgUnit, User
from notifications.digests import deliver_digest, digest_daily_run
from notifications.models import Digest, Notification, Reminder, ReminderRule
from notifications.preferences import preference_set
from notifications.sending import deliver
from notifications.sweep import reminder_sweep_due
from notifications.weekly import digest_weekly_run, weekly_message
from tests.hazards.factories import HazardFactory
from tests.tasks.factories import MeasureFactory

TODAY = datetime.date(2024, 9, 27)  # a Friday
MONDAY = datetime.date(2024, 9, 23)


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def three_for_gx_staff(db):
    """Due today, due in 3 days, one day overdue: three reminders for gx_staff (the owner unit's staff)."""
    return [
        MeasureFactory(title=title, deadline=days(n)) for title, n in [("今天的", 0), ("三天后的", 3), ("昨天的", -1)]
    ]


@pytest.fixture
def queued(monkeypatch):
    """What would be handed to Celery after commit: reminder ids and digest ids."""
    sent = {"reminders": [], "digests": []}
    monkeypatch.setattr(
        "notifications.tasks.send_reminder.apply_async", lambda args, **_: sent["reminders"].append(args[0])
    )
    monkeypatch.setattr(
        "notifications.tasks.send_digest.apply_async", lambda args, **_: sent["digests"].append(args[0])
    )
    return sent


def gx_staff_rows():
    return Reminder.objects.filter(recipient__username="gx_staff", source="measure")


def sweep(capture):
    with capture(execute=True):
        return reminder_sweep_due(today=TODAY)


def test_a_daily_digest_lists_the_days_reminders_in_one_message_once(
    three_for_gx_staff, demo_user, queued, django_capture_on_commit_callbacks
):
    preference_set(user=demo_user("gx_staff"), modes={"in_app": "digest"})
    sweep(django_capture_on_commit_callbacks)
    assert set(gx_staff_rows().values_list("status", flat=True)) == {"digest"}
    assert set(queued["reminders"]).isdisjoint(gx_staff_rows().values_list("pk", flat=True))

    with django_capture_on_commit_callbacks(execute=True):
        digest_daily_run(today=TODAY)
    [notification] = Notification.objects.filter(recipient__username="gx_staff")
    assert notification.title == "【每日提醒汇总】2024-09-27 共3项"
    assert notification.body.split("\n") == [
        "今日到期（1项）",
        "· 【具体措施】今天的 今天到期",
        "即将到期（1项）",
        "· 【具体措施】三天后的 还有3天（2024-09-30）",
        "已逾期（1项）",
        "· 【具体措施】昨天的 已逾期1天（期限2024-09-26）",
    ]
    assert set(gx_staff_rows().values_list("status", "digest_id")) == {("sent", notification.digest_id)}
    assert queued["digests"] == []  # in-app digests are sent by the run itself

    with django_capture_on_commit_callbacks(execute=True):
        assert digest_daily_run(today=TODAY) == []
    assert Notification.objects.filter(recipient__username="gx_staff").count() == 1


def test_a_person_who_takes_reminders_as_they_come_gets_three_messages(
    three_for_gx_staff, queued, django_capture_on_commit_callbacks
):
    sweep(django_capture_on_commit_callbacks)
    mine = set(gx_staff_rows().values_list("pk", flat=True))
    assert mine <= set(queued["reminders"])
    assert [deliver(pk) for pk in sorted(mine)] == ["sent", "sent", "sent"]
    digest_daily_run(today=TODAY)
    titles = Notification.objects.filter(recipient__username="gx_staff").values_list("title", flat=True)
    assert sorted(titles) == ["【具体措施】三天后的", "【具体措施】今天的", "【具体措施】昨天的"]
    assert not Digest.objects.filter(recipient__username="gx_staff").exists()


def test_a_reminder_that_waits_for_the_digest_is_not_sent_on_its_own(three_for_gx_staff, demo_user):
    preference_set(user=demo_user("gx_staff"), modes={"in_app": "digest"})
    created = reminder_sweep_due(today=TODAY)
    waiting = gx_staff_rows().values_list("pk", flat=True)
    assert set(waiting) <= set(created)
    assert {deliver(pk) for pk in waiting} == {"digest"}
    assert not Notification.objects.filter(recipient__username="gx_staff").exists()


def test_an_email_digest_is_one_mail_and_marks_its_reminders_when_it_is_sent(
    three_for_gx_staff, demo_user, queued, django_capture_on_commit_callbacks
):
    User.objects.filter(username="gx_staff").update(email="gx@example.cn")
    ReminderRule.objects.update(channels=["in_app", "email"])
    sweep(django_capture_on_commit_callbacks)  # e-mail is a digest by default, in-app as it comes
    emails = gx_staff_rows().filter(channel="email")
    assert list(emails.values_list("status", flat=True)) == ["digest"] * 3

    with django_capture_on_commit_callbacks(execute=True):
        digest_daily_run(today=TODAY)
    digest_id = Digest.objects.get(recipient__username="gx_staff", channel="email").pk
    assert digest_id in queued["digests"]
    assert set(emails.values_list("status", flat=True)) == {"digest"}  # attached, not sent until it is
    assert deliver_digest(digest_id) == "sent"
    assert deliver_digest(digest_id) == "already"
    [message] = mail.outbox
    assert message.to == ["gx@example.cn"] and "三天后的" in message.body and "昨天的" in message.body
    assert set(emails.values_list("status", "digest_id")) == {("sent", digest_id)}


def test_a_digest_for_someone_without_an_address_is_skipped_with_the_reason(
    three_for_gx_staff, queued, django_capture_on_commit_callbacks
):
    ReminderRule.objects.update(channels=["email"])
    sweep(django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        digest_daily_run(today=TODAY)
    digest = Digest.objects.get(recipient__username="gx_staff")
    assert deliver_digest(digest.pk) == "skipped"
    assert set(gx_staff_rows().values_list("status", "last_error")) == {("skipped", "接收人没有电子邮件地址")}
    assert mail.outbox == []


def test_reminders_made_after_the_days_digest_wait_for_the_next_one(three_for_gx_staff, demo_user):
    preference_set(user=demo_user("gx_staff"), modes={"in_app": "digest"})
    reminder_sweep_due(today=TODAY)
    digest_daily_run(today=TODAY)
    later = MeasureFactory(title="下午加的", deadline=days(7))
    reminder_sweep_due(today=TODAY)
    assert digest_daily_run(today=TODAY) == []
    [next_day] = digest_daily_run(today=days(1))
    assert Reminder.objects.get(object_id=later.pk, recipient__username="gx_staff").digest_id == next_day
    assert "还有6天（2024-10-04）" in Notification.objects.get(digest_id=next_day).body


def make_waiting(count):
    """`count` people, each with three reminders waiting for their in-app and e-mail digests."""
    people = User.objects.bulk_create(
        User(username=f"digest{count}_{i}", email=f"d{i}@example.cn") for i in range(count)
    )
    Reminder.objects.bulk_create(
        Reminder(source="measure", object_id=n, deadline=days(n), offset=-n, recipient=person, channel=channel,
                 title=f"措施{n}", status="digest")
        for person in people
        for channel in ["in_app", "email"]
        for n in (0, 3, -1)
    )  # fmt: skip


@pytest.mark.parametrize("people", [5, 50])
def test_the_daily_digest_task_makes_the_same_queries_for_5_and_50_people(
    db, people, queued, django_assert_num_queries, django_capture_on_commit_callbacks
):
    make_waiting(people)
    with django_capture_on_commit_callbacks(execute=True), django_assert_num_queries(12):
        created = digest_daily_run(today=TODAY)  # 8 statements, the savepoints of the run and of the marking
    assert len(created) == 2 * people and len(queued["digests"]) == people  # the e-mails go to Celery
    assert Notification.objects.filter(recipient__username__startswith=f"digest{people}_").count() == people


@pytest.fixture
def week_of_work(db):
    """This week and overdue, for 应急局 and for 交通局 (neither owner nor lead 应急局)."""
    jtj, sp = OrgUnit.objects.get(short_name="交通局"), OrgUnit.objects.get(name="沙坪镇")
    for deadline in [datetime.date(2024, 9, 25), datetime.date(2024, 9, 20)]:
        MeasureFactory(deadline=deadline)
        MeasureFactory(deadline=deadline, owner_unit=sp, lead_unit=jtj)
    HazardFactory(deadline=datetime.date(2024, 9, 1))
    HazardFactory(deadline=datetime.date(2024, 9, 1), territory=sp, supervising_department=jtj)
    HazardFactory(deadline=datetime.date(2024, 10, 1))  # not yet overdue


def test_the_weekly_digest_counts_only_what_the_heads_unit_may_see(week_of_work, demo_user):
    def counts(username):
        _title, body = weekly_message(user=demo_user(username), week_start=MONDAY, today=MONDAY)
        return body.split("\n")

    assert counts("yjj_head") == ["本周到期的具体措施：1项", "逾期未完成的具体措施：1项", "逾期未整改的隐患：1项"]
    assert counts("county_leader") == ["本周到期的具体措施：2项", "逾期未完成的具体措施：2项", "逾期未整改的隐患：2项"]


def test_the_weekly_digest_goes_to_heads_leaders_and_the_county_office_once_a_week(week_of_work):
    digest_weekly_run(today=MONDAY)
    people = set(Notification.objects.filter(digest__kind="weekly").values_list("recipient__username", flat=True))
    assert {"yjj_head", "jtj_head", "county_leader", "county_admin"} <= people
    assert not people & {"gx_staff", "yjj_staff", "auditor"}
    yjj = Notification.objects.get(digest__kind="weekly", recipient__username="yjj_head")
    assert yjj.title == "【每周汇总】2024-09-23至2024-09-29" and "逾期未整改的隐患：1项" in yjj.body
    assert digest_weekly_run(today=datetime.date(2024, 9, 26)) == []
    assert Notification.objects.filter(digest__kind="weekly", recipient__username="yjj_head").count() == 1
    assert digest_weekly_run(today=datetime.date(2024, 9, 30))  # a new week


def test_the_weekly_digest_is_mailed_to_heads_with_an_address(week_of_work, queued, django_capture_on_commit_callbacks):
    User.objects.filter(username="yjj_head").update(email="yjj@example.cn")
    with django_capture_on_commit_callbacks(execute=True):
        digest_weekly_run(today=MONDAY)
    [digest_id] = queued["digests"]
    assert deliver_digest(digest_id) == "sent"
    assert mail.outbox[0].to == ["yjj@example.cn"] and "本周到期的具体措施：1项" in mail.outbox[0].body


def test_two_beats_running_the_daily_digest_at_once_send_it_once(loaded_transactional_db, queued):
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    from django.db import connection

    make_waiting(5)
    start = Barrier(2)

    def beat():
        start.wait()
        try:
            return digest_daily_run(today=TODAY)
        finally:
            connection.close()

    with ThreadPoolExecutor(2) as pool:
        runs = [len(created) for created in pool.map(lambda _n: beat(), range(2))]
    assert sorted(runs) == [0, 10]
    assert Notification.objects.filter(recipient__username__startswith="digest5_").count() == 5
    assert set(Reminder.objects.filter(channel="in_app").values_list("status", flat=True)) == {"sent"}
