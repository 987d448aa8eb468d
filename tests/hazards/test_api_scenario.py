"""The issue's scenario, through the API alone, as an external client would run it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from rest_framework.test import APIClient

from core.models import Enterprise, OrgUnit

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def token_client(username, capsys):
    call_command("create_api_token", username, "--read-write")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {capsys.readouterr().out.strip()}")
    return client


@pytest.mark.django_db
def test_a_hazard_goes_round_the_closed_loop_through_the_api(capsys):
    gx, yjj_staff, yjj_head, sp = (token_client(u, capsys) for u in ["gx_staff", "yjj_staff", "yjj_head", "sp_staff"])
    enterprise = Enterprise.objects.filter(
        township__name="桂溪街道", supervising_department__short_name="应急局"
    ).first()

    created = gx.post(
        "/api/v1/hazards/",
        {
            "title": "储罐区可燃气体报警器失效",
            "sector": "hazardous_chemicals",
            "level": "general",
            "source": "self",
            "enterprise": enterprise.pk,
            "found_on": "2024-06-03",
            "deadline": "2024-06-20",
            "files": [SimpleUploadedFile("before.png", PNG)],
        },
        format="multipart",
    )
    assert created.status_code == 201, created.json()
    hazard = created.json()
    assert hazard["number"].startswith("YH2024-") and hazard["status"] == "pending"
    assert hazard["territory"]["name"] == "桂溪街道" and hazard["supervising_department"]["name"] == "垫江县应急管理局"
    url = f"/api/v1/hazards/{hazard['id']}"

    assert (
        yjj_staff.post(f"{url}/transition/", {"to": "rectifying", "comment": "请限期整改"}).json()["status"]
        == "rectifying"
    )
    moved = gx.post(
        f"{url}/transition/",
        {"to": "verifying", "comment": "已更换报警器", "files": [SimpleUploadedFile("after.png", PNG)]},
        format="multipart",
    )
    assert moved.json()["status"] == "verifying"
    refused = gx.post(f"{url}/transition/", {"to": "closed"})
    assert refused.status_code == 403 and refused.json() == {"detail": "只有行业监管部门或安委办可以交办、验收和退回。"}

    assert (
        yjj_head.post(f"{url}/transition/", {"to": "rectifying", "comment": "缺少调试记录"}).json()["status"]
        == "rectifying"
    )
    gx.post(f"{url}/transition/", {"to": "verifying", "comment": "补充调试记录"})
    closed = yjj_head.post(f"{url}/transition/", {"to": "closed", "comment": "验收合格"})
    assert closed.json()["status"] == "closed" and closed.json()["closed_at"]

    events = gx.get(f"{url}/events/").json()
    assert [(e["to_status"], e["actor"]["username"], e["comment"]) for e in events] == [
        ("pending", "gx_staff", ""),
        ("rectifying", "yjj_staff", "请限期整改"),
        ("verifying", "gx_staff", "已更换报警器"),
        ("rectifying", "yjj_head", "缺少调试记录"),
        ("verifying", "gx_staff", "补充调试记录"),
        ("closed", "yjj_head", "验收合格"),
    ]
    assert all(e["at"] for e in events)
    assert [f["original_name"] for f in events[2]["files"]] == ["after.png"]

    assert sp.get(f"{url}/").status_code == 404
    assert sp.get(f"{url}/events/").status_code == 404
    assert hazard["id"] not in {h["id"] for h in sp.get("/api/v1/hazards/", {"page_size": 500}).json()["results"]}
    assert OrgUnit.objects.get(name="沙坪镇").pk  # sp_staff's own township exists; it just is not theirs
