"""API fuzzing: schemathesis generates requests from the whole OpenAPI schema and sends them to the portal
in-process (WSGI), signed in with API tokens of three roles; no answer may be a 5xx or break the schema.

The county office, which may write everywhere, gets schemathesis's coverage phase too (every boundary value
and unexpected method of every operation, nine tenths of the run's time); the township worker and the
read-only leader get the schema's examples and FUZZ_EXAMPLES generated cases per operation (default 5)."""

import os

import hypothesis
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from core.api_tokens import api_token_issue
from core.models import User

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "5"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# The county office (writes everywhere); a township worker (writes in 桂溪街道), the county leader (reads only).
WIDEST_ROLE = [("county_admin", False)]
SCOPED_ROLES = [("gx_staff", False), ("county_leader", True)]

APP = get_wsgi_application()
RAW_SCHEMA = SchemaGenerator().get_schema(request=None, public=True)
schema = schemathesis.openapi.from_dict(RAW_SCHEMA)
schema_without_coverage = schemathesis.openapi.from_dict(
    RAW_SCHEMA, config=SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": False}}})
)
HYPOTHESIS_SETTINGS = hypothesis.settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(hypothesis.HealthCheck),
    phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
)


@pytest.fixture(scope="module", autouse=True)
def keep_the_test_connection():
    """The WSGI handler closes the database connection after each request; the test's transaction lives on it
    (Django's test Client disconnects the same signal)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _token(username, read_only, django_db_blocker):
    with django_db_blocker.unblock():
        admin = User.objects.get(username="county_admin")
        _token, key = api_token_issue(
            actor=admin, user=User.objects.get(username=username), name="fuzz", read_only=read_only
        )
    return key


@pytest.fixture(scope="module", params=WIDEST_ROLE, ids=[username for username, _read_only in WIDEST_ROLE])
def widest_token(request, demo_work, django_db_blocker):
    return _token(*request.param, django_db_blocker)


@pytest.fixture(scope="module", params=SCOPED_ROLES, ids=[username for username, _read_only in SCOPED_ROLES])
def scoped_token(request, demo_work, django_db_blocker):
    return _token(*request.param, django_db_blocker)


@schema.parametrize()
@HYPOTHESIS_SETTINGS
def test_no_server_error_and_every_answer_fits_the_schema(case, widest_token):
    case.call_and_validate(app=APP, headers={"Authorization": f"Token {widest_token}"}, checks=CHECKS)


@schema_without_coverage.parametrize()
@HYPOTHESIS_SETTINGS
def test_no_server_error_and_every_answer_fits_the_schema_within_a_unit_or_read_only(case, scoped_token):
    case.call_and_validate(app=APP, headers={"Authorization": f"Token {scoped_token}"}, checks=CHECKS)
