"""动态清零: open major hazards oldest first, the totals, the 12-month series, and 挂牌督办 by the county office."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import OrgUnit
from hazards.choices import EventKind, HazardStatus
from hazards.clearance import month_ends
from tests.hazards.factories import HazardFactory

pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def frozen_today():
    with time_machine.travel("2024-09-15 09:00 +0800", tick=False):
        yield


def major(found_on, deadline, **fields):
    return HazardFactory(level="major", found_on=found_on, deadline=deadline, **fields)


def listing(*, hazard, leader="县政府副县长张三", deadline="2024-10-31"):
    p = f"h{hazard.pk}-"
    return {f"{p}listing_leader": leader, f"{p}listing_deadline": deadline, f"{p}comment": "限期清零"}


@pytest.fixture
def majors(db):
    return {
        "new": major(datetime.date(2024, 9, 1), datetime.date(2024, 10, 1)),
        "old": major(datetime.date(2024, 3, 1), datetime.date(2024, 6, 30), status=HazardStatus.RECTIFYING),
        "listed": major(
            datetime.date(2024, 5, 1),
            datetime.date(2024, 12, 31),
            is_listed=True,
            listing_leader="李四",
            listing_deadline=datetime.date(2024, 11, 30),
        ),
        "closed": major(
            datetime.date(2024, 1, 10),
            datetime.date(2024, 4, 30),
            status=HazardStatus.CLOSED,
            closed_at=datetime.datetime(2024, 4, 20, 10, tzinfo=ZoneInfo("Asia/Shanghai")),
        ),
        "general": HazardFactory(found_on=datetime.date(2024, 1, 1)),
        "sp": major(
            datetime.date(2024, 8, 1),
            datetime.date(2024, 8, 31),
            territory=OrgUnit.objects.get(name="沙坪镇"),
            supervising_department=None,
        ),
    }


def test_open_major_hazards_oldest_first_with_age_and_totals(majors, web_as):
    response = web_as("county_leader").get("/hazards/major/")
    rows = list(response.context["page"])
    assert [h.number for h in rows] == [majors[k].number for k in ["old", "listed", "sp", "new"]]
    assert [h.age_days for h in rows] == [198, 137, 45, 14]
    assert response.context["totals"] == {"open": 4, "listed": 1, "overdue": 2}
    page = response.content.decode()
    assert "李四 · 2024-11-30" in page and "198 天" in page


def test_the_county_sees_open_majors_at_each_month_end(majors, web_as):
    series = web_as("county_leader").get("/hazards/major/").context["series"]["points"]
    assert [p.day for p in series] == month_ends(datetime.date(2024, 9, 15))
    assert series[0].day == datetime.date(2023, 10, 31) and series[-1].day == datetime.date(2024, 9, 15)
    by_month = {p.day.month: p.count for p in series}
    # Jan: closed; Mar: +old; Apr: closed one gone (20th); May: +listed; Aug: +sp; Sep: +new
    assert by_month == {10: 0, 11: 0, 12: 0, 1: 1, 2: 1, 3: 2, 4: 1, 5: 2, 6: 2, 7: 2, 8: 3, 9: 4}


def test_sp_staff_sees_only_its_own_majors_and_no_county_series(majors, web_as):
    response = web_as("sp_staff").get("/hazards/major/")
    assert [h.number for h in response.context["page"]] == [majors["sp"].number]
    assert response.context["totals"]["open"] == 1 and response.context["series"] is None
    assert majors["old"].number not in response.content.decode()
    assert "挂牌督办" in response.content.decode() and 'action="/hazards/major/' not in response.content.decode()


def test_the_county_office_lists_a_major_hazard_for_supervision(majors, web_as, demo_user):
    hazard = majors["old"]
    client = web_as("county_admin")
    assert f'action="/hazards/major/{hazard.pk}/list/"' in client.get("/hazards/major/").content.decode()
    response = client.post(f"/hazards/major/{hazard.pk}/list/", listing(hazard=hazard))
    assert response.status_code == 302
    hazard.refresh_from_db()
    assert hazard.is_listed and hazard.listing_leader == "县政府副县长张三"
    assert hazard.listing_deadline == datetime.date(2024, 10, 31)
    event = hazard.events.get(kind=EventKind.SUPERVISION)
    assert event.actor == demo_user("county_admin") and "限期清零" in event.comment


@pytest.mark.parametrize("username", ["county_leader", "yjj_head", "gx_head", "gx_staff"])
def test_only_the_county_office_may_list(majors, web_as, username):
    hazard = majors["old"]
    response = web_as(username).post(f"/hazards/major/{hazard.pk}/list/", listing(hazard=hazard))
    assert response.status_code == 403
    hazard.refresh_from_db()
    assert not hazard.is_listed


def test_a_hazard_another_township_cannot_see_is_not_found(majors, web_as):
    hazard = majors["old"]
    assert web_as("sp_staff").post(f"/hazards/major/{hazard.pk}/list/", listing(hazard=hazard)).status_code == 404


def test_only_major_hazards_can_be_listed(majors, web_as):
    hazard = majors["general"]
    response = web_as("county_admin").post(f"/hazards/major/{hazard.pk}/list/", listing(hazard=hazard))
    assert response.status_code == 400
    assert "只有重大事故隐患可以挂牌督办。" in response.content.decode()
    hazard.refresh_from_db()
    assert not hazard.is_listed and not hazard.events.filter(kind=EventKind.SUPERVISION).exists()


def test_a_closed_major_hazard_is_not_listed(majors, web_as):
    hazard = majors["closed"]
    response = web_as("county_admin").post(f"/hazards/major/{hazard.pk}/list/", listing(hazard=hazard))
    assert response.status_code == 400 and "已销号的隐患不需要挂牌督办。" in response.content.decode()
    hazard.refresh_from_db()
    assert not hazard.is_listed


def test_a_refused_listing_names_the_field_and_keeps_what_was_typed(majors, web_as):
    hazard = majors["new"]
    response = web_as("county_admin").post(
        f"/hazards/major/{hazard.pk}/list/", listing(leader="王五", deadline="2024-09-01", hazard=hazard)
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "督办期限：督办期限不能早于今天。" in page and 'value="王五"' in page
    response = web_as("county_admin").post(f"/hazards/major/{hazard.pk}/list/", listing(leader="", hazard=hazard))
    assert "督办领导：请填写督办领导。" in response.content.decode()
    hazard.refresh_from_db()
    assert not hazard.is_listed


def test_the_major_page_takes_the_same_number_of_queries_for_few_or_many(web_as):
    client = web_as("county_admin")
    counts = []
    for batch in [3, 30]:
        for i in range(batch):
            major(datetime.date(2024, 1, 1) + datetime.timedelta(days=i), datetime.date(2024, 12, 31))
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/hazards/major/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
