"""Redis stopped: pages, sign-in and the API keep working; what was to be sent waits in the ledger and goes out once
when Redis is back, and the reminder sweep the beat could not deliver catches up its missed day. A worker killed
mid-task: the task is handed to another worker and finishes once."""

import time

import pytest
import requests

from tests.faults.services import wait_until

pytestmark = [pytest.mark.faults, pytest.mark.django_db]  # django_db: see test_postgres_restart

SEED = """
import datetime
from django.utils import timezone
from notifications.models import SweepDay
from tests.tasks.factories import MeasureFactory
today = timezone.localdate()
SweepDay.objects.create(day=today - datetime.timedelta(days=2))  # the beat last reached a worker two days ago
print(MeasureFactory(deadline=today + datetime.timedelta(days=2)).pk)  # "3 days before" was yesterday: missed
"""


def _count(portal, sql, *params):
    return portal.postgres.query(sql, params)[0][0]


def test_with_redis_stopped_the_portal_works_and_reminders_go_out_once_when_it_is_back(portal, show_logs_on_failure):
    measure_id = int(portal.shell(SEED))
    admin, api, web = portal.api("county_admin"), portal.api("gx_staff"), portal.signed_in("gx_staff")
    [(township_id,)] = portal.postgres.query("SELECT id FROM core_orgunit WHERE name = '桂溪街道'")

    portal.redis.stop()
    try:
        started = time.monotonic()
        for path in ["/", "/hazards/", "/dashboard/", "/notifications/"]:
            assert web.get(portal.url(path), timeout=20).status_code == 200, path
        assert portal.signed_in("gx_head").get(portal.url("/hazards/")).status_code == 200  # a new sign-in
        assert api.get(portal.url("/api/v1/hazards/"), timeout=20).status_code == 200
        assert web.get(portal.url("/report/"), timeout=20).status_code == 200
        citizen = requests.post(  # the public report's rate limit counts in Redis: it lets the report through
            portal.url("/api/v1/public-reports/"),
            json={
                "description": "故障测试：路边电线杆倾斜，随时可能倒下",
                "place": "桂溪街道人民路",
                "township": township_id,
            },
            timeout=20,
        )
        assert citizen.status_code == 201, citizen.text
        issued = admin.post(
            portal.url("/api/v1/warnings/"),
            json={"type": "geological", "level": "orange", "text": "故障测试预警", "townships": [township_id]},
            timeout=20,
        )
        assert issued.status_code == 201, issued.text
        assert time.monotonic() - started < 60  # nothing hung waiting for Redis
    finally:
        portal.redis.start()
    warning_id = issued.json()["id"]
    announced = "FROM notifications_reminder WHERE source = 'warning_issued' AND object_id = %s"
    assert _count(portal, f"SELECT count(*) {announced} AND status = 'pending'", warning_id) > 0  # waiting, not lost

    worker = portal.worker("after-outage")
    try:
        # The outage lasted: the pending rows are older than requeue_stuck's wait (the beat runs it every 10 min).
        portal.postgres.query(
            "UPDATE notifications_reminder SET created_at = created_at - interval '20 minutes' "
            "WHERE status = 'pending' RETURNING id"
        )
        beat = (
            "from notifications.tasks import requeue_stuck, sweep_reminders; "
            "requeue_stuck.delay(); sweep_reminders.delay(); print('ok')"
        )
        portal.shell(beat)
        missed = "FROM notifications_reminder WHERE source = 'measure' AND object_id = %s AND \"offset\" = -3"
        wait_until(
            lambda: _count(portal, f"SELECT count(*) {missed} AND status = 'sent'", measure_id) == 1, 60, "catch-up"
        )
        wait_until(
            lambda: _count(portal, f"SELECT count(*) {announced} AND status <> 'sent'", warning_id) == 0, 60, "sent"
        )
        portal.shell(beat)  # the beat again, as it will be in an hour: nothing is sent twice
        time.sleep(5)
    finally:
        worker.stop()
    sent = _count(portal, f"SELECT count(*) {announced}", warning_id)
    inbox = _count(
        portal,
        "SELECT count(*) FROM notifications_notification n JOIN notifications_reminder r ON r.id = n.reminder_id "
        "WHERE r.source = 'warning_issued' AND r.object_id = %s",
        warning_id,
    )
    assert inbox == sent  # one message per ledger row: none lost, none doubled
    assert _count(portal, f"SELECT count(*) {missed}", measure_id) == 1


def test_a_worker_killed_mid_task_hands_it_to_another_that_finishes_it_once(portal, show_logs_on_failure):
    bulletin_id = int(
        portal.shell(
            "import datetime; from core.models import User; from dashboards.bulletin_services import bulletin_request; "
            "print(bulletin_request(actor=User.objects.get(username='county_admin'), kind='monthly', "
            "period_start=datetime.date(2024, 6, 1)).pk)"
        )
    )
    state = "SELECT status, attempts, docx, pdf FROM dashboards_bulletin WHERE id = %s"
    first = portal.worker("doomed")
    try:
        wait_until(lambda: portal.postgres.query(state, (bulletin_id,))[0][0] == "running", 60, "the run starts")
    finally:
        first.kill()  # SIGKILL, pool and all: the message was never acknowledged
    assert portal.postgres.query(state, (bulletin_id,))[0][0] == "running"  # killed mid-run, not finished

    second = portal.worker("survivor")
    try:
        wait_until(lambda: portal.postgres.query(state, (bulletin_id,))[0][0] == "done", 90, "another worker finishes")
    finally:
        second.stop()
    status, attempts, docx, pdf = portal.postgres.query(state, (bulletin_id,))[0]
    assert (status, attempts) == ("done", 2)
    assert (portal.root / "media" / docx).stat().st_size > 0 and (portal.root / "media" / pdf).read_bytes()[
        :4
    ] == b"%PDF"
