"""The API's list endpoints against the bare SQL of the same page (see bench/README.md), on the data set of
bench/dashboard.py: each endpoint's first page as the county leader, through the whole Django stack, beside
the SELECTs it ran, run alone on a raw cursor.

    DATABASE_URL=postgres://… REDIS_URL=redis://… python bench/list_endpoints.py [--keep] [--reuse]
"""

import statistics
import sys
import time

from common import admin, bench_database_url, setup_django

RUNS = 20
ENDPOINTS = [
    "/api/v1/hazards/",
    "/api/v1/measures/",
    "/api/v1/progress-reports/",
    "/api/v1/patrols/",
    "/api/v1/risk-points/",
    "/api/v1/enterprises/",
    "/api/v1/warnings/",
    "/api/v1/inspections/",
]


def median_ms(times):
    return statistics.median(times) * 1000


def time_endpoint(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # warm
    api = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = client.get(path)
        api.append(time.perf_counter() - started)
        assert response.status_code == 200, (path, response.status_code)
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    statements = [q["sql"] for q in captured.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]
    bare = []
    for _ in range(RUNS):
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                cursor.fetchall()
        bare.append(time.perf_counter() - started)
    return median_ms(api), median_ms(bare), len(statements)


def measure():
    from django.test import Client

    from core.models import User

    client = Client()
    client.force_login(User.objects.get(username="county_leader"))
    for path in ENDPOINTS:
        api, bare, statements = time_endpoint(client, path)
        figures = f"API median {api:.1f} ms; bare SQL ({statements} statements) {bare:.1f} ms"
        print(f"{path}: {figures}; ratio {api / bare:.1f}×")


def main():
    caller_url, url, name = bench_database_url()
    reuse = "--reuse" in sys.argv
    if not reuse:
        admin(caller_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin(caller_url, f'CREATE DATABASE "{name}"')
    try:
        setup_django(url, ALLOWED_HOSTS="testserver,localhost")
        from dashboard import seed
        from django.core.management import call_command
        from django.db import connections
        from django.utils import timezone

        try:
            if reuse:
                call_command("migrate", verbosity=0)
            else:
                seed(timezone.localdate())
            measure()
        finally:
            connections.close_all()
    finally:
        if "--keep" not in sys.argv:
            admin(caller_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
