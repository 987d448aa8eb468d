import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from core.models import User
from demo.loader import DemoLoader


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds what `make run` loads: the divisions (a migration), the 2024 plan, the demo."""
    with django_db_blocker.unblock():
        load_reference_data()


# Reference data that migrations seed; a transactional test empties the tables, so they are run again.
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


@pytest.fixture
def loaded_transactional_db(transactional_db):
    """For tests that commit (live server, Celery): the database is emptied after each, so load it first."""
    load_reference_data()


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
