"""The problem list page (问题清单): open problems by age bucket, filters, scoping and a fixed query count."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import OrgUnit
from hazards.choices import AgeBucket, HazardStatus
from hazards.models import ProblemList
from tests.hazards.factories import HazardFactory

TODAY = datetime.date(2024, 9, 1)
pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def frozen_today():
    with time_machine.travel("2024-09-01 09:00 +0800", tick=False):
        yield


def found_days_ago(days, **fields):
    found_on = TODAY - datetime.timedelta(days=days)
    return HazardFactory(found_on=found_on, deadline=found_on + datetime.timedelta(days=10), **fields)


def numbers(response):
    return {h.number for h in response.context["page"]}


def bucket_counts(response):
    return [b["count"] for b in response.context["buckets"]]


def test_the_age_buckets_split_at_7_30_and_60_days(web_as):
    by_age = {days: found_days_ago(days) for days in [0, 7, 8, 30, 31, 60, 61, 400]}
    found_days_ago(100, status=HazardStatus.CLOSED, closed_at=timezone.now())
    client = web_as("county_admin")
    response = client.get("/hazards/problems/")
    assert bucket_counts(response) == [2, 2, 2, 2]
    expected = {
        AgeBucket.UP_TO_7: {0, 7},
        AgeBucket.DAYS_8_30: {8, 30},
        AgeBucket.DAYS_31_60: {31, 60},
        AgeBucket.OVER_60: {61, 400},
    }
    for bucket, link in zip(AgeBucket, response.context["buckets"], strict=True):
        filtered = client.get(f"/hazards/problems/{link['url']}")
        assert numbers(filtered) == {by_age[d].number for d in expected[bucket]}
        assert bucket_counts(filtered) == [2, 2, 2, 2]  # the buckets still count every age


def test_the_page_shows_ages_and_marks_overdue_rows(web_as):
    old = found_days_ago(40)
    page = web_as("county_admin").get("/hazards/problems/").content.decode()
    assert old.number in page and "40 天" in page and "逾期" in page


def test_closed_problems_are_left_out_unless_asked_for(web_as):
    open_one = found_days_ago(3)
    closed = found_days_ago(3, status=HazardStatus.CLOSED, closed_at=timezone.now())
    client = web_as("county_admin")
    assert numbers(client.get("/hazards/problems/")) == {open_one.number}
    assert numbers(client.get("/hazards/problems/", {"open": ""})) == {open_one.number, closed.number}
    assert numbers(client.get("/hazards/problems/", {"open": "false"})) == {closed.number}


def test_the_filters_narrow_by_unit_sector_level_source_and_list(web_as):
    sp = OrgUnit.objects.get(name="沙坪镇")
    jtj = OrgUnit.objects.get(short_name="交通局")
    other_list = ProblemList.objects.exclude(code="safety").first()
    plain = found_days_ago(5)
    in_sp = found_days_ago(5, territory=sp, supervising_department=jtj)
    fire = found_days_ago(5, sector="fire")
    major = found_days_ago(5, level="major")
    self_found = found_days_ago(5, source="self")
    listed_elsewhere = found_days_ago(5, problem_list=other_list)
    client = web_as("county_admin")
    assert numbers(client.get("/hazards/problems/", {"unit": sp.pk})) == {in_sp.number}
    assert numbers(client.get("/hazards/problems/", {"unit": jtj.pk})) == {in_sp.number}
    assert numbers(client.get("/hazards/problems/", {"sector": "fire"})) == {fire.number}
    assert numbers(client.get("/hazards/problems/", {"level": "major"})) == {major.number}
    assert numbers(client.get("/hazards/problems/", {"source": "self"})) == {self_found.number}
    assert numbers(client.get("/hazards/problems/", {"problem_list": other_list.pk})) == {listed_elsewhere.number}
    assert plain.number in numbers(client.get("/hazards/problems/"))
    response = client.get("/hazards/problems/", {"unit": sp.pk})
    assert bucket_counts(response) == [1, 0, 0, 0]


def test_a_bad_filter_value_is_named_and_shows_nothing(web_as):
    found_days_ago(5)
    response = web_as("county_admin").get("/hazards/problems/", {"age": "forever", "level": "huge"})
    assert response.status_code == 200 and numbers(response) == set()
    page = response.content.decode()
    assert "隐患等级：选择一个有效的选项。 huge 不在可用的选项中。" in page
    assert "未销号时长：选择一个有效的选项。 forever 不在可用的选项中。" in page


def test_sp_staff_does_not_see_guixi_problems(web_as):
    gx = found_days_ago(5)
    sp = found_days_ago(5, territory=OrgUnit.objects.get(name="沙坪镇"), supervising_department=None)
    client = web_as("sp_staff")
    response = client.get("/hazards/problems/")
    assert numbers(response) == {sp.number} and gx.number not in response.content.decode()
    assert bucket_counts(response) == [1, 0, 0, 0]
    gx_unit = OrgUnit.objects.get(name="桂溪街道")
    assert numbers(client.get("/hazards/problems/", {"unit": gx_unit.pk, "open": ""})) == set()
    assert numbers(web_as("county_leader").get("/hazards/problems/")) == {gx.number, sp.number}


@pytest.mark.parametrize("filters", [{}, {"unit": "桂溪街道", "age": "8-30", "level": "general"}])
def test_the_problem_list_takes_the_same_number_of_queries_for_10_or_100_problems(web_as, filters):
    if "unit" in filters:
        filters = {**filters, "unit": OrgUnit.objects.get(name=filters["unit"]).pk}
    client = web_as("gx_staff")
    counts = []
    for batch in [10, 90]:
        for i in range(batch):
            found_days_ago(i % 90)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/hazards/problems/", filters).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[1] <= 14
