"""An external system with a read-only token reads the dashboard endpoints and cannot write."""

import pytest
from rest_framework.test import APIClient

from core.api_tokens import api_token_issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def read_only_client(demo_user):
    _token, key = api_token_issue(
        actor=demo_user("county_admin"), user=demo_user("api_client"), name="市数字应急平台同步", read_only=True
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.mark.parametrize(
    "path", ["/api/v1/dashboard/summary/", "/api/v1/dashboard/trend/", "/api/v1/dashboard/ranking/?period=2024-05"]
)
def test_a_read_only_token_reads_the_dashboard(read_only_client, path):
    response = read_only_client.get(path)
    assert response.status_code == 200, response.content[:300]


def test_a_read_only_token_cannot_write(read_only_client):
    response = read_only_client.post("/api/v1/hazards/", {"title": "配电箱未接地"}, format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "token_read_only"


def test_the_dashboard_refuses_a_request_without_a_token():
    assert APIClient().get("/api/v1/dashboard/summary/").status_code == 401
