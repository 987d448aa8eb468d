import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from core.models import OrgUnit
from responsibilities.models import DutyReport, DutyReportStatus, Leader
from tasks.models import WorkItem
from tests.hazards.factories import HazardFactory
from tests.tasks.factories import MeasureFactory, ReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def gx():
    return OrgUnit.objects.get(name="桂溪街道")


@pytest.fixture
def sp():
    return OrgUnit.objects.get(name="沙坪镇")


@pytest.fixture
def leader():
    return Leader.objects.get(name="李华（演示）")


def _hazard_line(response):
    return next(line for line in response.context["overview"].deadlines if line.key == "hazard")


def test_unit_overview_counts_open_and_overdue_hazards_of_the_township_and_its_villages(web_as, gx, sp):
    village = OrgUnit.objects.get(parent=gx, kind="village", code="500231001001")
    HazardFactory(territory=gx, deadline=datetime.date(2024, 6, 30), title="街道逾期隐患")
    HazardFactory(territory=village, deadline=datetime.date(2024, 7, 31))
    HazardFactory(territory=gx, deadline=datetime.date.today() + datetime.timedelta(days=30))
    HazardFactory(territory=sp, deadline=datetime.date(2024, 6, 30))

    response = web_as("gx_head").get(reverse("responsibilities:unit-overview", args=[gx.pk]))

    line = _hazard_line(response)
    assert (line.open, line.overdue) == (3, 2)
    assert line.overdue_items[0].text.endswith("街道逾期隐患")  # the most overdue first
    assert "街道逾期隐患" in response.content.decode()


def test_unit_overview_of_another_township_is_not_found(web_as, sp):
    response = web_as("gx_staff").get(reverse("responsibilities:unit-overview", args=[sp.pk]))
    assert response.status_code == 404


def test_county_leader_opens_any_unit_overview_and_counts_only_its_hazards(web_as, sp, gx):
    HazardFactory(territory=sp, deadline=datetime.date(2024, 6, 30))
    HazardFactory(territory=gx, deadline=datetime.date(2024, 6, 30))
    response = web_as("county_leader").get(reverse("responsibilities:unit-overview", args=[sp.pk]))
    assert response.status_code == 200
    assert (_hazard_line(response).open, _hazard_line(response).overdue) == (1, 1)


def test_department_overview_counts_the_hazards_it_supervises(web_as):
    yjj = OrgUnit.objects.get(short_name="应急局")
    jtj = OrgUnit.objects.get(short_name="交通局")
    HazardFactory(supervising_department=yjj, deadline=datetime.date(2024, 6, 30))
    HazardFactory(supervising_department=jtj, deadline=datetime.date(2024, 6, 30))
    response = web_as("yjj_head").get(reverse("responsibilities:unit-overview", args=[yjj.pk]))
    assert _hazard_line(response).open == 1


def test_unit_overview_overdue_measures_figure_matches_the_list_it_links_to(web_as, gx):
    MeasureFactory(owner_unit=gx, deadline=datetime.date(2024, 12, 31))
    MeasureFactory(owner_unit=gx, deadline=datetime.date(2024, 12, 31))
    ReportFactory(measure=MeasureFactory(owner_unit=gx), percent=Decimal("100"))
    client = web_as("gx_staff")

    response = client.get(reverse("responsibilities:unit-overview", args=[gx.pk]))

    counts = response.context["overview"].measures
    assert (counts.total, counts.done, counts.overdue, counts.open) == (3, 1, 2, 2)
    listed = client.get(f"{reverse('measure-list')}?unit={gx.pk}&status=overdue")
    assert listed.context["page"].paginator.count == counts.overdue


def test_unit_overview_query_count_does_not_grow_with_records(web_as, gx, django_assert_max_num_queries):
    for _ in range(8):
        HazardFactory(territory=gx, deadline=datetime.date(2024, 6, 30))
        MeasureFactory(owner_unit=gx)
    client = web_as("gx_head")
    with django_assert_max_num_queries(22):
        response = client.get(reverse("responsibilities:unit-overview", args=[gx.pk]))
    assert response.status_code == 200


def test_index_lists_only_the_persons_own_units(web_as, gx):
    own = web_as("gx_staff").get(reverse("responsibilities:index"))
    assert [u.pk for u in own.context["townships"]] == [gx.pk]
    assert own.context["departments"] == []
    county = web_as("county_leader").get(reverse("responsibilities:index"))
    assert len(county.context["townships"]) > 1 and len(county.context["departments"]) > 1


def test_leader_overview_counts_the_measures_of_the_work_items_and_actions_the_duties_cover(web_as, leader):
    MeasureFactory(deadline=datetime.date(2024, 12, 31))  # work item 12: overdue
    ReportFactory(measure=MeasureFactory(), percent=Decimal("100"))  # work item 12: done
    MeasureFactory(work_item=WorkItem.objects.get(plan__year=2024, number=5))  # covered by no duty

    response = web_as("county_admin").get(reverse("responsibilities:leader-overview", args=[leader.pk]))

    overview = response.context["overview"]
    assert overview.year == 2024  # the latest year of the leader's lists
    assert (overview.measures.total, overview.measures.done, overview.measures.overdue) == (2, 1, 1)
    item_12 = next(
        counts for _, lines in overview.lists for line in lines for item, counts in line.work_items if item.number == 12
    )
    assert (item_12.total, item_12.overdue) == (2, 1)
    assert len(overview.overdue_measures) == 1


def test_leader_overview_flags_a_half_year_report_not_submitted_by_its_due_date(web_as, leader):
    DutyReport.objects.create(leader=leader, year=2024, half=1, text="上半年述职", status=DutyReportStatus.SUBMITTED)
    response = web_as("county_admin").get(reverse("responsibilities:leader-overview", args=[leader.pk]))
    missing = {line.half: line.missing for line in response.context["overview"].reports}
    assert missing == {1: False, 2: True}
    assert "逾期未报" in response.content.decode()


def test_leader_overview_refuses_a_year_that_is_not_a_year(web_as, leader):
    url = reverse("responsibilities:leader-overview", args=[leader.pk])
    assert web_as("county_admin").get(url, {"year": "20x4"}).status_code == 404


def test_leader_overview_query_count_does_not_grow_with_measures(web_as, leader, django_assert_max_num_queries):
    for _ in range(8):
        MeasureFactory(deadline=datetime.date(2024, 12, 31))
    client = web_as("county_admin")
    with django_assert_max_num_queries(17):
        response = client.get(reverse("responsibilities:leader-overview", args=[leader.pk]))
    assert len(response.context["overview"].overdue_measures) == 8
