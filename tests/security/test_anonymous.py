"""Nobody signed in reaches anything but the public pages: a page sends them to the login, the API answers 401."""

import pytest

from .tables import PUBLIC, PUBLIC_METHODS
from .urlwalk import all_routes

pytestmark = pytest.mark.django_db

PRIVATE = [route for route in all_routes() if route.name not in PUBLIC]


@pytest.mark.parametrize("route", PRIVATE, ids=lambda route: route.name)
def test_anonymous_get_is_refused(client, route):
    if "GET" in PUBLIC_METHODS.get(route.name, ()):
        return
    response = client.get(route.url)
    if route.is_api:
        assert response.status_code == 401, route.url
    else:
        assert response.status_code == 302, route.url
        assert response["Location"].startswith("/login/"), route.url


@pytest.mark.parametrize("route", PRIVATE, ids=lambda route: route.name)
def test_anonymous_post_is_refused(client, route):
    if "POST" in PUBLIC_METHODS.get(route.name, ()):
        return
    response = client.post(route.url, {})
    if route.is_api:
        assert response.status_code == 401, route.url
    else:
        assert response.status_code == 302, route.url
        assert response["Location"].startswith("/login/"), route.url


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_public_pages_answer_without_login(client, name):
    route = next((route for route in all_routes() if route.name == name), None)
    assert route is not None, f"{name} is listed as public but no longer exists"
    if name in PUBLIC_WITH_SAMPLE_MISSING:
        return
    response = client.get(route.url)
    assert response.status_code in (200, 302, 405), route.url
    if response.status_code == 302:
        assert not response["Location"].startswith("/login/"), route.url


# Public routes whose sample address names a row that does not exist (a board token, a captcha key): 404 is right.
PUBLIC_WITH_SAMPLE_MISSING = {
    "public-board",
    "public-risk-board",
    "captcha-image",
    "captcha-image-2x",
    "captcha-audio",
    "captcha-refresh",
}
