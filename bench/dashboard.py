"""The dashboard summary at county scale (see bench/README.md): 10 years, 30 units, 100,000 hazards,
1,000,000 progress reports and 1,000,000 patrols; prints the median and p95 of /api/v1/dashboard/summary/
beside those of the bare SQL it runs.

    DATABASE_URL=postgres://… REDIS_URL=redis://… python bench/dashboard.py

Everything happens in a throwaway database, `<your database>_bench`, created, filled and dropped here.
"""

import datetime
import random
import statistics
import sys
import time
from decimal import Decimal

from common import admin, bench_database_url, copy_rows, setup_django

YEARS = 10
HAZARDS = 100_000
MEASURES_PER_YEAR = 2_000
REPORTS_PER_MEASURE = 50  # weekly reports: 2,000 × 50 × 10 years = 1,000,000
RISK_POINTS = 600
PATROLS = 1_000_000
RUNS = 30


def units():
    """30 units: the first 20 townships and 10 county departments (the demo's)."""
    from core.choices import OrgUnitKind
    from core.models import OrgUnit

    townships = list(OrgUnit.objects.filter(kind=OrgUnitKind.TOWNSHIP).order_by("sort_order", "pk")[:20])
    departments = list(OrgUnit.objects.filter(kind=OrgUnitKind.DEPARTMENT).order_by("sort_order", "pk")[:10])
    return townships, departments


def plans(today):
    """The 2024 plan copied to the other nine years up to this one (its structure, without measures)."""
    from core.models import User
    from tasks.models import Measure, Plan
    from tasks.plan_copy import plan_copy

    source = Plan.objects.get(year=2024)
    Measure.objects.filter(plan=source).delete()
    admin_user = User.objects.get(username="county_admin")
    years = range(today.year - YEARS + 1, today.year + 1)
    for year in years:
        if year != 2024:
            plan_copy(actor=admin_user, source=source, year=year)
    return list(Plan.objects.filter(year__in=years).order_by("year"))


def copy_measures(plan_list, townships, departments, rng):
    from core.models import User
    from tasks.models import Measure, ProgressReport

    admin_user = User.objects.get(username="county_admin")
    owners = townships + departments
    measure_rows = []
    for plan in plan_list:
        items = list(plan.work_items.values_list("pk", flat=True))
        start = datetime.date(plan.year, 1, 1)
        for n in range(MEASURES_PER_YEAR):
            deadline = start + datetime.timedelta(days=rng.randint(120, 364))
            owner = owners[n % len(owners)]
            measure_rows.append(
                (
                    plan.pk,
                    items[n % len(items)],
                    owners[n % len(owners)].pk,
                    departments[n % 10].pk,
                    start,
                    deadline,
                    deadline,
                    f"基准措施{plan.year}-{n}",
                )
            )
            del owner
    template = Measure(
        title="",
        start_date=datetime.date(2024, 1, 1),
        deadline=datetime.date(2024, 12, 31),
        original_deadline=datetime.date(2024, 12, 31),
        frequency="weekly",
        created_by=admin_user,
        lead_unit_id=departments[0].pk,
        owner_unit_id=townships[0].pk,
        plan=plan_list[0],
    )
    varying = [
        "plan_id",
        "work_item_id",
        "owner_unit_id",
        "lead_unit_id",
        "start_date",
        "deadline",
        "original_deadline",
        "title",
    ]
    copy_rows(Measure, template, varying, measure_rows)
    measures = list(Measure.objects.values_list("pk", "owner_unit_id", "start_date"))
    zone = datetime.timezone(datetime.timedelta(hours=8))

    def reports():
        for pk, owner, start in measures:
            done = 0
            for week in range(REPORTS_PER_MEASURE):
                day = start + datetime.timedelta(weeks=week)
                done = min(100, done + rng.randint(0, 4))
                sent = datetime.datetime.combine(day + datetime.timedelta(days=6), datetime.time(10), zone)
                yield (pk, owner, day, Decimal(done), sent, sent + datetime.timedelta(days=1))

    report = ProgressReport(
        done_text="按计划推进",
        status="approved",
        created_by=admin_user,
        reviewed_by=admin_user,
        unit_id=townships[0].pk,
        measure_id=measures[0][0],
        period_start=datetime.date(2024, 1, 1),
    )
    count = copy_rows(
        ProgressReport,
        report,
        ["measure_id", "unit_id", "period_start", "percent", "submitted_at", "reviewed_at"],
        reports(),
    )
    return len(measure_rows), count


def copy_hazards(townships, departments, today, rng):
    from core.choices import Sector
    from hazards.models import Hazard, ProblemList

    first = today.replace(year=today.year - YEARS + 1, month=1, day=1)
    span = (today - first).days
    sectors = [s for s, _label in Sector.choices]
    zone = datetime.timezone(datetime.timedelta(hours=8))

    def rows():
        for n in range(HAZARDS):
            found = first + datetime.timedelta(days=rng.randint(0, span))
            deadline = found + datetime.timedelta(days=30)
            closed_on = found + datetime.timedelta(days=rng.randint(3, 90))
            is_open = closed_on > today or rng.random() < 0.03
            closed = None if is_open else datetime.datetime.combine(closed_on, datetime.time(16), zone)
            level = "major" if rng.random() < 0.02 else "general"
            yield (
                f"B{n:08d}",
                townships[n % 20].pk,
                departments[n % 10].pk,
                sectors[n % len(sectors)],
                level,
                found,
                deadline,
                "rectifying" if is_open else "closed",
                closed,
            )

    template = Hazard(
        title="基准测试隐患",
        sector=sectors[0],
        level="general",
        source="dept_check",
        problem_list=ProblemList.objects.get(code="safety"),
        territory_id=townships[0].pk,
        found_on=today,
        deadline=today,
        status="rectifying",
    )
    varying = [
        "number",
        "territory_id",
        "supervising_department_id",
        "sector",
        "level",
        "found_on",
        "deadline",
        "status",
        "closed_at",
    ]
    return copy_rows(Hazard, template, varying, rows())


def copy_patrols(townships, today, rng):
    from core.models import User
    from disasters.models import Patrol, RiskPoint

    admin_user = User.objects.get(username="county_admin")
    point = RiskPoint(
        name="基准隐患点",
        kind="landslide",
        longitude=Decimal("107.35"),
        latitude=Decimal("30.33"),
        state="monitoring",
        registered_by=admin_user,
        township_id=townships[0].pk,
    )
    copy_rows(
        RiskPoint, point, ["code", "township_id"], ((f"BP{n:05d}", townships[n % 20].pk) for n in range(RISK_POINTS))
    )
    points = list(RiskPoint.objects.values_list("pk", flat=True))
    first = datetime.datetime.combine(
        today.replace(year=today.year - YEARS + 1, month=1, day=1),
        datetime.time(9),
        datetime.timezone(datetime.timedelta(hours=8)),
    )
    seconds = int((datetime.datetime.now(first.tzinfo) - first).total_seconds())
    template = Patrol(kind="routine", patrolled_at=first, patroller=admin_user, risk_point_id=points[0])
    rows = (
        (points[n % len(points)], first + datetime.timedelta(seconds=rng.randint(0, seconds))) for n in range(PATROLS)
    )
    return copy_rows(Patrol, template, ["risk_point_id", "patrolled_at"], rows)


def seed(today):
    from django.core.management import call_command
    from django.db import connection

    from demo.loader import DemoLoader

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_plan", year=2024, verbosity=0)
    DemoLoader(with_work=False).load()
    rng = random.Random(2024)
    townships, departments = units()
    plan_list = plans(today)
    measures, reports = copy_measures(plan_list, townships, departments, rng)
    hazards = copy_hazards(townships, departments, today, rng)
    patrols = copy_patrols(townships, today, rng)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"seeded {len(plan_list)} plans, {measures:,} measures, {reports:,} progress reports, {hazards:,} hazards, "
        f"{patrols:,} patrols, 30 units in {time.perf_counter() - started:.0f} s"
    )


def percentiles(times):
    times = sorted(times)
    return statistics.median(times) * 1000, times[int(len(times) * 0.95) - 1] * 1000


def time_api(client, path):
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.content[:300]
    return percentiles(times)


def time_bare_sql(user, on):
    """The SQL the summary runs, captured once and then run alone on a raw cursor, fetching every row."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dashboards.figures import summary

    with CaptureQueriesContext(connection) as captured:
        summary(user=user, on=on)
    statements = [q["sql"] for q in captured.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                cursor.fetchall()
        times.append(time.perf_counter() - started)
    return percentiles(times), len(statements)


def measure():
    from django.test import Client
    from django.utils import timezone

    from core.models import User

    user = User.objects.get(username="county_leader")
    client = Client()
    client.force_login(user)
    today = timezone.localdate()
    for label, on in (("today", today), ("2024-06-30", datetime.date(2024, 6, 30))):
        client.get(f"/api/v1/dashboard/summary/?on={on}")  # warm the connection and the plan cache
        api_median, api_p95 = time_api(client, f"/api/v1/dashboard/summary/?on={on}")
        (sql_median, sql_p95), statements = time_bare_sql(user, on)
        print(
            f"summary ({label}): API median {api_median:.0f} ms, p95 {api_p95:.0f} ms; "
            f"bare SQL ({statements} statements) median {sql_median:.0f} ms, p95 {sql_p95:.0f} ms; "
            f"ratio {api_median / sql_median:.2f}×"
        )


def main():
    """`--keep` leaves the seeded database for the next run, `--reuse` measures one kept before."""
    caller_url, url, name = bench_database_url()
    reuse = "--reuse" in sys.argv
    if not reuse:
        admin(caller_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin(caller_url, f'CREATE DATABASE "{name}"')
    try:
        setup_django(url, ALLOWED_HOSTS="testserver,localhost")
        from django.db import connections
        from django.utils import timezone

        try:
            if not reuse:
                seed(timezone.localdate())
            measure()
        finally:
            connections.close_all()
    finally:
        if "--keep" not in sys.argv:
            admin(caller_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
