import pytest
from django.db import connection

from core.backup import backup_create, backup_restore
from tests.faults.services import Portal, PrivatePostgres, PrivateRedis


@pytest.fixture(scope="module")
def portal(django_db_setup, django_db_blocker, tmp_path_factory):
    """The portal on its own PostgreSQL and Redis, holding what the test database holds (the divisions, the 2024
    plan, the demo's units, accounts and enterprises), copied with the backup tools."""
    root = tmp_path_factory.mktemp("faults")
    postgres = PrivatePostgres(root)
    redis = PrivateRedis(root)
    with django_db_blocker.unblock():
        copy = backup_create(db=connection.settings_dict, media_root=root / "no-media", backup_dir=root / "copy")
    backup_restore(path=copy, db=postgres.settings, media_root=root / "media")
    portal = Portal(root, postgres, redis)
    yield portal
    portal.stop()
    redis.stop()
    postgres.cleanup()


@pytest.fixture
def show_logs_on_failure(portal, request):
    yield
    if getattr(request.node, "rep_call", None) and request.node.rep_call.failed:
        print("--- web log ---\n" + portal.web.tail())


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
