"""Incremental sync: every list of records with updated_at takes ?updated_after=, answers in (updated_at, id)
order, refuses a bad value with 400; every record carries its stable id (and updated_at, the sync mark)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils.module_loading import import_string

from config.api_urls import router
from core.api.sync import UpdatedAfterFilter, has_updated_at
from hazards.choices import HazardStatus
from hazards.models import Hazard
from hazards.workflow import hazard_transition
from tests.hazards.factories import HazardFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")


def syncs(viewset):
    """A computed view (the credit records) opts out of ?updated_after= by leaving out its filter."""
    return UpdatedAfterFilter in [import_string(b) if isinstance(b, str) else b for b in viewset.filter_backends]


def list_endpoints():
    """(url, model) of every list in the router whose records carry updated_at."""
    found = []
    for _prefix, viewset, basename in router.registry:
        if not syncs(viewset):
            continue
        queryset = getattr(viewset, "queryset", None)
        view = viewset(action="list", kwargs={}, format_kwarg=None)
        view.request = None
        model = queryset.model if queryset is not None else view.get_serializer_class().Meta.model
        if "list" in dir(viewset) and has_updated_at(model):
            found.append((reverse(f"api:{basename}-list"), model))
    return found


LISTS = list_endpoints()


def serializers_of_every_route():
    """(route, action, serializer class) for the list and the record of every viewset in the router."""
    for prefix, viewset, _basename in router.registry:
        if not syncs(viewset):
            continue
        for action in ("list", "retrieve"):
            view = viewset(action=action, kwargs={}, format_kwarg=None)
            view.request = None
            yield prefix, action, view.get_serializer_class()


def test_every_record_the_api_lists_or_reads_carries_its_id_and_updated_at():
    missing = []
    for prefix, action, serializer in serializers_of_every_route():
        fields = serializer().fields
        model = serializer.Meta.model
        if "id" not in fields or (has_updated_at(model) and "updated_at" not in fields):
            missing.append(f"{prefix} {action} {serializer.__name__}")
    assert missing == []


def test_the_sync_covers_the_registers_an_external_system_needs():
    urls = {url for url, _model in LISTS}
    for name in ["hazards", "warnings", "progress-reports", "measures", "risk-points", "patrols", "inspections"]:
        assert f"/api/v1/{name}/" in urls
    assert len(LISTS) >= 30
    assert [basename for _p, viewset, basename in router.registry if not syncs(viewset)] == ["credit-record"]


@pytest.mark.parametrize(("url", "model"), LISTS, ids=[url for url, _m in LISTS])
def test_every_list_takes_updated_after_and_refuses_a_bad_value(api_as, url, model):
    client = api_as("county_admin")
    everything = client.get(url)
    assert everything.status_code == 200
    rows = everything.json()["results"] if isinstance(everything.json(), dict) else everything.json()
    for row in rows[:3]:
        assert isinstance(row["id"], int) and "updated_at" in row  # the stable id, and the mark to sync from
    assert client.get(url, {"updated_after": "2999-01-01T00:00:00+08:00"}).json()["count"] == 0
    refused = client.get(url, {"updated_after": "yesterday"})
    assert refused.status_code == 400
    assert "ISO 8601" in refused.json()["updated_after"][0]


@pytest.fixture
def three_hazards():
    """Three hazards last changed at 09:00, 10:00 and 10:00 (a tie, broken by id) on 3 June."""
    hazards = [HazardFactory() for _ in range(3)]
    times = [datetime.datetime(2024, 6, 3, h, 0, tzinfo=SHANGHAI) for h in (9, 10, 10)]
    for hazard, moment in zip(hazards, times, strict=True):
        Hazard.objects.filter(pk=hazard.pk).update(updated_at=moment)
    return hazards


def ids_of(response):
    return [row["id"] for row in response.json()["results"]]


def test_updated_after_gives_the_later_changes_oldest_first_and_pages_stably(api_as, three_hazards):
    client = api_as("county_admin")
    first, second, third = three_hazards
    since = "2024-06-03T09:30:00+08:00"
    assert ids_of(client.get("/api/v1/hazards/", {"updated_after": since})) == [second.pk, third.pk]
    pages = [
        ids_of(client.get("/api/v1/hazards/", {"updated_after": since, "page_size": 1, "page": n})) for n in (1, 2)
    ]
    assert pages == [[second.pk], [third.pk]]
    assert ids_of(client.get("/api/v1/hazards/", {"updated_after": "2024-06-03T09:00:00+08:00"})) == [
        second.pk,
        third.pk,
    ]  # strictly after


def test_updated_after_reads_an_unescaped_plus_a_z_and_a_time_without_offset_in_shanghai(api_as, three_hazards):
    client = api_as("county_admin")
    _first, second, third = three_hazards
    expected = [second.pk, third.pk]
    assert ids_of(client.get("/api/v1/hazards/?updated_after=2024-06-03T09:30:00+08:00")) == expected  # + → space
    assert ids_of(client.get("/api/v1/hazards/", {"updated_after": "2024-06-03T01:30:00Z"})) == expected
    assert ids_of(client.get("/api/v1/hazards/", {"updated_after": "2024-06-03 09:30"})) == expected
    assert ids_of(client.get("/api/v1/hazards/", {"updated_after": "2024-06-03T10:30:00"})) == []


def test_updated_after_takes_any_offset_python_reads_and_refuses_a_moment_before_year_one(api_as, three_hazards):
    client = api_as("county_admin")
    _first, second, third = three_hazards
    # 2024-06-03T09:30+08:00 written with an offset beyond PostgreSQL's ±15:59 (schemathesis found a 500 here)
    far_west = client.get("/api/v1/hazards/", {"updated_after": "2024-06-02T03:08:00-22:22"})
    assert ids_of(far_west) == [second.pk, third.pk]
    too_early = client.get("/api/v1/hazards/", {"updated_after": "0001-01-01T00:00:00+08:00"})
    assert too_early.status_code == 400 and "不是有效的时间" in too_early.json()["updated_after"][0]


def test_updated_after_is_not_applied_to_a_records_own_url(api_as, three_hazards):
    client = api_as("county_admin")
    response = client.get(f"/api/v1/hazards/{three_hazards[0].pk}/", {"updated_after": "2999-01-01T00:00:00"})
    assert response.status_code == 200


def test_a_hazard_moved_by_its_service_shows_up_in_the_next_sync(api_as, demo_user, three_hazards):
    client = api_as("county_admin")
    mark = "2024-06-03T12:00:00+08:00"
    assert ids_of(client.get("/api/v1/hazards/", {"updated_after": mark})) == []
    hazard_transition(hazard=three_hazards[0], to=HazardStatus.RECTIFYING, actor=demo_user("yjj_head"))
    synced = client.get("/api/v1/hazards/", {"updated_after": mark}).json()["results"]
    assert [(row["id"], row["status"]) for row in synced] == [(three_hazards[0].pk, "rectifying")]


def test_the_schema_documents_updated_after_on_the_hazard_list(client, db, django_user_model):
    client.force_login(django_user_model.objects.get(username="api_client"))
    schema = client.get("/api/schema/", {"format": "json"}).json()
    names = [p["name"] for p in schema["paths"]["/api/v1/hazards/"]["get"]["parameters"]]
    assert "updated_after" in names
    detail = [p["name"] for p in schema["paths"]["/api/v1/hazards/{id}/"]["get"].get("parameters", [])]
    assert "updated_after" not in detail
