"""The issue's scenario, through the API alone, as an external client would run it."""

from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command
from rest_framework.test import APIClient

from core.models import OrgUnit
from tasks.models import QuantitativeTarget, WorkItem


def token_client(username, capsys):
    call_command("create_api_token", username, "--read-write")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {capsys.readouterr().out.strip()}")
    return client


@pytest.mark.django_db
@time_machine.travel("2024-06-15 10:00 +0800", tick=False)
def test_a_measure_goes_from_creation_to_an_approved_report_that_raises_the_target(capsys):
    admin, gx, sp, yjj = (token_client(u, capsys) for u in ["county_admin", "gx_staff", "sp_staff", "yjj_head"])
    item11 = WorkItem.objects.get(plan__year=2024, number=11)
    roads = QuantitativeTarget.objects.get(plan__year=2024, name="防火道路新建和改建")
    township = OrgUnit.objects.get(name="桂溪街道")

    created = admin.post(
        "/api/v1/measures/",
        {
            "work_item": item11.pk,
            "title": "新建和改建桂溪片区防火道路",
            "owner_units": [township.pk],
            "start_date": "2024-04-01",
            "deadline": "2024-11-30",
            "target": roads.pk,
            "planned_quantity": "30",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    measure = created.json()[0]
    assert measure["lead_unit"]["name"] == "垫江县应急管理局"
    assert measure["status"] == "behind" and measure["colour"] == "yellow"  # nothing reported by mid-June

    report = gx.post(
        "/api/v1/progress-reports/",
        {
            "measure": measure["id"],
            "quantity": "12",
            "done_text": "完成桂溪片区防火道路12公里",
        },
        format="json",
    )
    assert report.status_code == 201, report.json()
    report_id = report.json()["id"]
    assert report.json()["period_label"] == "2024年6月"
    assert gx.post(f"/api/v1/progress-reports/{report_id}/submit/").json()["status"] == "submitted"

    assert sp.get(f"/api/v1/measures/{measure['id']}/").status_code == 404
    assert sp.get(f"/api/v1/progress-reports/{report_id}/").status_code == 404
    assert sp.post(f"/api/v1/progress-reports/{report_id}/approve/").status_code == 404
    assert sp.patch(f"/api/v1/progress-reports/{report_id}/", {"quantity": "1"}, format="json").status_code == 404

    before = Decimal(admin.get(f"/api/v1/targets/{roads.pk}/allocations/").json()["actual"])
    approved = yjj.post(f"/api/v1/progress-reports/{report_id}/approve/", {"note": "核实无误"}, format="json")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    after = admin.get(f"/api/v1/targets/{roads.pk}/allocations/").json()
    assert Decimal(after["actual"]) == before + 12

    progress = admin.get(f"/api/v1/measures/{measure['id']}/").json()
    assert Decimal(progress["approved_quantity"]) == 12 and Decimal(progress["progress"]) == 40

    page = APIClient()
    page.force_login(OrgUnit.objects.get(name="桂溪街道").memberships.first().user)
    html = page.get(f"/targets/{roads.pk}/").content.decode()
    assert "12" in html and "防火道路新建和改建" in html
