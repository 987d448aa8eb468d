import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.choices import Sector
from responsibilities import duty_report_services as report_services
from responsibilities import duty_services as services
from responsibilities.models import (
    Duty,
    DutyList,
    DutyListKind,
    DutyReport,
    DutyReportStatus,
    Leader,
    SectorSupervision,
)
from responsibilities.models.duties import duty_report_due
from tasks.models import KeyAction, Plan, WorkItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader():
    return Leader.objects.get(name="李华（演示）")


@pytest.fixture
def other_year_item():
    plan_2024 = Plan.objects.get(year=2024)
    plan = Plan.objects.create(year=2025, title="2025年工作要点", issued_on=plan_2024.issued_on)
    source = WorkItem.objects.get(plan=plan_2024, number=1)
    system = source.system
    system.pk = None
    system.plan = plan
    system.save()
    return WorkItem.objects.create(
        plan=plan, system=system, number=1, title=source.title, text="", lead_unit=source.lead_unit
    )


def test_demo_lists_are_loaded(leader):
    lists = DutyList.objects.filter(leader=leader, year=2024)
    assert {dl.kind for dl in lists} == {DutyListKind.LEADER, DutyListKind.ANNUAL_TASKS}
    duty = Duty.objects.get(duty_list__leader=leader, order=1, duty_list__kind=DutyListKind.LEADER)
    assert [w.number for w in duty.work_items.all()] == [9]


def test_duty_linked_to_work_item_of_another_year_is_refused(demo_user, leader, other_year_item):
    duty_list = DutyList.objects.get(leader=leader, year=2024, kind=DutyListKind.LEADER)
    before = Duty.objects.count()
    with pytest.raises(ValidationError) as raised:
        services.duty_add(
            actor=demo_user("county_admin"), duty_list=duty_list, text="新职责", work_items=[other_year_item]
        )
    assert "所关联的工作任务不属于2024年工作要点" in str(raised.value)
    assert Duty.objects.count() == before


def test_duty_update_keeps_links_of_its_own_year(demo_user, leader, other_year_item):
    duty = Duty.objects.filter(duty_list__leader=leader).first()
    with pytest.raises(ValidationError):
        services.duty_update(actor=demo_user("county_admin"), duty=duty, text="改", work_items=[other_year_item])
    duty.refresh_from_db()
    assert duty.text != "改" and other_year_item not in duty.work_items.all()
    item = WorkItem.objects.get(plan__year=2024, number=5)
    action = KeyAction.objects.get(plan__year=2024, number=2)
    services.duty_update(actor=demo_user("county_admin"), duty=duty, work_items=[item], key_actions=[action])
    assert list(duty.work_items.all()) == [item] and list(duty.key_actions.all()) == [action]


def test_moving_a_list_to_another_year_with_linked_duties_is_refused(demo_user, leader, other_year_item):
    duty_list = DutyList.objects.get(leader=leader, year=2024, kind=DutyListKind.LEADER)
    with pytest.raises(ValidationError):
        services.duty_list_update(actor=demo_user("county_admin"), duty_list=duty_list, year=2025)
    duty_list.refresh_from_db()
    assert duty_list.year == 2024


def test_second_list_of_the_same_kind_and_year_is_refused(demo_user, leader):
    with pytest.raises(ValidationError) as raised:
        services.duty_list_create(actor=demo_user("county_admin"), leader=leader, year=2024, kind=DutyListKind.LEADER)
    assert "该领导干部本年度已有这一类责任清单。" in str(raised.value)


@pytest.mark.parametrize("username", ["county_leader", "auditor", "yjj_head", "gx_staff"])
def test_only_the_county_office_keeps_duty_lists(demo_user, leader, username):
    with pytest.raises(PermissionDenied):
        services.duty_list_create(actor=demo_user(username), leader=leader, year=2025, kind=DutyListKind.LEADER)
    with pytest.raises(PermissionDenied):
        services.sector_supervision_set(
            actor=demo_user(username), sector="small_works", department=leader.unit, duty_text=""
        )
    assert not DutyList.objects.filter(year=2025).exists()


def test_sector_supervision_needs_a_department(demo_user):
    township = Leader.objects.first().unit.children.filter(kind="township").first()
    with pytest.raises(ValidationError) as raised:
        services.sector_supervision_set(actor=demo_user("county_admin"), sector="small_works", department=township)
    assert "监管部门应为县级部门。" in str(raised.value)
    assert not SectorSupervision.objects.filter(sector="small_works").exists()


# ---- pages ---------------------------------------------------------------------------------------------------


def test_sector_map_flags_the_sector_without_a_department(web_as, django_assert_max_num_queries):
    client = web_as("gx_staff")
    with django_assert_max_num_queries(8):
        response = client.get(reverse("responsibilities:sector-map"))
    assert response.status_code == 200
    sectors = {s["sector"]: s for s in response.context["sectors"]}
    assert set(sectors) == set(Sector.values)
    assert sectors["small_works"]["blind"] and not sectors["small_works"]["supervisions"]
    assert [r.department.short_name for r in sectors["road_traffic"]["supervisions"]] == ["交通局"]
    assert response.context["blind_count"] == 1
    assert "监管盲区" in response.content.decode()


def test_sector_map_is_one_query(demo_user, django_assert_num_queries):
    from responsibilities.duty_selectors import sector_map

    user = demo_user("auditor")
    sector_map(user=user)  # the scope is computed once per person
    with django_assert_num_queries(1):
        sector_map(user=user)


def test_leader_pages_show_duties_with_work_item_links(web_as, leader):
    client = web_as("auditor")
    assert client.get(reverse("responsibilities:leader-list")).status_code == 200
    response = client.get(reverse("responsibilities:leader-detail", args=[leader.pk]))
    item = WorkItem.objects.get(plan__year=2024, number=9)
    assert response.status_code == 200
    assert reverse("work-item-detail", args=[item.pk]) in response.content.decode()
    assert "添加职责" not in response.content.decode()


def test_read_only_roles_cannot_open_the_forms(web_as, leader):
    duty_list = leader.duty_lists.first()
    for username in ("county_leader", "auditor"):
        client = web_as(username)
        assert client.get(reverse("responsibilities:duty-add", args=[duty_list.pk])).status_code == 403
        assert client.post(reverse("responsibilities:duty-list-create"), {}).status_code == 403


def test_duty_form_refusal_keeps_what_was_typed(web_as, leader):
    duty_list = DutyList.objects.get(leader=leader, year=2024, kind=DutyListKind.LEADER)
    client = web_as("county_admin")
    url = reverse("responsibilities:duty-add", args=[duty_list.pk])
    response = client.post(url, {"order": 1, "text": "重复序号的职责"})
    assert response.status_code == 400 and "重复序号的职责" in response.content.decode()
    item = WorkItem.objects.get(plan__year=2024, number=3)
    response = client.post(url, {"text": "新职责", "work_items": [item.pk]})
    assert response.status_code == 302
    assert Duty.objects.get(duty_list=duty_list, text="新职责").order == 3


# ---- API -----------------------------------------------------------------------------------------------------


def test_api_lists_and_details_duty_lists(api_as, leader):
    client = api_as("api_client")
    response = client.get("/api/v1/duty-lists/", {"year": 2024, "leader": leader.pk})
    assert response.status_code == 200
    rows = response.json()["results"] if isinstance(response.json(), dict) else response.json()
    assert {r["kind"] for r in rows} == {"leader", "annual_tasks"}
    detail = client.get(f"/api/v1/duty-lists/{rows[0]['id']}/").json()
    assert detail["leader"]["name"] == "李华（演示）" and "duties" in detail


def test_api_create_is_for_the_county_office(api_as, leader):
    body = {"leader": leader.pk, "year": 2025, "kind": "leader"}
    assert api_as("api_client").post("/api/v1/duty-lists/", body, format="json").status_code == 403
    response = api_as("county_admin").post("/api/v1/duty-lists/", body, format="json")
    assert response.status_code == 201 and response.json()["year"] == 2025
    again = api_as("county_admin").post("/api/v1/duty-lists/", body, format="json")
    assert again.status_code == 400 and "该领导干部本年度已有这一类责任清单。" in str(again.json())


# ---- half-year duty reports ----------------------------------------------------------------------------------


@pytest.fixture
def mayor():
    return Leader.objects.get(name="张明（演示）")  # linked to the county_leader account


def test_report_due_dates():
    assert duty_report_due(2024, 1) == datetime.date(2024, 7, 15)
    assert duty_report_due(2024, 2) == datetime.date(2025, 1, 15)


def test_report_workflow_submit_return_resubmit_review(demo_user, mayor):
    author, admin = demo_user("county_leader"), demo_user("county_admin")
    report = report_services.duty_report_save(actor=author, leader=mayor, year=2024, half=1, text="")
    with pytest.raises(ValidationError):
        report_services.duty_report_submit(actor=author, report=report)  # empty text
    report = report_services.duty_report_save(actor=author, leader=mayor, year=2024, half=1, text="上半年履职情况")
    report = report_services.duty_report_submit(actor=author, report=report)
    assert report.status == DutyReportStatus.SUBMITTED and report.submitted_at
    with pytest.raises(ValidationError):
        report_services.duty_report_save(actor=author, leader=mayor, year=2024, half=1, text="改")
    with pytest.raises(ValidationError) as raised:
        report_services.duty_report_return(actor=admin, report=report, note="")
    assert "退回时请填写审阅意见。" in str(raised.value)
    report = report_services.duty_report_return(actor=admin, report=report, note="请补充隐患排查情况")
    assert report.status == DutyReportStatus.RETURNED
    report_services.duty_report_save(actor=author, leader=mayor, year=2024, half=1, text="补充后的履职情况")
    report = report_services.duty_report_submit(actor=author, report=report)
    report = report_services.duty_report_review(actor=admin, report=report, note="同意")
    assert report.status == DutyReportStatus.REVIEWED and report.reviewed_by == admin
    with pytest.raises(ValidationError):
        report_services.duty_report_review(actor=admin, report=report)


@pytest.mark.parametrize("username", ["auditor", "api_client", "county_admin", "yjj_head"])
def test_only_the_leader_writes_the_report(demo_user, mayor, username):
    with pytest.raises(PermissionDenied):
        report_services.duty_report_save(actor=demo_user(username), leader=mayor, year=2024, half=1, text="代写")
    assert not DutyReport.objects.exists()


@pytest.mark.parametrize("username", ["auditor", "api_client", "county_leader", "yjj_head"])
def test_only_the_county_office_reviews(demo_user, mayor, username):
    report = report_services.duty_report_save(
        actor=demo_user("county_leader"), leader=mayor, year=2024, half=1, text="x"
    )
    report = report_services.duty_report_submit(actor=demo_user("county_leader"), report=report)
    with pytest.raises(PermissionDenied):
        report_services.duty_report_review(actor=demo_user(username), report=report)
    report.refresh_from_db()
    assert report.status == DutyReportStatus.SUBMITTED


def test_api_report_workflow(api_as, mayor):
    author = api_as("county_leader")
    body = {"leader": mayor.pk, "year": 2024, "half": 2, "text": "下半年履职情况"}
    assert api_as("auditor").post("/api/v1/duty-reports/", body, format="json").status_code == 403
    created = author.post("/api/v1/duty-reports/", body, format="json")
    assert created.status_code == 201 and created.json()["due_on"] == "2025-01-15"
    pk = created.json()["id"]
    assert author.post(f"/api/v1/duty-reports/{pk}/submit/").json()["status"] == "submitted"
    refused = api_as("auditor").post(f"/api/v1/duty-reports/{pk}/review/", {"decision": "accept"}, format="json")
    assert refused.status_code == 403
    bad = api_as("county_admin").post(f"/api/v1/duty-reports/{pk}/review/", {"decision": "return"}, format="json")
    assert bad.status_code == 400 and "退回时请填写审阅意见。" in str(bad.json())
    done = api_as("county_admin").post(f"/api/v1/duty-reports/{pk}/review/", {"decision": "accept"}, format="json")
    assert done.status_code == 200 and done.json()["status"] == "reviewed"
    listed = api_as("api_client").get("/api/v1/duty-reports/", {"year": 2024}).json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [r["id"] for r in rows] == [pk]


def test_a_missing_half_year_report_reminds_the_county_office(demo_user, mayor):
    import time_machine

    from notifications.models import Reminder, ReminderRule
    from notifications.sweep import reminder_sweep_due

    assert ReminderRule.objects.filter(source="duty_report_missing", is_active=True).exists()
    today = datetime.date(2024, 7, 15)
    with time_machine.travel(datetime.datetime(2024, 7, 15, 9, 0, tzinfo=datetime.UTC), tick=False):
        rows = Reminder.objects.filter(pk__in=reminder_sweep_due(today=today), source="duty_report_missing")
        assert {(r.object_id, r.recipient.username) for r in rows} == {(mayor.pk, "county_admin")}
        assert "2024年上半年述职报告未提交" in rows.first().title
        author = demo_user("county_leader")
        report = report_services.duty_report_save(actor=author, leader=mayor, year=2024, half=1, text="履职情况")
        report_services.duty_report_submit(actor=author, report=report)
        later = datetime.date(2024, 7, 22)
        assert not Reminder.objects.filter(pk__in=reminder_sweep_due(today=later), source="duty_report_missing")


def test_report_pages_submit_and_review(web_as, mayor):
    url = reverse("responsibilities:duty-report-write", args=[mayor.pk, 2024, 1])
    assert web_as("auditor").get(url).status_code == 403
    client = web_as("county_leader")
    assert client.get(reverse("responsibilities:leader-detail", args=[mayor.pk])).status_code == 200
    refused = client.post(url, {"text": "", "submit": "1"})
    assert refused.status_code == 400 and "请填写述职内容后再提交。" in refused.content.decode()
    response = client.post(url, {"text": "上半年履职", "submit": "1"})
    report = DutyReport.objects.get(leader=mayor, year=2024, half=1)
    assert response.status_code == 302 and report.status == DutyReportStatus.SUBMITTED
    detail = reverse("responsibilities:duty-report-detail", args=[report.pk])
    assert web_as("auditor").post(detail, {"review_note": "x"}).status_code == 403
    admin = web_as("county_admin")
    assert "审阅通过" in admin.get(detail).content.decode()
    assert admin.post(detail, {"review_note": "", "return": "1"}).status_code == 400
    assert admin.post(detail, {"review_note": "请补充", "return": "1"}).status_code == 302
    report.refresh_from_db()
    assert report.status == DutyReportStatus.RETURNED and report.review_note == "请补充"


def test_the_county_office_closes_a_blind_spot_from_the_sector_map(web_as):
    url = reverse("responsibilities:sector-supervision-set")
    assert web_as("auditor").get(url).status_code == 403
    client = web_as("county_admin")
    assert client.get(url + "?sector=small_works").status_code == 200
    township = Leader.objects.first().unit.children.filter(kind="township").first()
    refused = client.post(url, {"sector": "small_works", "department": township.pk, "duty_text": "小散工程"})
    assert refused.status_code == 400 and "小散工程" in refused.content.decode()
    department = SectorSupervision.objects.get(sector="construction").department
    assert client.post(url, {"sector": "small_works", "department": department.pk}).status_code == 302
    response = client.get(reverse("responsibilities:sector-map"))
    assert response.context["blind_count"] == 0


def test_the_county_office_registers_a_leader(web_as, demo_user):
    client = web_as("county_admin")
    county = Leader.objects.first().unit
    data = {"name": "王强", "post": "分管副县长", "unit": county.pk, "is_active": "on", "sort_order": 3}
    response = client.post(reverse("responsibilities:leader-create"), data)
    assert response.status_code == 302 and Leader.objects.filter(name="王强").exists()
    assert web_as("county_leader").post(reverse("responsibilities:leader-create"), data).status_code == 403
