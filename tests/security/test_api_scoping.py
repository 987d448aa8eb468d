"""The API keeps everyone in their lane: a township person's lists hold only rows of their township (or rows
everyone reads), another township's row answers 404, their own answers 200."""

import pytest
from django.apps import apps
from django.urls import reverse

from .records import EXTRA_ROWS
from .tables import API_MODELS, API_VIEWERS

pytestmark = pytest.mark.django_db

SCOPED = sorted(basename for basename, (_model, reader) in API_MODELS.items() if reader == "scoped")
EVERYONE = sorted(basename for basename, (_model, reader) in API_MODELS.items() if reader == "members")


def _rows(model_label, user):
    return apps.get_model(model_label).objects.visible_to(user)


def _list_ids(client, basename):
    response = client.get(reverse(f"api:{basename}-list"), {"page_size": 500})
    assert response.status_code == 200, basename
    body = response.json()
    rows = body["results"] if isinstance(body, dict) and "results" in body else body
    return {row["id"] for row in rows}, body.get("count", len(rows)) if isinstance(body, dict) else len(rows)


@pytest.mark.parametrize("basename", SCOPED)
def test_township_list_holds_only_its_rows_and_another_townships_row_is_404(demo_work, api_as, person, basename):
    model_label, _reader = API_MODELS[basename]
    viewer, other_viewer = API_VIEWERS.get(basename, ("gx_staff", "sp_staff"))
    EXTRA_ROWS.get(basename, lambda: None)()
    gx, sp = person(viewer), person(other_viewer)
    own = _rows(model_label, gx)
    hidden = apps.get_model(model_label).objects.exclude(pk__in=own.values("pk"))
    other = hidden.filter(pk__in=_rows(model_label, sp).values("pk")).first() or hidden.first()
    assert other is not None, f"the demo has no {model_label} that 桂溪街道 cannot see"
    client = api_as(viewer)
    ids, count = _list_ids(client, basename)
    assert other.pk not in ids
    assert count == own.count()
    assert client.get(reverse(f"api:{basename}-detail", args=[other.pk])).status_code == 404
    mine = own.first()
    assert mine is not None, f"the demo has no {model_label} 桂溪街道 sees"
    assert mine.pk in ids
    assert client.get(reverse(f"api:{basename}-detail", args=[mine.pk])).status_code == 200


@pytest.mark.parametrize("basename", EVERYONE)
def test_every_signed_in_person_reads_the_published_records(demo_work, api_as, basename):
    model_label, _reader = API_MODELS[basename]
    row = apps.get_model(model_label).objects.first()
    client = api_as("gx_grid")
    assert client.get(reverse(f"api:{basename}-list")).status_code == 200
    if row is not None:
        assert client.get(reverse(f"api:{basename}-detail", args=[row.pk])).status_code == 200


def test_a_persons_notifications_are_their_own(demo_work, api_as, person):
    from notifications.models import Notification

    EXTRA_ROWS["notification"]()
    other = Notification.objects.exclude(recipient=person("gx_staff")).first()
    assert other is not None
    client = api_as("gx_staff")
    ids, _count = _list_ids(client, "notification")
    assert other.pk not in ids
    assert client.get(reverse("api:notification-detail", args=[other.pk])).status_code == 404


def test_webhook_deliveries_are_the_county_offices_or_the_callers_own(demo_work, api_as):
    response = api_as("gx_staff").get(reverse("api:webhook-delivery-list"))
    assert response.status_code == 200
    assert response.json()["count"] == 0  # gx_staff owns no endpoint


def test_another_townships_enterprise_persons_are_404(demo_work, api_as, person):
    from core.models import Enterprise

    own = Enterprise.objects.visible_to(person("gx_staff"))
    other = Enterprise.objects.filter(township__name="沙坪镇").exclude(pk__in=own.values("pk")).first()
    client = api_as("gx_staff")
    assert client.get(reverse("api:responsible-persons", args=[other.pk])).status_code == 404
    assert client.get(reverse("api:responsible-persons", args=[own.first().pk])).status_code == 200
