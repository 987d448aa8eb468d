"""The cockpit's figures equal counts made directly in the database, and each figure's link lands on a list of
exactly that many rows."""

import datetime

import pytest
import time_machine
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.models import OrgUnit
from dashboards.figures import summary
from demo.loader import DemoLoader
from hazards.choices import HazardLevel, HazardStatus
from hazards.models import Hazard
from tasks.models import Measure
from tasks.status import annotate_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_work(db):
    DemoLoader(with_work=True).load()


def _figure(figures, key):
    return next(f for f in figures if f.key == key)


def _list_count(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["page"].paginator.count


def test_hazard_figures_equal_database_counts_and_their_lists(demo_work, web_as, demo_user):
    admin = demo_user("county_admin")
    today = timezone.localdate()
    figures = summary(user=admin, on=today).hazards
    open_hazards = Hazard.objects.exclude(status=HazardStatus.CLOSED)
    assert _figure(figures.totals, "open").value == open_hazards.count() > 0
    assert _figure(figures.totals, "major_open").value == open_hazards.filter(level=HazardLevel.MAJOR).count()
    assert _figure(figures.totals, "overdue").value == open_hazards.filter(deadline__lt=today).count()
    assert sum(f.value for f in figures.by_age) == open_hazards.count()
    client = web_as("county_admin")
    for figure in figures.totals + figures.by_level + figures.by_sector + figures.by_age:
        assert _list_count(client, figure.url) == figure.value, figure.key


def test_plan_figures_equal_their_lists_when_read_in_the_plan_year(demo_work, web_as, demo_user):
    with time_machine.travel("2024-07-15 09:00 +0800", tick=False):
        figures = summary(user=demo_user("county_admin")).plan
        client = web_as("county_admin")
        assert figures.year == 2024 and _figure(figures.measures, "total").value > 0
        rows = figures.measures + figures.colours + figures.systems + figures.work_items + figures.overdue_by_unit
        for row in rows:
            expected = (
                row.value if hasattr(row, "value") else (row.overdue if "status=overdue" in row.url else row.total)
            )
            assert _list_count(client, row.url) == expected, row.url
    warnings = summary(user=demo_user("county_admin")).warnings  # today: the demo's warnings were issued now
    in_force = _figure(warnings, "in_force")
    assert _list_count(web_as("county_admin"), in_force.url) == in_force.value > 0


def test_plan_figures_on_a_date_of_the_plan_year(demo_work, demo_user):
    admin = demo_user("county_admin")
    on = datetime.date(2024, 6, 30)
    figures = summary(user=admin, on=on).plan
    measures = annotate_status(Measure.objects.filter(plan__year=2024), today=on)
    assert _figure(figures.measures, "total").value == measures.count() > 0
    for key in ("done", "overdue", "behind", "in_progress", "not_started"):
        assert _figure(figures.measures, key).value == measures.filter(status=key).count(), key
    assert sum(row.total for row in figures.systems) + sum(row.total for row in figures.key_actions) == (
        measures.count()
    )
    assert all(not f.url for f in figures.measures)  # a past date: the lists cannot show it


def test_a_unit_page_counts_only_the_units_records(demo_work, demo_user):
    gx = OrgUnit.objects.get(name="桂溪街道")
    figures = summary(user=demo_user("county_admin"), unit=gx).hazards
    mine = Hazard.objects.exclude(status=HazardStatus.CLOSED).filter(
        Q(territory__path__startswith=gx.path) | Q(supervising_department=gx)
    )
    assert _figure(figures.totals, "open").value == mine.count()


def test_the_cockpit_page_shows_figures_tables_and_chart_options(demo_work, web_as):
    response = web_as("county_leader").get(reverse("dashboards:cockpit"))
    assert response.status_code == 200
    body = response.content.decode()
    for marker in ('id="hazards-open"', 'id="table-major-trend"', 'id="cockpit-charts"', "echarts.min.js"):
        assert marker in body
    assert "<script>" not in body.replace('<script id="cockpit-charts" type="application/json">', "")


def test_a_unit_outside_the_persons_scope_is_not_found(web_as):
    sp = OrgUnit.objects.get(name="沙坪镇")
    assert web_as("gx_staff").get(reverse("dashboards:cockpit"), {"unit": sp.pk}).status_code == 404


@pytest.mark.parametrize(
    ("on", "message"),
    [("2099-01-01", "不能查看未来日期"), ("2019-05-01", "早于平台中最早的工作要点"), ("2024-13-01", "日期格式应为")],
)
def test_a_bad_date_is_refused_with_a_clear_message(web_as, on, message):
    response = web_as("county_leader").get(reverse("dashboards:cockpit"), {"on": on})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_summary_api_gives_the_cockpits_figures_for_a_unit_and_a_date(demo_work, api_as, demo_user):
    gx = OrgUnit.objects.get(name="桂溪街道")
    response = api_as("county_leader").get("/api/v1/dashboard/summary/", {"unit": gx.pk, "on": "2024-06-30"})
    assert response.status_code == 200, response.json()
    body = response.json()
    expected = summary(user=demo_user("county_leader"), unit=gx, on=datetime.date(2024, 6, 30))
    assert body["unit"]["id"] == gx.pk and body["on"] == "2024-06-30" and body["live"] is False
    assert {f["key"]: f["value"] for f in body["hazards"]["totals"]} == {
        f.key: f.value for f in expected.hazards.totals
    }
    assert [f["value"] for f in body["plan"]["measures"]] == [f.value for f in expected.plan.measures]
    assert len(body["hazards"]["major_trend"]) == 12


def test_the_summary_api_refuses_a_future_date_and_hides_other_units(api_as):
    client = api_as("gx_staff")
    future = client.get("/api/v1/dashboard/summary/", {"on": "2099-01-01"})
    assert future.status_code == 400 and "不能查看未来日期" in str(future.json())
    sp = OrgUnit.objects.get(name="沙坪镇")
    assert client.get("/api/v1/dashboard/summary/", {"unit": sp.pk}).status_code == 404


def test_the_trend_api_gives_one_point_a_month(demo_work, api_as):
    response = api_as("county_leader").get("/api/v1/dashboard/trend/", {"on": "2024-12-31", "months": "6"})
    assert response.status_code == 200
    points = response.json()
    assert [p["month"] for p in points] == [
        "2024-07-01",
        "2024-08-01",
        "2024-09-01",
        "2024-10-01",
        "2024-11-01",
        "2024-12-01",
    ]
    assert points[-1]["read_on"] == "2024-12-31"
    assert api_as("county_leader").get("/api/v1/dashboard/trend/", {"months": "99"}).status_code == 400


def test_warning_and_patrol_figures_equal_database_counts(demo_work, demo_user):
    from disasters.models import Patrol, Warning, WarningAcknowledgement

    figures = summary(user=demo_user("county_admin"))
    in_force = Warning.objects.filter(lifted_at__isnull=True)
    acks = WarningAcknowledgement.objects.filter(warning__in=in_force)
    assert _figure(figures.warnings, "in_force").value == in_force.count() > 0
    assert _figure(figures.warnings, "acknowledgements").value == acks.count()
    assert _figure(figures.warnings, "acknowledged").value == acks.filter(acknowledged_at__isnull=False).count()
    done = _figure(figures.patrols, "done").value
    required = _figure(figures.patrols, "required").value
    assert _figure(figures.patrols, "missing").value >= required - done
    assert done <= Patrol.objects.count()


def test_the_demo_tells_2024s_story_on_a_past_date(demo_work, demo_user):
    """The demo's reports carry their 2024 review dates, so by 2024-06-30 two measures had reached 100 %."""
    figures = summary(user=demo_user("county_admin"), on=datetime.date(2024, 6, 30)).plan
    assert _figure(figures.measures, "done").value == 2
    assert (
        _figure(summary(user=demo_user("county_admin"), on=datetime.date(2024, 4, 10)).plan.measures, "done").value == 0
    )
