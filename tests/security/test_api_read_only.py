"""县领导, auditors and API clients only read: every write the API offers answers 403 to them and changes nothing."""

import pytest
from django.apps import apps
from django.urls import reverse

from .api_routes import WRITE_METHODS, api_routes, basename_of
from .tables import API_MODELS, OWN_RECORD_WRITES, PUBLIC_METHODS

pytestmark = pytest.mark.django_db

READ_ONLY = ["county_leader", "auditor", "api_client"]
WRITES = sorted(
    (route.name, method)
    for route in api_routes().values()
    for method in route.methods & WRITE_METHODS
    if basename_of(route.name)
    and (route.name, method) not in OWN_RECORD_WRITES
    and method.upper() not in PUBLIC_METHODS.get(route.name, ())
)


def _url(route_name, detail, extra_args):
    kwargs = {}
    if detail:
        model_label, _reader = API_MODELS[basename_of(route_name)]
        row = apps.get_model(model_label).objects.order_by("pk").first()
        kwargs["pk"] = row.pk if row else 999999  # refused before the row is looked up
    kwargs.update({arg: 1 for arg in extra_args})
    return reverse(route_name, kwargs=kwargs)


@pytest.mark.parametrize("username", READ_ONLY)
@pytest.mark.parametrize(("route_name", "method"), WRITES, ids=[f"{n}-{m}" for n, m in WRITES])
def test_read_only_roles_are_refused_every_api_write(demo_work, api_as, username, route_name, method):
    route = api_routes()[route_name]
    url = _url(route_name, route.detail, route.extra_args)
    response = getattr(api_as(username), method)(url, {}, format="json")
    assert response.status_code == 403, (url, response.status_code, response.content[:200])


@pytest.mark.parametrize("username", READ_ONLY)
def test_read_only_roles_still_mark_their_own_notifications_read(demo_work, api_as, person, username):
    from notifications.models import Notification

    notification = Notification.objects.create(recipient=person(username), title="测试消息")
    response = api_as(username).post(reverse("api:notification-read", args=[notification.pk]))
    assert response.status_code == 200
    notification.refresh_from_db()
    assert notification.read_at is not None
