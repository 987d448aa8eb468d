"""Issue 7's first acceptance item end to end through the API: the inspection, its two hazards, a 一案双罚 penalty,
the closing rule, and the May 2024 "三个强度" figures of 应急局 that count it all."""

import pytest

from inspections.models import Inspection, Penalty
from tests.inspections.test_inspections import URL, close_hazard, payload, yjj

pytestmark = pytest.mark.django_db


def figures(api, department):
    body = api.get("/api/v1/stats/enforcement/", {"month": "2024-05", "department": department.pk}).json()
    row = next(r for r in body["departments"] if r["department"] and r["department"]["id"] == department.pk)
    return {name: row[name]["current"] for name in ("inspections", "problems", "penalties", "amount")}


def test_an_inspection_its_hazards_a_double_penalty_and_the_may_figures(api_as, demo_user):
    api = api_as("yjj_staff")
    before = figures(api, yjj())

    created = api.post(URL, payload(demo_user), format="json")
    assert created.status_code == 201, created.content
    inspection = Inspection.objects.get(pk=created.json()["id"])
    hazards = [f.hazard for f in inspection.findings.select_related("hazard")]
    assert len(hazards) == 2 and all(h.inspection_finding.inspection == inspection for h in hazards)

    penalties = api.post(
        "/api/v1/penalties/",
        {
            "department": yjj().pk,
            "enterprise": inspection.enterprise_id,
            "inspection": inspection.pk,
            "decision_number": "（垫）应急罚〔2024〕51号",
            "decided_on": "2024-05-15",
            "legal_basis": "《安全生产法》第九十九条",
            "amount": "30000",
            "double": True,
            "person_name": "王某某",
            "person_post": "主要负责人",
            "person_decision_number": "（垫）应急罚〔2024〕52号",
            "person_amount": "8000",
        },
        format="json",
    )
    assert penalties.status_code == 201, penalties.content
    pair = Penalty.objects.filter(inspection=inspection).order_by("party_kind")
    assert [p.party_kind for p in pair] == ["enterprise", "person"]
    assert pair[0].case_number == pair[1].case_number

    close = f"{URL}{inspection.pk}/close/"
    assert api.post(close, {}, format="json").status_code == 400  # hazards open, no re-check
    for hazard in hazards:
        close_hazard(hazard, demo_user)
    recheck = {"rechecked_on": "2024-06-03", "result": "passed"}
    assert api.post(f"{URL}{inspection.pk}/recheck/", recheck, format="json").status_code == 200
    assert api.post(close, {}, format="json").status_code == 200

    after = figures(api, yjj())
    assert after["inspections"] == before["inspections"] + 1
    assert after["problems"] == before["problems"] + 2
    assert after["penalties"] == before["penalties"] + 2
    assert float(after["amount"]) == float(before["amount"]) + 38000


def test_the_admin_lists_the_inspections_records_read_only(web_as):
    client = web_as("county_admin")
    for model in ("inspection", "penalty", "inspectionplan", "investigation", "checklisttemplate", "finding"):
        assert client.get(f"/admin/inspections/{model}/").status_code == 200, model
    assert client.get("/admin/inspections/penalty/add/").status_code == 403


def test_an_inspection_carries_out_a_plan_of_its_own_department_in_its_period(api_as, demo_user):
    from datetime import date

    from inspections.models import InspectionPlan

    plan = InspectionPlan.objects.create(
        department=yjj(), title="五月危化检查", starts_on=date(2024, 5, 1), ends_on=date(2024, 5, 31), planned_count=3
    )
    other = InspectionPlan.objects.create(
        department=yjj(), title="七月检查", starts_on=date(2024, 7, 1), ends_on=date(2024, 7, 31), planned_count=1
    )
    api = api_as("yjj_staff")

    outside = api.post(URL, payload(demo_user, plan=other.pk), format="json")
    assert outside.status_code == 400 and "不在执法计划期间" in outside.content.decode()
    assert not Inspection.objects.filter(plan=other).exists()

    created = api.post(URL, payload(demo_user, plan=plan.pk), format="json")
    assert created.status_code == 201, created.content
    assert Inspection.objects.get(pk=created.json()["id"]).plan == plan
