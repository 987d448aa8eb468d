"""Derived status and three-colour supervision on either side of every boundary.

The measure runs 100 days (2024-04-01 → 2024-07-10), so the time-proportional schedule (序时进度) is the
number of days elapsed, in percent. Defaults: lag margin 10 points, blue window 7 days.
"""

import datetime
from decimal import Decimal

import pytest
import time_machine

from tasks.selectors import measure_queryset
from tests.tasks.factories import MeasureFactory, ReportFactory

START, DEADLINE = datetime.date(2024, 4, 1), datetime.date(2024, 7, 10)


def state(measure, today, user):
    row = measure_queryset(user=user, today=today).get(pk=measure.pk)
    return row.status, row.colour


@pytest.fixture
def admin(demo_user):
    return demo_user("county_admin")


@pytest.fixture
def measure_at(db):
    def make(percent=None):
        measure = MeasureFactory(start_date=START, deadline=DEADLINE)
        if percent is not None:
            ReportFactory(measure=measure, percent=Decimal(percent))
        return measure

    return make


@pytest.mark.parametrize(
    ("today", "percent", "expected"),
    [
        (START - datetime.timedelta(days=1), None, ("not_started", "none")),
        (START, None, ("in_progress", "none")),
        # 30 days in: schedule 30 %, progress 20 % trails by exactly the margin — still on track
        (START + datetime.timedelta(days=30), "20", ("in_progress", "none")),
        # 31 days in: trails by 11 points — behind, yellow
        (START + datetime.timedelta(days=31), "20", ("behind", "yellow")),
        # one day before the blue window (8 days left), on schedule
        (DEADLINE - datetime.timedelta(days=8), "90", ("in_progress", "none")),
        # first day of the blue window (7 days left)
        (DEADLINE - datetime.timedelta(days=7), "90", ("in_progress", "blue")),
        # the deadline day itself is not overdue yet
        (DEADLINE, "90", ("in_progress", "blue")),
        # one day past the deadline, not done
        (DEADLINE + datetime.timedelta(days=1), "90", ("overdue", "red")),
        # done is done, before or after the deadline
        (DEADLINE - datetime.timedelta(days=3), "100", ("done", "none")),
        (DEADLINE + datetime.timedelta(days=30), "100", ("done", "none")),
    ],
)
def test_status_and_colour_at_the_boundaries(measure_at, admin, today, percent, expected):
    assert state(measure_at(percent), today, admin) == expected


def test_behind_and_inside_the_blue_window_is_yellow(measure_at, admin):
    assert state(measure_at("10"), DEADLINE - datetime.timedelta(days=2), admin) == ("behind", "yellow")


def test_only_approved_reports_count(measure_at, admin):
    from tasks.choices import ReportStatus

    measure = measure_at()
    ReportFactory(measure=measure, percent=Decimal("100"), status=ReportStatus.SUBMITTED)
    assert state(measure, DEADLINE - datetime.timedelta(days=3), admin) == ("behind", "yellow")


def test_the_latest_approved_percent_is_the_progress(measure_at, admin):
    measure = measure_at("100")
    ReportFactory(measure=measure, period_start=datetime.date(2024, 5, 1), percent=Decimal("40"))
    assert measure_queryset(user=admin, today=START).get(pk=measure.pk).progress == Decimal("40")


def test_a_quantity_measure_is_done_when_its_planned_quantity_is_approved(db, admin):
    from tasks.models import QuantitativeTarget

    roads = QuantitativeTarget.objects.get(plan__year=2024, name="防火道路新建和改建")
    measure = MeasureFactory(start_date=START, deadline=DEADLINE, target=roads, planned_quantity=Decimal("30"))
    ReportFactory(measure=measure, percent=None, quantity=Decimal("12"))
    assert measure_queryset(user=admin, today=START).get(pk=measure.pk).progress == Decimal("40")
    ReportFactory(measure=measure, percent=None, quantity=Decimal("18"), period_start=datetime.date(2024, 5, 1))
    assert state(measure, DEADLINE + datetime.timedelta(days=5), admin) == ("done", "none")


def test_the_margin_and_window_are_settings(measure_at, admin, settings):
    settings.SCHEDULE_LAG_MARGIN = 40
    settings.SUPERVISION_BLUE_DAYS = 0
    measure = measure_at("20")
    assert state(measure, START + datetime.timedelta(days=50), admin) == ("in_progress", "none")
    assert state(measure, DEADLINE, admin) == ("behind", "yellow")


@time_machine.travel("2024-07-11 09:00 +0800", tick=False)
def test_the_page_and_the_api_use_todays_date_in_shanghai(measure_at, web_as, api_as):
    measure = measure_at("90")
    body = api_as("gx_staff").get(f"/api/v1/measures/{measure.pk}/").json()
    assert (body["status"], body["colour"], body["colour_display"]) == ("overdue", "red", "红色督办")
    page = web_as("gx_staff").get(f"/measures/{measure.pk}/").content.decode()
    assert "逾期" in page and "红色督办" in page


def test_filters_by_status_and_colour(measure_at, api_as):
    with time_machine.travel("2024-05-02 09:00 +0800", tick=False):
        behind = measure_at("20")
        on_track = measure_at("40")
        client = api_as("county_admin")
        ids = {
            m["id"] for m in client.get("/api/v1/measures/", {"colour": "yellow", "page_size": 500}).json()["results"]
        }
        assert behind.pk in ids and on_track.pk not in ids
        ids = {
            m["id"]
            for m in client.get("/api/v1/measures/", {"status": "in_progress", "page_size": 500}).json()["results"]
        }
        assert on_track.pk in ids and behind.pk not in ids
        assert client.get("/api/v1/measures/", {"colour": "purple"}).status_code == 400
