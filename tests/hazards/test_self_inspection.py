"""日周月排查: recording checks, the 自查自报 hazards their findings open, and the checks that were missed."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import Enterprise
from hazards.cadence import due_periods
from hazards.models import Checklist, EnterpriseChecklist, Hazard, SelfInspection
from hazards.selectors_inspection import missed_checks
from hazards.self_inspection import self_inspection_record
from tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2024, 6, 3)  # 2024年第23周


@pytest.fixture
def enterprise():
    return Enterprise.objects.filter(township__name="桂溪街道", supervising_department__short_name="应急局").first()


@pytest.fixture
def daily():
    return Checklist.objects.get(name="危险化学品企业日检查表")


@pytest.fixture
def weekly():
    return Checklist.objects.get(name="建设施工现场周检查表")


def answers(checklist, problems=None):
    """Every item answered: 正常, or 有问题 with the text given for its number."""
    problems = problems or {}
    return [
        {"item": item.pk, "ok": item.order not in problems, "finding": problems.get(item.order, "")}
        for item in checklist.items.all()
    ]


def record(user, enterprise, checklist, day, problems=None):
    return self_inspection_record(
        actor=user,
        enterprise=enterprise,
        checklist=checklist,
        performed_on=day,
        results=answers(checklist, problems),
        note="",
    )


def test_a_clean_daily_check_is_recorded_for_its_day(demo_user, enterprise, daily):
    hazards_before = Hazard.objects.count()
    inspection = record(demo_user("gx_staff"), enterprise, daily, MONDAY)
    assert (inspection.cadence, inspection.period_start, inspection.result) == ("daily", MONDAY, "ok")
    assert inspection.performed_by.username == "gx_staff" and inspection.period_label == "2024年6月3日"
    assert not inspection.findings.exists() and Hazard.objects.count() == hazards_before


def test_a_check_with_two_findings_opens_two_self_reported_hazards_of_the_enterprise_units(
    demo_user, enterprise, daily
):
    problems = {2: "2号储罐可燃气体报警器被屏蔽", 5: "消防通道堆放空桶"}
    inspection = record(demo_user("gx_staff"), enterprise, daily, MONDAY, problems)
    assert inspection.result == "findings"
    findings = list(inspection.findings.select_related("item", "hazard__territory", "hazard__supervising_department"))
    assert [(f.item.order, f.description) for f in findings] == sorted(problems.items())
    for finding in findings:
        hazard = finding.hazard
        assert hazard.source == "self" and hazard.is_self_reported and hazard.get_source_display() == "自查自报"
        assert hazard.enterprise == enterprise and hazard.title == finding.description
        assert hazard.territory.name == "桂溪街道" and hazard.supervising_department.short_name == "应急局"
        assert hazard.found_on == MONDAY and hazard.deadline == MONDAY + datetime.timedelta(days=15)
        assert hazard.status == "pending" and hazard.sector == "hazardous_chemicals"
        assert "危险化学品企业日检查表" in hazard.description and hazard.events.get().actor.username == "gx_staff"


def test_a_second_check_for_the_same_period_is_refused_and_names_the_period(demo_user, enterprise, weekly):
    record(demo_user("gx_staff"), enterprise, weekly, MONDAY)
    with pytest.raises(ValidationError) as refused:
        record(demo_user("yjj_staff"), enterprise, weekly, MONDAY + datetime.timedelta(days=3), {1: "基坑边堆土"})
    message = refused.value.message_dict["performed_on"][0]
    assert "2024年第23周（6月3日—6月9日）" in message and "2024-06-03" in message and "不能重复记录" in message
    assert SelfInspection.objects.filter(enterprise=enterprise).count() == 1
    assert not Hazard.objects.filter(title="基坑边堆土").exists()  # nothing half-saved


def test_a_check_dated_in_the_future_or_with_an_unexplained_problem_is_refused(demo_user, enterprise, daily):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as future:
        record(demo_user("gx_staff"), enterprise, daily, tomorrow)
    assert "检查日期不能晚于今天" in future.value.message_dict["performed_on"][0]
    results = answers(daily, {3: ""})
    with pytest.raises(ValidationError) as unexplained:
        self_inspection_record(
            actor=demo_user("gx_staff"),
            enterprise=enterprise,
            checklist=daily,
            performed_on=MONDAY,
            results=results[1:],
        )
    errors = unexplained.value.message_dict["results"]
    assert any("有问题，请写明发现的问题" in e for e in errors) and any("还没有填写结果" in e for e in errors)
    assert not SelfInspection.objects.filter(enterprise=enterprise).exists()


def test_sp_staff_cannot_record_for_a_guixi_enterprise(demo_user, enterprise, daily, web_as, api_as):
    for username in ["sp_staff", "county_leader"]:
        with pytest.raises(PermissionDenied):
            record(demo_user(username), enterprise, daily, MONDAY)
    assert web_as("sp_staff").get(f"/hazards/self-inspections/record/{enterprise.pk}/{daily.pk}/").status_code == 404
    body = {"enterprise": enterprise.pk, "checklist": daily.pk, "performed_on": "2024-06-03", "results": []}
    refused = api_as("sp_staff").post("/api/v1/self-inspections/", body, format="json")
    assert refused.status_code == 400 and "enterprise" in refused.json()
    assert not SelfInspection.objects.filter(enterprise=enterprise).exists()


def test_a_missed_weekly_check_shows_for_the_enterprise_and_its_township_only(
    demo_user, enterprise, weekly, web_as, api_as
):
    EnterpriseChecklist.objects.create(enterprise=enterprise, checklist=weekly, since=MONDAY)
    record(demo_user("gx_staff"), enterprise, weekly, MONDAY + datetime.timedelta(days=1))
    wednesday = datetime.date(2024, 6, 26)  # the week of 6月24日 is still open

    [row] = [r for r in missed_checks(user=demo_user("gx_staff"), today=wednesday) if r.enterprise == enterprise]
    assert row.missed == [datetime.date(2024, 6, 17), datetime.date(2024, 6, 10)]
    assert row.missed_labels() == ["2024年第25周（6月17日—6月23日）", "2024年第24周（6月10日—6月16日）"]
    assert row.last_performed_on == datetime.date(2024, 6, 4)
    assert not any(r.enterprise == enterprise for r in missed_checks(user=demo_user("sp_staff"), today=wednesday))

    due = len(list(due_periods(MONDAY, timezone.localdate(), "weekly"))) - 1
    assert f'hx-get="/hazards/self-inspections/enterprise/{enterprise.pk}/"' in (
        web_as("gx_staff").get(f"/enterprises/{enterprise.pk}/").content.decode()
    )
    fragment = web_as("gx_staff").get(f"/hazards/self-inspections/enterprise/{enterprise.pk}/").content.decode()
    assert f"漏查 {due} 次" in fragment and "建设施工现场周检查表" in fragment
    unit_page = web_as("gx_staff").get("/hazards/self-inspections/", {"cadence": "weekly", "missed": "1"})
    assert enterprise.name in unit_page.content.decode() and f"漏查 {due} 次" in unit_page.content.decode()

    assert web_as("sp_staff").get(f"/hazards/self-inspections/enterprise/{enterprise.pk}/").status_code == 404
    assert enterprise.name not in web_as("sp_staff").get("/hazards/self-inspections/").content.decode()
    api_rows = api_as("gx_staff").get("/api/v1/self-inspections/missed/", {"cadence": "weekly"}).json()["results"]
    assert [r["missed_count"] for r in api_rows if r["enterprise"] == enterprise.pk] == [due]
    assert api_as("sp_staff").get("/api/v1/self-inspections/missed/").json()["results"] == []


def test_a_check_is_recorded_from_the_phone_form_and_a_refused_form_keeps_the_answers(web_as, enterprise, daily):
    client = web_as("gx_staff")
    url = f"/hazards/self-inspections/record/{enterprise.pk}/{daily.pk}/"
    assert daily.name in client.get(f"/hazards/self-inspections/record/{enterprise.pk}/").content.decode()
    form = {"performed_on": "2024-06-03", "note": "", "extra": "厂区围墙破损"}
    for item in daily.items.all():
        form[f"answer_{item.pk}"] = "problem" if item.order == 2 else "ok"
        form[f"finding_{item.pk}"] = ""
    refused = client.post(url, form)
    assert refused.status_code == 400 and "请写明发现的问题" in refused.content.decode()
    assert "厂区围墙破损" in refused.content.decode() and not SelfInspection.objects.exists()

    second = daily.items.get(order=2)
    response = client.post(url, {**form, f"finding_{second.pk}": "报警器被屏蔽"})
    inspection = SelfInspection.objects.get(enterprise=enterprise)
    assert response.status_code == 302 and response["Location"] == f"/hazards/self-inspections/{inspection.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "报警器被屏蔽" in page and "厂区围墙破损" in page and page.count("YH2024-") == 2
    assert web_as("sp_staff").get(f"/hazards/self-inspections/{inspection.pk}/").status_code == 404


def test_the_api_records_a_check_and_refuses_a_second_for_the_period(api_as, enterprise, daily):
    client = api_as("yjj_staff")
    results = [{"item": r["item"], "ok": r["ok"]} for r in answers(daily)]
    results[0] = {"item": results[0]["item"], "ok": False, "finding": "罐区静电导除桩损坏"}
    body = {"enterprise": enterprise.pk, "checklist": daily.pk, "performed_on": "2024-06-03", "results": results}
    created = client.post("/api/v1/self-inspections/", body, format="json")
    assert created.status_code == 201, created.json()
    data = created.json()
    assert data["result"] == "findings" and data["period_label"] == "2024年6月3日"
    assert (
        data["findings"][0]["hazard_number"].startswith("YH2024-") and data["findings"][0]["hazard_status"] == "pending"
    )
    again = client.post("/api/v1/self-inspections/", body, format="json")
    assert again.status_code == 400 and "不能重复记录" in again.json()["performed_on"][0]
    assert client.get(f"/api/v1/self-inspections/{data['id']}/").status_code == 200
    assert api_as("sp_staff").get(f"/api/v1/self-inspections/{data['id']}/").status_code == 404


@pytest.mark.parametrize("how_many", [3, 30])
def test_the_list_endpoint_takes_the_same_number_of_queries_for_few_or_many_checks(
    how_many, api_as, demo_user, enterprise, daily
):
    staff = demo_user("gx_staff")
    for n in range(how_many):
        problems = {1: f"第{n}天发现的问题"} if n % 3 == 0 else None
        record(staff, enterprise, daily, MONDAY + datetime.timedelta(days=n), problems)
    client = api_as("county_admin")
    client.get("/api/v1/self-inspections/")  # the person's scope is computed once per user object
    with CaptureQueriesContext(connection) as queries:
        rows = client.get("/api/v1/self-inspections/", {"page_size": 100}).json()["results"]
    assert len(rows) == how_many and any(r["findings"] for r in rows)
    assert len(queries) == 3  # count, the page, its findings with their items and hazards


@pytest.mark.parametrize("how_many", [5, 50])
def test_missed_checks_take_a_fixed_number_of_queries_for_few_or_many_enterprises(how_many, demo_user, weekly):
    staff = demo_user("gx_staff")
    for n in range(how_many):
        enterprise = EnterpriseFactory()
        EnterpriseChecklist.objects.create(enterprise=enterprise, checklist=weekly, since=MONDAY)
        if n % 2:
            record(demo_user("county_admin"), enterprise, weekly, MONDAY)
    today = datetime.date(2024, 7, 1)
    missed_checks(user=staff, today=today)  # the person's scope is computed once per user object
    with CaptureQueriesContext(connection) as queries:
        rows = missed_checks(user=staff, today=today)
    assert len(rows) == how_many
    assert {len(r.missed) for r in rows} == {3, 4}  # 4 weeks due, the odd ones checked in the first
    assert len(queries) == 2  # the assignments, the checks


@pytest.mark.parametrize("path", ["/hazards/self-inspections/", "/hazards/self-inspections/enterprise/{pk}/"])
def test_the_self_inspection_pages_take_the_same_number_of_queries_for_few_or_many_enterprises(
    path, web_as, demo_user, enterprise, weekly, daily
):
    client = web_as("gx_staff")
    counts = []
    for extra in [2, 20]:
        for n in range(extra):
            other = EnterpriseFactory()
            EnterpriseChecklist.objects.create(enterprise=other, checklist=weekly, since=MONDAY)
            EnterpriseChecklist.objects.create(
                enterprise=enterprise,
                checklist=Checklist.objects.create(name=f"测试检查表{extra}-{n}", cadence="monthly"),
                since=MONDAY,
            )
            record(demo_user("gx_staff"), enterprise, daily, MONDAY + datetime.timedelta(days=extra + n), {1: "问题"})
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path.format(pk=enterprise.pk)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
