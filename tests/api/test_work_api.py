import datetime

import pytest
import time_machine

from core.models import OrgUnit
from tasks.choices import ReportStatus
from tasks.models import Measure, QuantitativeTarget, WorkItem
from tests.tasks.factories import MeasureFactory, ReportFactory

pytestmark = pytest.mark.usefixtures("frozen_june")


@pytest.fixture
def frozen_june():
    with time_machine.travel("2024-06-15 10:00 +0800", tick=False):
        yield


def test_bulk_creation_for_many_townships_through_the_api(api_as):
    item = WorkItem.objects.get(plan__year=2024, number=14)
    towns = list(OrgUnit.objects.filter(kind="township").order_by("sort_order")[:5])
    response = api_as("county_admin").post(
        "/api/v1/measures/",
        {
            "work_item": item.pk,
            "title": "汛前排查地灾隐患点",
            "owner_units": [u.pk for u in towns],
            "start_date": "2024-04-01",
            "deadline": "2024-05-31",
            "milestones": [{"title": "完成排查", "due_date": "2024-05-15"}],
        },
        format="json",
    )
    assert response.status_code == 201
    assert [m["owner_unit"]["name"] for m in response.json()] == [u.name for u in towns]
    assert response.json()[0]["lead_unit"]["name"] == "垫江县规划和自然资源局"
    assert response.json()[0]["milestones"] == [{"title": "完成排查", "due_date": "2024-05-15"}]


def test_api_refusals_name_the_field_in_chinese(api_as):
    client = api_as("county_admin")
    item = WorkItem.objects.get(plan__year=2024, number=14)
    gx = OrgUnit.objects.get(name="桂溪街道")
    response = client.post(
        "/api/v1/measures/",
        {
            "work_item": item.pk,
            "title": "x",
            "owner_units": [gx.pk],
            "start_date": "2024-06-01",
            "deadline": "2024-05-01",
        },
        format="json",
    )
    assert response.status_code == 400 and response.json() == {"deadline": ["完成时限不能早于开始日期。"]}
    assert Measure.objects.filter(title="x").count() == 0
    response = client.post(
        "/api/v1/measures/",
        {"title": "x", "owner_units": [gx.pk], "start_date": "2024-06-01", "deadline": "2024-07-01"},
        format="json",
    )
    assert response.status_code == 400 and "work_item" in response.json()


def test_a_report_for_a_measure_the_user_does_not_own_is_refused(api_as, db):
    measure = MeasureFactory()
    response = api_as("sp_staff").post(
        "/api/v1/progress-reports/", {"measure": measure.pk, "percent": "10", "done_text": "x"}, format="json"
    )
    assert response.status_code == 400 and "measure" in response.json()
    response = api_as("yjj_head").post(
        "/api/v1/progress-reports/", {"measure": measure.pk, "percent": "10", "done_text": "x"}, format="json"
    )
    assert response.status_code == 403
    assert response.json() == {"detail": "只有责任单位可以填报该措施的进展。"}


def test_illegal_changes_through_the_api_are_refused(api_as, db):
    measure = MeasureFactory()
    gx = api_as("gx_staff")
    report = gx.post(
        "/api/v1/progress-reports/", {"measure": measure.pk, "percent": "10", "done_text": "x"}, format="json"
    ).json()
    response = api_as("yjj_head").post(f"/api/v1/progress-reports/{report['id']}/approve/")
    assert response.status_code == 400 and response.json() == {"status": ["填报不能从“草稿”变为“已通过”。"]}
    gx.post(f"/api/v1/progress-reports/{report['id']}/submit/")
    response = api_as("yjj_head").post(f"/api/v1/progress-reports/{report['id']}/return/", {"reason": ""})
    assert response.status_code == 400 and response.json() == {"reason": ["退回时必须填写退回理由。"]}


def test_extension_requests_through_the_api(api_as, db):
    measure = MeasureFactory(deadline=datetime.date(2024, 9, 30))
    created = api_as("gx_staff").post(
        "/api/v1/extension-requests/",
        {"measure": measure.pk, "requested_deadline": "2024-10-31", "reason": "汛期影响施工"},
        format="json",
    )
    assert created.status_code == 201
    assert api_as("sp_staff").get(f"/api/v1/extension-requests/{created.json()['id']}/").status_code == 404
    approved = api_as("yjj_head").post(f"/api/v1/extension-requests/{created.json()['id']}/approve/")
    assert approved.json()["status"] == "approved"
    body = api_as("gx_staff").get(f"/api/v1/measures/{measure.pk}/").json()
    assert (body["deadline"], body["original_deadline"]) == ("2024-10-31", "2024-09-30")
    refused = (
        api_as("gx_staff")
        .post(
            "/api/v1/extension-requests/",
            {"measure": measure.pk, "requested_deadline": "2024-11-30", "reason": "再延"},
            format="json",
        )
        .json()
    )
    response = api_as("yjj_head").post(f"/api/v1/extension-requests/{refused['id']}/refuse/", {"note": ""})
    assert response.status_code == 400 and "note" in response.json()


def test_allocations_through_the_api_say_when_they_do_not_add_up(api_as, db):
    roads = QuantitativeTarget.objects.get(plan__year=2024, name="防火道路新建和改建")
    gx, sp = OrgUnit.objects.get(name="桂溪街道"), OrgUnit.objects.get(name="沙坪镇")
    body = (
        api_as("county_admin")
        .put(
            f"/api/v1/targets/{roads.pk}/allocations/",
            {"allocations": [{"unit": gx.pk, "quantity": "100"}, {"unit": sp.pk, "quantity": "40"}]},
            format="json",
        )
        .json()
    )
    assert body["allocated"] == "140.00" and "不一致" in body["warning"]
    assert (
        api_as("gx_staff")
        .put(f"/api/v1/targets/{roads.pk}/allocations/", {"allocations": []}, format="json")
        .status_code
        == 403
    )


@pytest.mark.parametrize("path", ["/api/v1/measures/", "/api/v1/progress-reports/", "/api/v1/extension-requests/"])
def test_work_lists_take_the_same_number_of_queries_whatever_the_page_size(api_as, path, db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(15):
        report = ReportFactory(status=ReportStatus.APPROVED)
        report.measure.extension_requests.create(
            previous_deadline=report.measure.deadline,
            reason="x",
            requested_deadline=datetime.date(2025, 1, 31),
            requested_by=report.created_by,
        )
    client = api_as("county_admin")
    client.get(path)  # the person's scope is computed once per user object; leave it out of the count
    counts = []
    for page_size in [2, 100]:
        with CaptureQueriesContext(connection) as queries:
            assert len(client.get(path, {"page_size": page_size}).json()["results"]) == min(page_size, 15)
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 6
