"""Reminders through the real Redis broker and real Celery worker processes (not eager mode): each message is
created once and sent once whatever runs twice, races or is killed; and the escalation ladder's messages
come on their days."""

import datetime
import os
import signal
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from config.celery import app
from notifications.models import Notification, Reminder
from notifications.sweep import reminder_sweep_due
from notifications.tasks import FAN_OUT, enqueue, queue_sends, send_reminder, sweep_reminders
from tests.tasks.factories import MeasureFactory

ROOT = Path(__file__).resolve().parents[2]
DAY = datetime.timedelta(days=1)


@pytest.fixture
def private_queue():
    """A queue of our own: another worker on the same Redis won't take its tasks. Emptied afterwards."""
    queue = f"test-{uuid.uuid4().hex[:8]}"
    yield queue
    with app.connection_for_write() as broker:
        broker.default_channel.queue_purge(queue)
        broker.default_channel.client.delete(f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")


def database_url():
    """The test database, for the worker processes (they must see what the test commits)."""
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    host = quote(db["HOST"] or "", safe="")
    return f"postgres://{quote(db['USER'], safe='')}{password}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


@contextmanager
def celery_worker(queue, log_path, **env):
    """`celery worker` as a process of its own on `queue`; killed when the block ends, whatever happened."""
    environment = os.environ | {"DATABASE_URL": database_url(), "REDIS_URL": settings.REDIS_URL}
    environment |= {"REMINDER_QUEUE": queue} | env
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "--concurrency=1"]
    command += ["-Q", queue, "-n", f"{uuid.uuid4().hex[:8]}@%h", "--without-gossip", "--without-mingle", "-l", "INFO"]
    with open(log_path, "ab") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT)
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


def wait_for(condition, *, seconds, what, log_path=None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    log = log_path.read_text(errors="replace")[-4000:] if log_path and log_path.exists() else ""
    pytest.fail(f"waited {seconds} s for {what}\n{log}")


def all_sent(count):
    return lambda: Reminder.objects.filter(status="sent").count() == count


def sweeps_waiting_to_insert():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")  # the view is read once per transaction otherwise
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND query LIKE %s",
            [f"INSERT INTO {Reminder._meta.db_table}%"],
        )
        return cursor.fetchone()[0]


def one_each(rows):
    """(record, step, recipient) of every row, asserting no triple occurs twice."""
    triples = list(rows.values_list("object_id", "offset", "recipient__username"))
    assert len(triples) == len(set(triples))
    return set(triples)


@pytest.mark.django_db(transaction=True)
def test_a_measure_due_in_3_days_gives_one_reminder_per_recipient_per_step_when_two_beats_sweep_at_once(
    loaded_transactional_db, private_queue, tmp_path
):
    today = timezone.localdate()
    # Starting tomorrow, it owes no progress report today: at a period's end that would be a reminder more.
    due = MeasureFactory(start_date=today + DAY, deadline=today + 3 * DAY)
    overdue = MeasureFactory(deadline=today - DAY)  # a second step, for four people
    expected = {(due.pk, -3, "gx_staff")} | {
        (overdue.pk, 1, name) for name in ("gx_staff", "gx_head", "yjj_head", "yjj_staff")
    }
    log = tmp_path / "workers.log"
    with celery_worker(private_queue, log), celery_worker(private_queue, log):
        # The table lock holds both sweeps at their INSERT, so they insert at the same moment when it is released.
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {Reminder._meta.db_table} IN SHARE MODE")
            beats = [sweep_reminders.apply_async(queue=private_queue) for _ in range(2)]
            wait_for(lambda: sweeps_waiting_to_insert() == 2, seconds=60, what="two sweeps at once", log_path=log)
        assert sorted(beat.get(timeout=30) for beat in beats) == [0, len(expected)]
        assert sweep_reminders.apply_async(queue=private_queue).get(timeout=30) == 0  # and a re-run sweep
        wait_for(all_sent(len(expected)), seconds=30, what="the sends", log_path=log)
    assert one_each(Reminder.objects.all()) == expected
    notified = Notification.objects.values_list("object_id", "reminder__offset", "recipient__username")
    assert sorted(notified) == sorted(expected)


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_in_the_middle_of_sending_leaves_each_message_sent_exactly_once_after_restart(
    loaded_transactional_db, private_queue, tmp_path, settings
):
    settings.REMINDER_QUEUE = private_queue
    MeasureFactory(deadline=timezone.localdate() - DAY)  # four reminders
    log = tmp_path / "workers.log"
    blocking = {"DJANGO_SETTINGS_MODULE": "tests.notifications.worker_settings", "BLOCKING_CHANNEL_DIR": str(tmp_path)}
    (tmp_path / "block").touch()
    with celery_worker(private_queue, log, **blocking) as first:
        created = reminder_sweep_due(today=timezone.localdate())  # queued on commit
        wait_for(lambda: any(tmp_path.glob("inside-*")), seconds=60, what="a send to start", log_path=log)
        first.send_signal(signal.SIGKILL)
        assert first.wait(timeout=10) == -signal.SIGKILL
    [inside] = tmp_path.glob("inside-*")
    killed = int(inside.name.removeprefix("inside-"))
    # Its transaction died with it: nothing of the half-sent message is visible.
    assert Reminder.objects.get(pk=killed).status == "pending"
    assert not Notification.objects.filter(reminder_id=killed).exists()
    (tmp_path / "block").unlink()
    with celery_worker(private_queue, log, **blocking):
        wait_for(all_sent(len(created)), seconds=60, what="the sends after the restart", log_path=log)
        again = [send_reminder.apply_async((pk,), queue=private_queue) for pk in created]  # a requeue
        assert {result.get(timeout=30) for result in again} == {"already"}
    assert len(created) == 4
    for pk in created:
        assert Notification.objects.filter(reminder_id=pk).count() == 1


def test_an_overdue_hazard_climbs_the_escalation_ladder_on_the_right_days(
    db, django_capture_on_commit_callbacks, private_queue, settings
):
    from hazards.tasks import escalate_overdue_hazards
    from tests.hazards.factories import HazardFactory

    settings.REMINDER_QUEUE = private_queue
    settings.HAZARD_LETTER_DAYS, settings.HAZARD_BULLETIN_DAYS = 7, 30
    deadline = datetime.date(2024, 6, 30)
    hazard = HazardFactory(status="rectifying", deadline=deadline)
    ladder = {0: set(), 1: {1}, 6: set(), 7: {2}, 29: set(), 30: {3}}  # days after the deadline: new steps
    rows = Reminder.objects.filter(source="hazard_escalation", object_id=hazard.pk)
    for days, steps in ladder.items():
        morning = datetime.datetime.combine(deadline + days * DAY, datetime.time(7, 30), ZoneInfo(settings.TIME_ZONE))
        with time_machine.travel(morning, tick=False):
            for _beat in range(2):  # a second beat the same day adds nothing
                with django_capture_on_commit_callbacks(execute=True):
                    escalate_overdue_hazards()
            today = timezone.localdate()
        sent_today = set(rows.filter(created_at__date=today).values_list("offset", flat=True))
        assert sent_today == steps, f"day {days}"
    assert one_each(rows) == {
        (hazard.pk, step, name) for step in (1, 2, 3) for name in ("gx_head", "yjj_head", "county_admin")
    }


def queued(queue):
    """(task name, first argument) of every message waiting on `queue`, taken off it."""
    found = []
    with app.connection_for_read() as broker, broker.SimpleQueue(queue) as waiting:
        while True:
            try:
                message = waiting.get(block=False)
            except waiting.Empty:
                return found
            found.append((message.headers["task"], message.payload[0][0]))
            message.ack()


def test_a_big_sweep_queues_its_sends_through_fan_out_tasks(private_queue, settings, db):
    settings.REMINDER_QUEUE = private_queue
    ids = list(range(1, 2 * FAN_OUT + 2))
    enqueue(ids)
    chunks = queued(private_queue)
    assert [(name, len(chunk)) for name, chunk in chunks] == [("notifications.queue_sends", FAN_OUT)] * 2 + [
        ("notifications.queue_sends", 1)
    ]
    assert [pk for _name, chunk in chunks for pk in chunk] == ids
    queue_sends(chunks[0][1])  # what a worker does with the first
    assert queued(private_queue) == [("notifications.send_reminder", pk) for pk in ids[:FAN_OUT]]
