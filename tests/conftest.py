import io

import pgtrigger
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from pghistory.models import Context
from pytest_django.plugin import blocking_manager_key
from rest_framework.test import APIClient

from core.models import User
from demo.loader import DemoLoader


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database is built from the models (`--no-migrations` in pyproject: applying the migrations one by
    one takes four minutes; CI's `make run` applies them, tests/core/test_migrations.py checks they match the
    models), then given the triggers the migrations install: history tracking and append-only history.
    It holds what `make run` loads: the divisions (a migration), the 2024 plan, the demo."""
    with django_db_blocker.unblock():
        Context.install_pgh_attach_context_func()
        pgtrigger.install()
        load_reference_data()
        REFERENCE_SNAPSHOT.update(reference_data_copy())


# Reference data that migrations seed: the test database is built without its migrations, so they are run here.
SEEDING_MIGRATIONS = [
    ("hazards.migrations.0002_problem_lists", "seed"),
    ("hazards.migrations.0003_self_inspection", "seed_checklists"),
    ("notifications.migrations.0002_default_rules", "seed"),
    ("notifications.migrations.0003_report_and_extension_rules", "seed"),
    ("disasters.migrations.0002_readiness", "seed_rules"),
    ("inspections.migrations.0002_checklists", "seed"),
    ("responsibilities.migrations.0002_duties", "seed_rules"),
    ("dashboards.migrations.0001_ranking", "seed"),
]


def load_reference_data():
    import importlib

    from django.apps import apps

    from core.divisions import load_divisions
    from core.models import OrgUnit

    load_divisions(OrgUnit)
    for module, function in SEEDING_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, None)
    call_command("load_plan", year=2024, verbosity=0)
    DemoLoader(with_work=False).load()  # units, accounts, enterprises; tests make their own measures


# Table name -> its rows in COPY text, taken once the session's reference data is loaded.
REFERENCE_SNAPSHOT = {}


def reference_data_copy():
    copies = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            rows = io.StringIO()
            cursor.copy_expert(f'COPY "{table}" TO STDOUT', rows)
            if rows.tell():
                copies[table] = rows.getvalue()
    return copies


def reference_data_restore():
    """Puts back the session's reference rows, history included, as they were: loading them again took seconds
    per test. Triggers and foreign-key checks are off while the rows go in (the copy is whole and consistent),
    and the content types and permissions the flush re-created are replaced by the copied ones."""
    tables = ", ".join(f'"{table}"' for table in REFERENCE_SNAPSHOT)
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        try:
            cursor.execute(f"TRUNCATE {tables} CASCADE")
            for table, rows in REFERENCE_SNAPSHOT.items():
                cursor.copy_expert(f'COPY "{table}" FROM STDIN', io.StringIO(rows))
        finally:
            cursor.execute("SET session_replication_role = DEFAULT")
    ContentType.objects.clear_cache()


def _commits(item):
    """Whether the test ran outside a rolled-back transaction, so that pytest-django emptied the tables after it."""
    marker = item.get_closest_marker("django_db")
    uses = set(getattr(item, "fixturenames", ()))
    return bool(uses & {"transactional_db", "live_server"}) or bool(marker and marker.kwargs.get("transaction"))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a test that commits, the reference rows go back at once: the next test in this process may be any
    test (pytest-xdist hands each process whole files, their committing tests among the rest)."""
    yield
    if _commits(item) and REFERENCE_SNAPSHOT:
        with item.config.stash[blocking_manager_key].unblock():
            reference_data_restore()


@pytest.fixture
def loaded_transactional_db(transactional_db):
    """For tests that commit (live server, Celery): the reference rows are there, as for every test."""


@pytest.fixture
def demo_user(db):
    return lambda username: User.objects.get(username=username)


@pytest.fixture
def api_as(demo_user):
    """An API client signed in as a demo account (session auth)."""

    def make(username):
        client = APIClient()
        client.force_authenticate(demo_user(username))
        return client

    return make


@pytest.fixture
def web_as(client, demo_user):
    def make(username):
        client.force_login(demo_user(username))
        return client

    return make
