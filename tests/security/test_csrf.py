"""Every form and every write: a POST without the CSRF token is refused with 403, signed in or not."""

import pytest
from django.test import Client

from .urlwalk import all_routes

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("route", all_routes(), ids=lambda route: route.name)
def test_a_post_without_the_csrf_token_is_refused(person, route):
    client = Client(enforce_csrf_checks=True)
    client.force_login(person("county_admin"))
    response = client.post(route.url, {"name": "x"})
    assert response.status_code == 403, route.url
