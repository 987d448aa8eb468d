import pytest
from django.db import transaction

from core.models import User
from demo.loader import DemoLoader


@pytest.fixture(scope="module")
def demo_work(django_db_setup, django_db_blocker):
    """The demo's records of every kind in 桂溪街道 and 沙坪镇, loaded once per module and rolled back after it;
    each test runs in a savepoint inside, as usual."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            DemoLoader(with_work=True).load()
            yield
            transaction.set_rollback(True)


@pytest.fixture
def person(db):
    return lambda username: User.objects.get(username=username)
