"""The reminder sweep against 1,000,000 open hazards of which 10,000 are due today (see bench/README.md).

    DATABASE_URL=postgres://… REDIS_URL=redis://… python bench/reminder_sweep.py

Everything happens in a throwaway database, `<your database>_bench` on the same server, which is created,
migrated, filled and dropped; the sends the sweep queues go to a private Redis queue that is deleted at the
end, so no worker ever sees them. The caller's database and queues are not touched.
"""

import time
import uuid
from datetime import timedelta

from common import admin, bench_database_url, copy_rows, setup_django

HAZARDS = 1_000_000
DUE_TODAY = 10_000
STAFF_PER_TOWNSHIP = 2


def township_staff():
    """Two staff in every township: the people the due-today rule (owner_staff) reminds."""
    from core.choices import OrgUnitKind, Role
    from core.models import Membership, OrgUnit, User

    townships = list(OrgUnit.objects.filter(kind=OrgUnitKind.TOWNSHIP).values_list("pk", flat=True))
    users = User.objects.bulk_create(
        User(username=f"bench{t}_{i}", password="!") for t in townships for i in range(STAFF_PER_TOWNSHIP)
    )
    Membership.objects.bulk_create(
        Membership(user=u, unit_id=townships[n // STAFF_PER_TOWNSHIP], role=Role.TOWNSHIP_STAFF)
        for n, u in enumerate(users)
    )
    return townships


def copy_hazards(townships, today):
    """COPY the hazards in chunks: DUE_TODAY due today, the rest on days no rule looks at (8+ days ahead)."""
    from django.db import connection

    from hazards.models import Hazard, ProblemList

    now = time.time()
    template = Hazard(
        title="基准测试隐患",
        sector="hazardous_chemicals",
        level="general",
        source="dept_check",
        problem_list=ProblemList.objects.get(code="safety"),
        territory_id=townships[0],
        found_on=today - timedelta(days=30),
        deadline=today,
        status="rectifying",
    )
    rows = (
        (f"B{n:08d}", townships[n % len(townships)], today if n < DUE_TODAY else today + timedelta(days=8 + n % 700))
        for n in range(HAZARDS)
    )
    copy_rows(Hazard, template, ["number", "territory_id", "deadline"], rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"{HAZARDS:,} open hazards ({DUE_TODAY:,} due today) loaded in {time.time() - now:.1f} s")


def timed_sweep(today, label):
    from notifications.sweep import reminder_sweep_due

    start = time.perf_counter()
    created = reminder_sweep_due(today=today)  # its sends are queued on commit, inside the timing
    print(f"{label}: {time.perf_counter() - start:.2f} s, {len(created):,} reminders created")
    return created


def delete_queue(queue):
    from config.celery import app

    with app.connection_for_write() as connection:
        channel = connection.default_channel
        channel.queue_purge(queue)
        channel.client.delete(f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")


def run(queue):
    from django.core.management import call_command
    from django.db import connections
    from django.utils import timezone

    try:
        call_command("migrate", verbosity=0)
        today = timezone.localdate()
        copy_hazards(township_staff(), today)
        first = timed_sweep(today, "first sweep")
        second = timed_sweep(today, "second sweep")
        assert first and not second, "the second sweep must create no rows"
    finally:
        delete_queue(queue)
        connections.close_all()


def main():
    caller_url, url, name = bench_database_url()
    admin(caller_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin(caller_url, f'CREATE DATABASE "{name}"')
    try:
        queue = f"bench-{uuid.uuid4().hex[:8]}"
        setup_django(url, REMINDER_QUEUE=queue, SECRET_KEY="reminder-sweep-bench-only")
        run(queue)
    finally:
        admin(caller_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
