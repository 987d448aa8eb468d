import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from tests.tasks.test_plan_loading import DOCUMENT_TARGETS, DOCUMENT_TITLES


@pytest.fixture
def token_client(db, capsys):
    call_command("create_api_token", "api_client")
    token = capsys.readouterr().out.strip()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_work_items_with_a_token_are_the_21_of_the_document(token_client):
    body = token_client.get("/api/v1/work-items/", {"page_size": 100}).json()
    assert body["count"] == 21
    assert [(w["number"], w["title"]) for w in body["results"]] == list(enumerate(DOCUMENT_TITLES, 1))
    assert body["results"][0]["system"]["code"] == "一"
    assert body["results"][0]["lead_unit"]["name"] == "垫江县应急管理局"


def test_systems_key_actions_and_targets_are_listed_with_their_figures(token_client):
    assert token_client.get("/api/v1/systems/").json()["count"] == 6
    assert token_client.get("/api/v1/key-actions/").json()["count"] == 6
    targets = token_client.get("/api/v1/targets/").json()
    assert targets["count"] == 10
    assert [(t["name"], t["value"], t["unit_of_measure"]) for t in targets["results"]] == [
        (name, f"{value:.2f}", unit) for name, value, unit in DOCUMENT_TARGETS
    ]


def test_a_second_load_plan_leaves_every_count_unchanged(token_client):
    paths = ["plans", "systems", "work-items", "key-actions", "targets"]
    before = [token_client.get(f"/api/v1/{p}/").json()["count"] for p in paths]
    call_command("load_plan", year=2024, verbosity=0)
    assert [token_client.get(f"/api/v1/{p}/").json()["count"] for p in paths] == before == [1, 6, 21, 6, 10]


def test_a_new_token_replaces_the_old_one(db, capsys):
    call_command("create_api_token", "api_client")
    first = capsys.readouterr().out.strip()
    call_command("create_api_token", "api_client")
    second = capsys.readouterr().out.strip()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {first}")
    assert client.get("/api/v1/plans/").status_code == 401
    client.credentials(HTTP_AUTHORIZATION=f"Token {second}")
    assert client.get("/api/v1/plans/").status_code == 200


def test_create_api_token_for_an_unknown_user_says_so(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="不存在"):
        call_command("create_api_token", "nobody")


def test_work_items_filter_by_year_and_unit(api_as, demo_user):
    from core.models import OrgUnit

    client = api_as("gx_staff")
    gx = OrgUnit.objects.get(name="桂溪街道")
    numbers = [w["number"] for w in client.get("/api/v1/work-items/", {"year": 2024, "unit": gx.pk}).json()["results"]]
    assert numbers == [9, 12, 15, 21]
    assert client.get("/api/v1/work-items/", {"year": 2023}).json()["count"] == 0


@pytest.mark.parametrize("path", ["plans", "systems", "work-items", "key-actions", "targets"])
def test_plan_lists_take_a_fixed_number_of_queries(path, api_as, django_assert_max_num_queries):
    client = api_as("gx_staff")
    # session user + (count, rows, up to two prefetches), whatever the number of rows
    with django_assert_max_num_queries(5):
        assert client.get(f"/api/v1/{path}/", {"page_size": 100}).status_code == 200
