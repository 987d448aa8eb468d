"""Inspections: findings open hazards, the three-step loop, checklist versions, the printed order, who sees and
who writes. The first acceptance item of issue 7 runs through the API."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import Enterprise, OrgUnit
from hazards.choices import HazardSource, HazardStatus
from hazards.models import Hazard
from hazards.workflow import hazard_transition
from inspections import services, workflow
from inspections.choices import InspectionStatus
from inspections.models import ChecklistTemplate, Finding, Inspection, InspectionEvent

D = datetime.date
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
URL = "/api/v1/inspections/"
ANSWERS = [("pass", ""), ("fail", "未报备")]


def yjj():
    return OrgUnit.objects.get(short_name="应急局")


def chem_enterprise():
    """A demo enterprise in 桂溪街道 supervised by 应急局."""
    return Enterprise.objects.filter(is_demo=True, sector="hazardous_chemicals", township__name="桂溪街道").first()


def payload(demo_user, **overrides):
    checklist = ChecklistTemplate.objects.get(sector="hazardous_chemicals", is_current=True)
    items = list(checklist.items.all())
    return {
        "kind": "enforcement",
        "department": yjj().pk,
        "inspectors": [demo_user("yjj_staff").pk, demo_user("yjj_head").pk],
        "enterprise": chem_enterprise().pk,
        "inspected_on": "2024-05-10",
        "checklist": checklist.pk,
        "answers": [{"item": i.pk, "value": v, "note": n} for i, (v, n) in zip(items, ANSWERS, strict=False)],
        "summary": "现场检查储罐区和装卸区。",
        "findings": [
            {
                "description": "储罐区可燃气体报警器失效",
                "legal_basis": "《安全生产法》第三十六条",
                "deadline": "2024-05-20",
            },
            {
                "description": "重大危险源未按期评估",
                "legal_basis": "《安全生产法》第四十条",
                "deadline": "2024-05-31",
                "level": "major",
            },
        ],
        **overrides,
    }


def record(demo_user, actor="yjj_staff", **overrides):
    values = payload(demo_user)
    values.update(overrides)
    values["department"] = OrgUnit.objects.get(pk=values["department"])
    values["inspectors"] = [demo_user(n) for n in ("yjj_staff", "yjj_head")]
    values["enterprise"] = Enterprise.objects.get(pk=values["enterprise"])
    values["checklist"] = ChecklistTemplate.objects.get(pk=values["checklist"])
    values["inspected_on"] = D.fromisoformat(values["inspected_on"])
    values["findings"] = [{**f, "deadline": D.fromisoformat(f["deadline"])} for f in values["findings"]]
    return services.inspection_record(actor=demo_user(actor), **values)


def close_hazard(hazard, demo_user):
    hazard_transition(hazard=hazard, to=HazardStatus.RECTIFYING, actor=demo_user("yjj_staff"))
    hazard_transition(
        hazard=hazard,
        to=HazardStatus.VERIFYING,
        actor=demo_user("gx_staff"),
        files=[SimpleUploadedFile("after.png", PNG)],
    )
    hazard_transition(hazard=hazard, to=HazardStatus.CLOSED, actor=demo_user("yjj_head"))


def test_the_first_acceptance_item_through_the_api(api_as, demo_user):
    api = api_as("yjj_staff")
    response = api.post(URL, payload(demo_user), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["number"].startswith("JC2024-") and body["status"] == InspectionStatus.RECTIFYING
    assert body["recheck_due"] == "2024-05-31"  # the latest finding's deadline
    assert [a["value"] for a in body["answers"]] == ["pass", "fail"]
    inspection = Inspection.objects.get(pk=body["id"])
    hazards = Hazard.objects.filter(inspection_finding__inspection=inspection).order_by("deadline")
    assert hazards.count() == 2
    for hazard, finding in zip(hazards, inspection.findings.order_by("deadline"), strict=True):
        assert finding.hazard == hazard and hazard.inspection_finding.inspection == inspection
        assert hazard.source == HazardSource.ENFORCEMENT and hazard.enterprise == inspection.enterprise
        assert hazard.supervising_department == yjj() and hazard.territory == inspection.township
    assert hazards[1].level == "major"
    assert {f["hazard_number"] for f in body["findings"]} == {h.number for h in hazards}

    close = f"{URL}{inspection.pk}/close/"
    refused = api.post(close, {}, format="json")
    assert refused.status_code == 400 and "还有2条隐患未销号" in refused.content.decode()
    for hazard in hazards:
        close_hazard(hazard, demo_user)
    refused = api.post(close, {}, format="json")
    assert refused.status_code == 400 and "复查" in refused.content.decode()

    early = api.post(
        f"{URL}{inspection.pk}/recheck/", {"rechecked_on": "2024-05-09", "result": "passed"}, format="json"
    )
    assert early.status_code == 400 and "复查日期不能早于检查日期" in early.content.decode()
    passed = api.post(
        f"{URL}{inspection.pk}/recheck/", {"rechecked_on": "2024-06-03", "result": "passed"}, format="json"
    )
    assert passed.status_code == 200 and passed.json()["status"] == InspectionStatus.RECHECKED
    closed = api.post(close, {"note": "全部整改到位"}, format="json")
    assert closed.status_code == 200, closed.content
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.CLOSED and inspection.closed_at is not None
    kinds = list(inspection.events.values_list("kind", flat=True))
    assert kinds == ["recorded", "finding", "finding", "recheck", "closed"]


def test_the_hazard_page_links_back_to_its_inspection(web_as, demo_user):
    inspection = record(demo_user)
    hazard = inspection.findings.first().hazard
    page = web_as("yjj_staff").get(reverse("hazards:detail", args=[hazard.pk]))
    assert f"来自检查 {inspection.number}" in page.content.decode()


def _nothing_saved(before):
    assert (Inspection.objects.count(), Hazard.objects.count(), Finding.objects.count()) == before


def _counts():
    return Inspection.objects.count(), Hazard.objects.count(), Finding.objects.count()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"inspectors": "one"}, "执法检查至少须两名执法人员"),
        ({"inspected_on": "2999-01-01"}, "检查日期不能晚于今天"),
        ({"findings": "second_bad"}, "第2条问题：整改期限不能早于检查日期"),
        ({"inspectors": "stranger"}, "检查人员须为本部门在岗人员"),
        ({"enterprise": None}, "请选择被检查单位或填写检查地点"),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(overrides, message, api_as, demo_user):
    data = payload(demo_user)
    if overrides.get("inspectors") == "one":
        data["inspectors"] = [demo_user("yjj_staff").pk]
    elif overrides.get("inspectors") == "stranger":
        data["inspectors"] = [demo_user("yjj_staff").pk, demo_user("jtj_head").pk]
    elif overrides.get("findings") == "second_bad":
        data["findings"][1]["deadline"] = "2024-05-01"
    else:
        data.update(overrides)
    before = _counts()
    response = api_as("yjj_staff").post(URL, data, format="json")
    assert response.status_code == 400 and message in response.content.decode(), response.content
    _nothing_saved(before)


def test_a_failed_recheck_keeps_it_rectifying_with_a_new_due_date(demo_user):
    inspection = record(demo_user)
    with pytest.raises(ValidationError):  # a failed re-check says what is wrong
        workflow.inspection_recheck(
            actor=demo_user("yjj_staff"), inspection=inspection, rechecked_on=D(2024, 6, 1), result="failed"
        )
    workflow.inspection_recheck(
        actor=demo_user("yjj_staff"),
        inspection=inspection,
        rechecked_on=D(2024, 6, 1),
        result="failed",
        note="报警器仍未修复",
        next_due=D(2024, 6, 15),
    )
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.RECTIFYING and inspection.recheck_due == D(2024, 6, 15)
    assert inspection.events.filter(kind="recheck").count() == 1


def test_no_findings_recheck_due_after_the_default_days(demo_user, settings):
    settings.INSPECTION_RECHECK_DAYS = 30
    inspection = record(demo_user, findings=[], answers=[])
    assert inspection.recheck_due == D(2024, 6, 9)


def test_a_finding_found_later_opens_a_hazard_and_needs_a_new_recheck(api_as, demo_user):
    inspection = record(demo_user)
    workflow.inspection_recheck(
        actor=demo_user("yjj_staff"), inspection=inspection, rechecked_on=D(2024, 6, 1), result="passed"
    )
    response = api_as("yjj_head").post(
        f"{URL}{inspection.pk}/findings/",
        {"description": "应急预案未演练", "deadline": "2024-07-01"},
        format="json",
    )
    assert response.status_code == 201, response.content
    inspection.refresh_from_db()
    assert inspection.findings.count() == 3 and inspection.status == InspectionStatus.RECTIFYING
    assert inspection.recheck_due == D(2024, 7, 1)


def test_a_used_checklist_is_edited_as_a_new_version(demo_user):
    admin = demo_user("county_admin")
    inspection = record(demo_user)
    used = inspection.checklist
    frozen = list(inspection.answers.values_list("text", "legal_basis"))
    new = services.checklist_update(actor=admin, template=used, name=used.name, items=[("新检查项", "新依据")])
    used.refresh_from_db()
    assert new.pk != used.pk and new.version == used.version + 1 and new.is_current and not used.is_current
    assert list(inspection.answers.values_list("text", "legal_basis")) == frozen
    assert used.items.count() > 1  # the old version keeps its items
    with pytest.raises(ValidationError):
        record(demo_user, checklist=used.pk, answers=[])  # the old version is not offered any more


def test_an_unused_checklist_is_edited_in_place_and_only_by_the_county_office(web_as, demo_user):
    admin = demo_user("county_admin")
    template = services.checklist_create(actor=admin, sector="fire", name="测试检查表", items=[("一", "依据一")])
    response = web_as("county_admin").post(
        reverse("inspections:checklist-edit", args=[template.pk]),
        {"name": "测试检查表", "items": "一｜依据一\n二|依据二\n"},
    )
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.version == 1 and list(template.items.values_list("text", flat=True)) == ["一", "二"]
    bad = web_as("county_admin").post(
        reverse("inspections:checklist-edit", args=[template.pk]), {"name": "测试检查表", "items": "没有依据"}
    )
    assert bad.status_code == 400 and "没有依据" in bad.content.decode()
    assert web_as("yjj_staff").get(reverse("inspections:checklist-edit", args=[template.pk])).status_code == 403
    assert web_as("yjj_staff").get(reverse("inspections:checklist-detail", args=[template.pk])).status_code == 200


def test_the_printable_order_carries_the_enterprise_findings_and_deadlines(web_as, demo_user):
    inspection = record(demo_user)
    page = web_as("yjj_staff").get(reverse("inspections:inspection-print-order", args=[inspection.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert inspection.enterprise.name in html and "储罐区可燃气体报警器失效" in html and "重大危险源未按期评估" in html
    assert "2024年5月20日" in html and "2024年5月31日" in html
    assert f"（垫）应急责改〔2024〕{inspection.number}号" in html
    assert "<script>" not in html  # the print button's script is a static file
    record_page = web_as("yjj_staff").get(reverse("inspections:inspection-print-record", args=[inspection.pk]))
    assert record_page.status_code == 200 and "现场检查记录" in record_page.content.decode()


def test_another_departments_inspection_is_not_found_and_read_only_roles_cannot_write(api_as, web_as, demo_user):
    road = Enterprise.objects.filter(is_demo=True, sector="road_traffic").first()
    jtj = OrgUnit.objects.get(short_name="交通局")
    theirs = services.inspection_record(
        actor=demo_user("jtj_head"),
        kind="supervision",
        department=jtj,
        inspectors=[demo_user("jtj_head")],
        enterprise=road,
        inspected_on=D(2024, 5, 8),
    )
    ours = record(demo_user)
    assert web_as("yjj_staff").get(reverse("inspections:inspection-detail", args=[theirs.pk])).status_code == 404
    assert web_as("yjj_staff").get(reverse("inspections:inspection-detail", args=[ours.pk])).status_code == 200
    assert api_as("yjj_staff").get(f"{URL}{theirs.pk}/").status_code == 404
    listed = [row["id"] for row in api_as("yjj_staff").get(URL).json()["results"]]
    assert ours.pk in listed and theirs.pk not in listed
    # yjj_staff cannot record for 交通局
    refused = api_as("yjj_staff").post(URL, payload(demo_user, department=jtj.pk), format="json")
    assert refused.status_code == 403
    for reader in ("auditor", "county_leader"):
        api = api_as(reader)
        assert api.get(f"{URL}{ours.pk}/").status_code == 200
        before = _counts()
        assert api.post(URL, payload(demo_user), format="json").status_code == 403
        _nothing_saved(before)
        recheck = api.post(f"{URL}{ours.pk}/recheck/", {"rechecked_on": "2024-06-01", "result": "passed"})
        assert recheck.status_code == 403
    assert InspectionEvent.objects.filter(inspection=ours, kind="recheck").count() == 0


def test_recording_through_the_page(web_as, demo_user):
    client = web_as("yjj_staff")
    assert client.get(reverse("inspections:inspection-create")).status_code == 200
    data = {
        "kind": "enforcement",
        "department": yjj().pk,
        "inspectors": [demo_user("yjj_staff").pk, demo_user("yjj_head").pk],
        "inspected_on": "2024-05-12",
        "enterprise": chem_enterprise().pk,
        "findings-TOTAL_FORMS": "2",
        "findings-INITIAL_FORMS": "0",
        "findings-0-description": "安全出口堵塞",
        "findings-0-deadline": "2024-05-20",
        "findings-0-level": "general",
        "findings-1-description": "",
        "findings-1-level": "general",
    }
    response = client.post(reverse("inspections:inspection-create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    inspection = Inspection.objects.get()
    assert inspection.findings.get().hazard.title == "安全出口堵塞"
    one = {**data, "inspectors": [demo_user("yjj_staff").pk]}
    refused = client.post(reverse("inspections:inspection-create"), one)
    assert refused.status_code == 400 and "执法检查至少须两名执法人员" in refused.content.decode()
    assert "安全出口堵塞" in refused.content.decode()  # what was typed is kept
    assert Inspection.objects.count() == 1


def test_the_list_takes_a_fixed_number_of_queries(web_as, api_as, demo_user, django_assert_max_num_queries):
    for day in (2, 3, 4):
        record(demo_user, inspected_on=f"2024-05-{day:02d}")
    client = web_as("yjj_staff")
    with django_assert_max_num_queries(12):
        page = client.get(reverse("inspections:inspection-list"), {"month": "2024-05", "kind": "enforcement"})
    assert page.status_code == 200 and page.content.decode().count("JC2024-") == 3
    api = api_as("yjj_staff")
    with django_assert_max_num_queries(6):
        assert len(api.get(URL, {"month": "2024-05"}).json()["results"]) == 3
    assert api.get(URL, {"month": "2024-13"}).status_code == 400
    overdue = client.get(reverse("inspections:inspection-list"), {"recheck_overdue": "true"})
    assert overdue.content.decode().count("JC2024-") == 3


def test_checklists_api_is_read_only(api_as):
    api = api_as("yjj_staff")
    rows = api.get("/api/v1/checklists/", {"current": "true"}).json()["results"]
    assert {r["sector"] for r in rows} >= {"road_traffic", "construction", "fire", "hazardous_chemicals", "gas"}
    assert all(r["items"] and r["items"][0]["legal_basis"] for r in rows)
    assert api.post("/api/v1/checklists/", {}).status_code == 405
