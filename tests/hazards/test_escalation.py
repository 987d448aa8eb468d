"""The ladder for overdue hazards: 整改通知 the day after the deadline, 督办函 and 通报 after the set days."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hazards.choices import EventKind, HazardStatus
from hazards.escalation import escalate_overdue
from hazards.models import HazardEvent
from hazards.signals import hazard_event_committed
from hazards.tasks import escalate_overdue_hazards
from tests.hazards.factories import HazardFactory

DEADLINE = datetime.date(2024, 6, 30)


@pytest.fixture(autouse=True)
def ladder_days(settings):
    settings.HAZARD_LETTER_DAYS = 7
    settings.HAZARD_BULLETIN_DAYS = 30


@pytest.fixture
def hazard(db):
    return HazardFactory(status=HazardStatus.RECTIFYING, deadline=DEADLINE)


def steps_of(hazard):
    return list(hazard.events.exclude(step="").order_by("pk").values_list("step", flat=True))


@pytest.mark.parametrize(
    ("days_after", "steps"),
    [
        (0, []),
        (1, ["notice"]),
        (6, ["notice"]),
        (7, ["notice", "letter"]),
        (29, ["notice", "letter"]),
        (30, ["notice", "letter", "bulletin"]),
    ],
)
def test_each_step_comes_on_its_day_after_the_deadline(hazard, days_after, steps):
    escalate_overdue(today=DEADLINE + datetime.timedelta(days=days_after))
    assert steps_of(hazard) == steps


def test_an_escalation_is_an_event_without_actor_that_says_how_late_the_hazard_is(hazard):
    escalate_overdue(today=datetime.date(2024, 7, 7))
    letter = hazard.events.get(step="letter")
    assert letter.kind == EventKind.ESCALATION and letter.actor is None
    assert letter.comment == "已逾期7天（整改期限2024-06-30），安委办发出督办函。"
    assert hazard.events.get(step="notice").comment.startswith("已逾期7天")


def test_a_second_run_adds_nothing_and_a_later_one_only_the_new_step(hazard):
    assert len(escalate_overdue(today=datetime.date(2024, 7, 8))) == 2
    assert escalate_overdue(today=datetime.date(2024, 7, 8)) == []
    assert [e.step for e in escalate_overdue(today=datetime.date(2024, 8, 1))] == ["bulletin"]
    assert HazardEvent.objects.filter(hazard=hazard, kind=EventKind.ESCALATION).count() == 3


def test_closed_hazards_are_not_escalated_but_every_open_state_is(db):
    closed = HazardFactory(status=HazardStatus.CLOSED, deadline=DEADLINE)
    pending = HazardFactory(status=HazardStatus.PENDING, deadline=DEADLINE)
    verifying = HazardFactory(status=HazardStatus.VERIFYING, deadline=DEADLINE)
    not_yet = HazardFactory(status=HazardStatus.RECTIFYING, deadline=datetime.date(2024, 7, 10))
    escalate_overdue(today=datetime.date(2024, 7, 2))
    assert steps_of(closed) == [] and steps_of(not_yet) == []
    assert steps_of(pending) == ["notice"] and steps_of(verifying) == ["notice"]


def test_the_signal_goes_once_per_created_event_after_commit(hazard, django_capture_on_commit_callbacks):
    received = []

    def listener(sender, event, **kwargs):
        received.append((event.pk, event.hazard.number, event.step))

    hazard_event_committed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            created = escalate_overdue(today=datetime.date(2024, 7, 7))
        assert received == []  # nothing before the commit
        for callback in callbacks:
            callback()
        with django_capture_on_commit_callbacks(execute=True):
            escalate_overdue(today=datetime.date(2024, 7, 7))
    finally:
        hazard_event_committed.disconnect(listener)
    assert received == [(e.pk, hazard.number, e.step) for e in created]
    assert [step for _pk, _n, step in received] == ["notice", "letter"]


def test_the_sweep_takes_the_same_number_of_queries_for_10_or_100_hazards(db):
    counts = []
    for number, today in [(10, datetime.date(2024, 7, 2)), (90, datetime.date(2024, 7, 9))]:
        HazardFactory.create_batch(number, status=HazardStatus.RECTIFYING, deadline=DEADLINE)
        with CaptureQueriesContext(connection) as queries:
            escalate_overdue(today=today)
        counts.append(len(queries))
    assert HazardEvent.objects.filter(step="letter").count() == 100
    assert counts[0] == counts[1]


@pytest.mark.parametrize(("moment", "steps"), [("2024-06-30 23:59 +0800", []), ("2024-07-01 00:01 +0800", ["notice"])])
def test_the_task_and_the_command_use_the_countys_date(hazard, moment, steps):
    out = io.StringIO()
    with time_machine.travel(moment, tick=False):
        assert escalate_overdue_hazards() == len(steps)
        call_command("escalate_hazards", stdout=out)
    assert steps_of(hazard) == steps
    assert out.getvalue().strip().endswith("新增逾期督促记录0条。")


def test_the_sweep_is_in_the_beat_schedule_from_before_office_hours_and_hourly_after():
    from config.celery import app

    entry = app.conf.beat_schedule["escalate-overdue-hazards"]
    assert entry["task"] == escalate_overdue_hazards.name == "hazards.tasks.escalate_overdue_hazards"
    assert min(entry["schedule"].hour) == 7 and len(entry["schedule"].hour) > 1 and entry["schedule"].minute == {30}
    assert entry["options"]["expires"] < 3600
