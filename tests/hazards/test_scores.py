"""评价细则: each unit's counts and score match a hand count, and each number opens exactly its hazards."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import OrgUnit
from hazards.choices import HazardStatus
from hazards.scoring import unit_scores
from tests.hazards.factories import HazardFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")
pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def frozen_today():
    with time_machine.travel("2024-09-01 09:00 +0800", tick=False):
        yield


def at(*args):
    return datetime.datetime(*args, tzinfo=SHANGHAI)


def unit(name):
    return OrgUnit.objects.get(name=name) if "街道" in name or "镇" in name else OrgUnit.objects.get(short_name=name)


@pytest.fixture
def hazards(db):
    """桂溪街道 (supervised by 应急局) and 沙坪镇 (by 交通局), hand-counted in the tests below."""
    closed = {"status": HazardStatus.CLOSED}
    village = OrgUnit.objects.filter(parent__name="桂溪街道", kind="village").first()
    sp, jtj = unit("沙坪镇"), unit("交通局")
    return {
        # closed at 23:30 on the deadline, Beijing time (15:30 UTC): on time
        "a": HazardFactory(source="self", **closed, closed_at=at(2024, 6, 30, 23, 30)),
        # closed at 00:30 the day after (still the deadline day in UTC): late
        "b": HazardFactory(source="dept_check", **closed, closed_at=at(2024, 7, 1, 0, 30)),
        "c": HazardFactory(source="public", status=HazardStatus.RECTIFYING),  # open past its deadline
        "d": HazardFactory(source="self", deadline=datetime.date(2024, 12, 31)),  # open, not yet due
        "e": HazardFactory(source="self", territory=village, deadline=datetime.date(2024, 12, 31)),
        "f": HazardFactory(source="self", found_on=datetime.date(2023, 5, 1), deadline=datetime.date(2023, 5, 30)),
        "g": HazardFactory(source="enforcement", territory=sp, supervising_department=jtj),
        "h": HazardFactory(
            source="unannounced", territory=sp, supervising_department=None, **closed, closed_at=at(2024, 6, 10, 9)
        ),
    }


EXPECTED = {
    # unit: ({part: hazards}, score with the default weights self +2, on time +1, overdue −2, by others −1)
    "桂溪街道": ({"self": "ade", "on_time": "a", "overdue": "bc", "by_others": "bc"}, 6 + 1 - 4 - 2),
    "应急局": ({"self": "ade", "on_time": "a", "overdue": "bc", "by_others": "bc"}, 1),
    "沙坪镇": ({"self": "", "on_time": "h", "overdue": "g", "by_others": "gh"}, 1 - 2 - 2),
    "交通局": ({"self": "", "on_time": "", "overdue": "g", "by_others": "g"}, -2 - 1),
}


def rows_by_unit(response):
    return {row.unit.display_name: row for row in [*response.context["townships"], *response.context["departments"]]}


def test_the_counts_and_scores_match_a_hand_count(hazards, web_as):
    rows = rows_by_unit(web_as("county_admin").get("/hazards/scores/", {"year": 2024}))
    for name, (parts, score) in EXPECTED.items():
        assert rows[name].counts == {part: len(keys) for part, keys in parts.items()}, name
        assert rows[name].score == score, name
    quiet = [row for n, row in rows.items() if n not in EXPECTED]
    assert quiet and all(row.score == 0 and not any(row.counts.values()) for row in quiet)


def test_each_number_links_to_exactly_the_hazards_behind_it(hazards, web_as):
    client = web_as("county_admin")
    rows = rows_by_unit(client.get("/hazards/scores/", {"year": 2024}))
    for name, (parts, _score) in EXPECTED.items():
        for cell in rows[name].cells:
            listed = {h.number for h in client.get(cell["url"]).context["page"]}
            assert listed == {hazards[k].number for k in parts[cell["part"].value]}, (name, cell["part"])
            assert len(listed) == cell["count"]
        everything = {h.number for h in client.get(rows[name].all_url).context["page"]}
        assert everything == {hazards[k].number for keys in parts.values() for k in keys}


def test_the_same_filters_work_in_the_api(hazards, api_as):
    gx = unit("桂溪街道")
    response = api_as("county_leader").get("/api/v1/hazards/", {"unit": gx.pk, "year": 2024, "score_part": "overdue"})
    assert {h["number"] for h in response.json()["results"]} == {hazards["b"].number, hazards["c"].number}


def test_the_weights_are_settings(hazards, settings, demo_user):
    settings.HAZARD_SCORE_WEIGHTS = {"self": 5, "on_time": 0, "overdue": -10, "by_others": 0}
    townships, _departments = unit_scores(user=demo_user("county_admin"), year=2024, today=datetime.date(2024, 9, 1))
    assert {row.unit.name: row.score for row in townships}["桂溪街道"] == 15 - 20


def test_another_year_counts_its_own_hazards(hazards, web_as):
    rows = rows_by_unit(web_as("county_leader").get("/hazards/scores/", {"year": 2023}))
    assert rows["桂溪街道"].counts == {"self": 1, "on_time": 0, "overdue": 1, "by_others": 0}


@pytest.mark.parametrize(
    ("username", "visible"),
    [("gx_head", {"桂溪街道"}), ("jtj_head", {"交通局"}), ("gx_staff", set()), ("sp_staff", set()), ("gx_grid", set())],
)
def test_below_the_county_a_head_sees_only_the_units_own_row(hazards, web_as, username, visible):
    response = web_as(username).get("/hazards/scores/")
    assert set(rows_by_unit(response)) == visible
    page = response.content.decode()
    assert ("桂溪街道" in page.split("计分口径")[-1]) == ("桂溪街道" in visible)


def test_sp_staff_does_not_see_guixi_on_the_scores_or_their_links(hazards, web_as):
    client = web_as("sp_staff")
    assert "桂溪街道" not in client.get("/hazards/scores/").content.decode().split("计分口径")[-1]
    gx = unit("桂溪街道")
    listed = client.get("/hazards/problems/", {"open": "", "unit": gx.pk, "year": 2024, "score_part": "self"})
    assert set(listed.context["page"]) == set()


def test_the_scores_page_takes_the_same_number_of_queries_for_10_or_100_hazards(web_as):
    client = web_as("county_admin")
    counts = []
    for batch in [10, 90]:
        for i in range(batch):
            HazardFactory(source="self" if i % 2 else "public", territory=unit("沙坪镇" if i % 3 else "桂溪街道"))
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/hazards/scores/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[1] <= 10
