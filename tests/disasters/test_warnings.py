"""Warnings (预警): the issue's scenario through the API with a frozen clock, the chase of townships that have
not acknowledged (叫应), and the refusals of bad acknowledgements and responses."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from rest_framework.test import APIClient

from core.models import OrgUnit
from disasters.models import Warning, WarningAcknowledgement, WarningResponse
from disasters.tasks import chase_unacknowledged_warnings
from disasters.warning_services import warning_chase_due
from notifications.models import Reminder
from tests.disasters.factories_warnings import WarningFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def windows(settings):
    settings.WARNING_ACK_MINUTES = {"red": 30, "orange": 60, "yellow": 120, "blue": 240}
    settings.WARNING_ACK_ESCALATE_MINUTES = 15


@pytest.fixture
def towns(db):
    return {t.name: t for t in OrgUnit.objects.filter(kind="township")}


def token_client(username, capsys):
    call_command("create_api_token", username, "--read-write")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {capsys.readouterr().out.strip()}")
    return client


def ledger():
    return list(
        Reminder.objects.filter(source="warning_ack")
        .order_by("offset", "recipient__username")
        .values_list("object_id", "deadline", "offset", "recipient__username", "channel")
    )


def test_a_red_warning_is_acknowledged_by_guixi_and_shaping_is_chased_then_escalated(capsys, towns):
    admin, gx = token_client("county_admin", capsys), token_client("gx_staff", capsys)
    with time_machine.travel("2024-07-10 09:00 +0800", tick=False) as clock:
        created = admin.post(
            "/api/v1/warnings/",
            {
                "type": "geological",
                "level": "red",
                "text": "预计未来24小时桂溪街道、沙坪镇发生地质灾害的风险很高，请立即组织受威胁群众撤离。",
                "townships": [towns["桂溪街道"].pk, towns["沙坪镇"].pk],
            },
            format="json",
        )
        assert created.status_code == 201, created.json()
        warning = created.json()
        assert warning["number"] == "YJ2024-0001" and warning["in_force"] is True
        assert warning["issuing_unit"]["kind"] == "county"
        acks = {a["township"]["name"]: a for a in warning["acknowledgements"]}
        assert list(acks) == ["桂溪街道", "沙坪镇"]
        assert {a["due_at"] for a in acks.values()} == {"2024-07-10T09:30:00+08:00"}
        url = f"/api/v1/warnings/{warning['id']}"

        clock.move_to("2024-07-10 09:12 +0800")
        answered = gx.post(f"{url}/acknowledge/", {"note": "已收到，正在组织转移"}, format="json")
        assert answered.status_code == 200, answered.json()
        assert answered.json()["township"]["name"] == "桂溪街道"
        assert answered.json()["acknowledged_at"] == "2024-07-10T09:12:00+08:00"
        assert answered.json()["acknowledged_by"] == "桂溪街道应急办" and answered.json()["on_behalf"] is False

        sp_ack = WarningAcknowledgement.objects.get(warning_id=warning["id"], township__name="沙坪镇")
        runs = [
            ("2024-07-10 09:29 +0800", 0),  # before the due time: nothing
            ("2024-07-10 09:31 +0800", 1),  # just after: 沙坪镇's staff, once
            ("2024-07-10 09:32 +0800", 0),  # a minute later: nothing more
            ("2024-07-10 09:44 +0800", 0),
            ("2024-07-10 09:45 +0800", 1),  # the escalation delay has passed: 沙坪镇's head, once
            ("2024-07-10 09:46 +0800", 0),
            ("2024-07-10 11:00 +0800", 0),
        ]
        for moment, expected in runs:
            clock.move_to(moment)
            assert chase_unacknowledged_warnings() == expected, moment

    day = datetime.date(2024, 7, 10)
    assert ledger() == [(sp_ack.pk, day, 1, "sp_staff", "in_app"), (sp_ack.pk, day, 2, "sp_head", "in_app")]
    chased = Reminder.objects.filter(source="warning_ack")
    assert not chased.filter(recipient__username__startswith="gx_").exists()  # 桂溪 answered in time
    staff_row = chased.get(offset=1)
    assert staff_row.title == "【预警叫应催办】沙坪镇未叫应红色地质灾害预警 YJ2024-0001"
    assert staff_row.body.startswith("应于2024-07-10 09:30前叫应，已超时1分钟。")
    assert staff_row.url == f"/disasters/warnings/{warning['id']}/"
    assert chased.get(offset=2).title.startswith("【预警未叫应升级】沙坪镇未叫应")
    issued = Reminder.objects.filter(source="warning_issued").values_list("recipient__username", flat=True)
    assert sorted(issued) == ["gx_head", "gx_staff", "sp_head", "sp_staff"]


def test_the_chase_leaves_lifted_and_acknowledged_warnings_alone(demo_user):
    issued = datetime.datetime(2024, 7, 10, 9, 0, tzinfo=datetime.UTC)
    lifted = WarningFactory(issued_at=issued, lifted_at=issued + datetime.timedelta(minutes=5), townships=["沙坪镇"])
    answered = WarningFactory(issued_at=issued, townships=["沙坪镇"])
    answered.acknowledgements.update(acknowledged_at=issued, acknowledged_by=demo_user("sp_staff"))
    open_one = WarningFactory(issued_at=issued, level="blue", townships=["沙坪镇"])
    assert warning_chase_due(now=issued + datetime.timedelta(hours=1)) == []  # blue: 240 minutes
    assert len(warning_chase_due(now=issued + datetime.timedelta(hours=5))) == 2  # staff and head at once
    assert {r[0] for r in ledger()} == {open_one.acknowledgements.get().pk}
    assert lifted.pk and answered.pk


def test_the_windows_come_from_the_settings(settings, api_as, towns):
    settings.WARNING_ACK_MINUTES = {**settings.WARNING_ACK_MINUTES, "orange": 45}
    with time_machine.travel("2024-07-10 09:00 +0800", tick=False):
        body = {"type": "rainstorm", "level": "orange", "text": "暴雨", "townships": [towns["沙坪镇"].pk]}
        data = api_as("county_admin").post("/api/v1/warnings/", body, format="json").json()
    assert data["acknowledgements"][0]["due_at"] == "2024-07-10T09:45:00+08:00"


def test_the_chase_runs_every_minute_in_the_beat_schedule():
    from config.celery import app

    entry = app.conf.beat_schedule["chase-unacknowledged-warnings"]
    assert entry["task"] == chase_unacknowledged_warnings.name == "disasters.tasks.chase_unacknowledged_warnings"
    assert entry["schedule"] == 60.0 and entry["options"]["expires"] < 60


def test_the_ledger_rows_carry_labels_for_the_delivery_page():
    from notifications.registry import source_label

    assert str(source_label("warning_ack")) == "预警叫应催办" and str(source_label("warning_issued")) == "预警发布"


# --- refusals -------------------------------------------------------------------------------------------


@pytest.fixture
def warning(db):
    return WarningFactory(townships=["桂溪街道", "沙坪镇"])


def acked(warning):
    return list(warning.acknowledgements.filter(acknowledged_at__isnull=False).values_list("township__name", flat=True))


def test_a_township_outside_the_area_cannot_acknowledge(api_as, warning, towns):
    refused = api_as("county_admin").post(
        f"/api/v1/warnings/{warning.pk}/acknowledge/", {"township": towns["新民镇"].pk}, format="json"
    )
    assert refused.status_code == 400 and refused.json() == {"township": ["新民镇不在该预警的范围内。"]}
    assert acked(warning) == [] and warning.acknowledgements.count() == 2


def test_no_acknowledgement_after_the_warning_is_lifted(api_as, warning):
    lifted = api_as("county_admin").post(f"/api/v1/warnings/{warning.pk}/lift/", {}, format="json")
    assert lifted.status_code == 200 and lifted.json()["in_force"] is False
    refused = api_as("gx_staff").post(f"/api/v1/warnings/{warning.pk}/acknowledge/", {}, format="json")
    assert refused.status_code == 400 and refused.json()["detail"][0].startswith("该预警已于")
    assert refused.json()["detail"][0].endswith("解除，无需叫应。")
    assert acked(warning) == []


@pytest.mark.parametrize("username", ["auditor", "county_leader", "api_client"])
def test_read_only_roles_cannot_acknowledge_respond_issue_or_lift(api_as, warning, towns, username):
    client = api_as(username)
    url = f"/api/v1/warnings/{warning.pk}"
    message = "您的角色只能查看，不能新增或修改。"  # refused before the service (core.api.permissions)
    ack = client.post(f"{url}/acknowledge/", {"township": towns["桂溪街道"].pk}, format="json")
    assert ack.status_code == 403 and ack.json() == {"detail": message}
    body = {"township": towns["桂溪街道"].pk, "evacuate": True, "people_moved": 3}
    assert client.post(f"{url}/responses/", body, format="json").status_code == 403
    assert client.post(f"{url}/lift/", {}, format="json").status_code == 403
    issue = {"type": "gale", "level": "blue", "text": "大风", "townships": [towns["桂溪街道"].pk]}
    refused = client.post("/api/v1/warnings/", issue, format="json")
    assert refused.status_code == 403 and refused.json() == {"detail": message}
    assert acked(warning) == [] and not WarningResponse.objects.exists() and Warning.objects.count() == 1
    assert Warning.objects.get().lifted_at is None


def test_a_townships_staff_cannot_acknowledge_for_another_township(api_as, warning, towns):
    refused = api_as("gx_staff").post(
        f"/api/v1/warnings/{warning.pk}/acknowledge/", {"township": towns["沙坪镇"].pk}, format="json"
    )
    assert refused.status_code == 403 and refused.json() == {"detail": "您只能为本乡镇（街道）叫应。"}
    assert acked(warning) == []


def test_a_township_acknowledges_once_and_the_county_office_may_do_it_on_its_behalf(api_as, warning, towns):
    url = f"/api/v1/warnings/{warning.pk}/acknowledge/"
    assert api_as("sp_staff").post(url, {}, format="json").status_code == 200
    again = api_as("sp_head").post(url, {}, format="json")
    assert again.status_code == 400 and again.json()["detail"][0].startswith("沙坪镇已于")
    assert again.json()["detail"][0].endswith("叫应，不能重复叫应。")
    for_gx = api_as("county_admin").post(url, {"township": towns["桂溪街道"].pk}, format="json")
    assert for_gx.json()["on_behalf"] is True and for_gx.json()["acknowledged_by"] == "安委办管理员"
    assert sorted(acked(warning)) == ["桂溪街道", "沙坪镇"]


def test_the_county_office_must_name_the_township(api_as, warning):
    refused = api_as("county_admin").post(f"/api/v1/warnings/{warning.pk}/acknowledge/", {}, format="json")
    assert refused.status_code == 400 and refused.json() == {"township": ["请选择叫应的乡镇（街道）。"]}


def test_a_township_outside_the_area_does_not_see_the_warning(api_as, towns):
    only_gx = WarningFactory(townships=["桂溪街道"])
    assert api_as("sp_staff").post(f"/api/v1/warnings/{only_gx.pk}/acknowledge/", {}, format="json").status_code == 404
    assert not only_gx.acknowledgements.filter(acknowledged_at__isnull=False).exists()


def test_issuing_with_no_township_is_refused_and_nothing_is_saved(api_as):
    body = {"type": "rainstorm", "level": "yellow", "text": "暴雨黄色预警", "townships": []}
    refused = api_as("county_admin").post("/api/v1/warnings/", body, format="json")
    assert refused.status_code == 400 and refused.json() == {"townships": ["请至少选择一个预警范围内的乡镇（街道）。"]}
    assert not Warning.objects.exists() and not WarningAcknowledgement.objects.exists()


def test_issuing_rules(api_as, towns):
    body = {"type": "rainstorm", "level": "yellow", "text": "暴雨", "townships": [towns["沙坪镇"].pk]}
    assert api_as("gx_staff").post("/api/v1/warnings/", body, format="json").status_code == 403
    future = api_as("county_admin").post(
        "/api/v1/warnings/", {**body, "issued_at": "2999-01-01T00:00:00+08:00"}, format="json"
    )
    assert future.status_code == 400 and future.json() == {"issued_at": ["发布时间不能晚于当前时间。"]}
    village = OrgUnit.objects.filter(kind="village").first()
    not_township = api_as("county_admin").post("/api/v1/warnings/", {**body, "townships": [village.pk]}, format="json")
    assert not_township.status_code == 400
    assert not Warning.objects.exists()
    by_dept = api_as("yjj_staff").post("/api/v1/warnings/", body, format="json")
    assert by_dept.status_code == 201 and by_dept.json()["issuing_unit"]["name"] == "垫江县应急管理局"
    foreign = api_as("yjj_staff").post("/api/v1/warnings/", {**body, "issuing_unit": towns["沙坪镇"].parent_id})
    assert foreign.status_code == 403


def test_lifting_rules(api_as, warning):
    url = f"/api/v1/warnings/{warning.pk}/lift/"
    assert api_as("gx_staff").post(url, {}, format="json").status_code == 403
    early = api_as("county_admin").post(url, {"lifted_at": "2000-01-01T00:00:00+08:00"}, format="json")
    assert early.status_code == 400 and early.json() == {"lifted_at": ["解除时间不能早于发布时间。"]}
    assert api_as("county_admin").post(url, {}, format="json").status_code == 200
    again = api_as("county_admin").post(url, {}, format="json")
    assert again.status_code == 400 and again.json()["detail"][0].startswith("该预警已于")


def test_the_issuing_department_lifts_its_own_warning(api_as, towns):
    body = {"type": "geological", "level": "orange", "text": "地灾", "townships": [towns["沙坪镇"].pk]}
    created = api_as("yjj_staff").post("/api/v1/warnings/", body, format="json").json()
    assert api_as("jtj_head").post(f"/api/v1/warnings/{created['id']}/lift/", {}).status_code == 404  # not theirs
    assert api_as("yjj_head").post(f"/api/v1/warnings/{created['id']}/lift/", {}).status_code == 200


# --- responses (断、禁、停、撤、疏) ------------------------------------------------------------------------


def test_a_township_records_its_response_per_village(api_as, warning, towns):
    village = OrgUnit.objects.filter(parent=towns["沙坪镇"]).order_by("pk").first()
    url = f"/api/v1/warnings/{warning.pk}/responses/"
    client = api_as("sp_staff")
    first = client.post(
        url,
        {"township": towns["沙坪镇"].pk, "village": village.pk, "evacuate": True, "people_moved": 26},
        format="json",
    )
    assert first.status_code == 201, first.json()
    assert first.json()["village"]["name"] == village.name and first.json()["evacuate"] is True
    client.post(url, {"township": towns["沙坪镇"].pk, "ban_entry": True, "stop_work": True, "people_moved": 4})
    rows = client.get(url).json()
    assert [r["people_moved"] for r in rows] == [26, 4] and rows[1]["stop_work"] is True
    detail = client.get(f"/api/v1/warnings/{warning.pk}/").json()
    assert sum(r["people_moved"] for r in detail["responses"]) == 30


def test_bad_responses_are_refused_and_nothing_is_saved(api_as, warning, towns):
    url = f"/api/v1/warnings/{warning.pk}/responses/"
    sp = towns["沙坪镇"].pk
    negative = api_as("sp_staff").post(url, {"township": sp, "evacuate": True, "people_moved": -3}, format="json")
    assert negative.status_code == 400 and "people_moved" in negative.json()
    gx_village = OrgUnit.objects.filter(parent=towns["桂溪街道"]).first()
    wrong_village = api_as("sp_staff").post(url, {"township": sp, "village": gx_village.pk, "evacuate": True})
    assert wrong_village.status_code == 400 and wrong_village.json() == {"village": ["所选村（社区）不属于沙坪镇。"]}
    nothing = api_as("sp_staff").post(url, {"township": sp}, format="json")
    assert nothing.status_code == 400
    assert nothing.json() == {"detail": ["请至少勾选一项断、禁、停、撤、疏措施或填写转移人数。"]}
    other = api_as("gx_staff").post(url, {"township": sp, "evacuate": True}, format="json")
    assert other.status_code == 403 and other.json() == {"detail": "您只能填报本乡镇（街道）的响应情况。"}
    outside = api_as("county_admin").post(url, {"township": towns["新民镇"].pk, "evacuate": True}, format="json")
    assert outside.status_code == 400 and outside.json() == {"township": ["新民镇不在该预警的范围内。"]}
    assert not WarningResponse.objects.exists()


def test_the_database_refuses_a_negative_number_of_people(warning, towns, demo_user):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        WarningResponse.objects.create(
            warning=warning,
            township=towns["沙坪镇"],
            people_moved=-1,
            recorded_by=demo_user("sp_staff"),
            recorded_at=warning.issued_at,
        )
