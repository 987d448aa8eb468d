"""Reminder rules and group robots: the county office edits them in the portal; bad input is refused."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from core.models import OrgUnit
from notifications.models import ReminderRule, RobotEndpoint
from notifications.services import reminder_rule_create

GOOD = {
    "name": "措施到期前提醒",
    "source": "measure",
    "offsets": "-7, -3，-3 0",
    "recipients": ["owner_staff", "owner_head"],
    "channels": ["in_app", "wecom"],
    "is_active": "on",
}


@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"offsets": ""}, "offsets", "提醒时点：请至少填写一个天数。"),
        ({"offsets": "-3, 400"}, "offsets", "提醒时点：400 超出范围，只能是-60到365之间的整数天。"),
        ({"offsets": "-61"}, "offsets", "提醒时点：-61 超出范围"),
        ({"offsets": "-3, 1.5"}, "offsets", "提醒时点：“1.5”不是整数天数"),
        ({"offsets": "三天"}, "offsets", "提醒时点：“三天”不是整数天数"),
        ({"recipients": []}, "recipients", "提醒对象：请至少选择一个。"),
        ({"recipients": ["owner_staff", "mayor"]}, "recipients", "提醒对象：“mayor”不是可选项。"),
        ({"channels": []}, "channels", "渠道：请至少选择一个。"),
        ({"source": ""}, "source", "期限类型：请选择。"),
        ({"source": "weather"}, "source", "期限类型“weather”不存在"),
        ({"name": ""}, "name", "名称：请填写。"),
    ],
)
def test_a_rule_with_no_recipients_or_an_impossible_offset_is_refused_naming_the_field(change, field, message, web_as):
    client = web_as("county_admin")
    before = ReminderRule.objects.count()
    response = client.post("/notifications/rules/new/", {**GOOD, **change})
    assert response.status_code == 400
    assert any(message in error for error in response.context["form"].errors[field])
    assert ReminderRule.objects.count() == before


def test_a_refused_rule_form_keeps_what_was_typed(web_as):
    response = web_as("county_admin").post(
        "/notifications/rules/new/", {**GOOD, "name": "我的规则", "offsets": "-3, 400", "recipients": ["lead_unit"]}
    )
    page = response.content.decode()
    assert response.status_code == 400 and "请修正下列标红的内容" in page
    assert 'value="我的规则"' in page and 'value="-3, 400"' in page
    assert 'value="lead_unit" class="form-check-input" id="id_recipients_2" checked' in page
    assert 'value="measure" selected' in page


def test_the_county_office_creates_edits_and_deactivates_a_rule(web_as):
    client = web_as("county_admin")
    page = client.get("/notifications/rules/new/").content.decode()
    assert "具体措施" in page and "隐患整改" in page  # the registered deadline sources, by their labels
    assert client.post("/notifications/rules/new/", GOOD).url == "/notifications/rules/"
    rule = ReminderRule.objects.get(name=GOOD["name"])
    assert rule.offsets == [-7, -3, 0] and rule.recipients == ["owner_staff", "owner_head"] and rule.is_active
    listing = client.get("/notifications/rules/").content.decode()
    assert "到期前7天、3天，当天" in listing and "企业微信群机器人" in listing
    assert 'value="-7,-3,0"' in client.get(f"/notifications/rules/{rule.pk}/edit/").content.decode()
    response = client.post(f"/notifications/rules/{rule.pk}/edit/", {**GOOD, "offsets": "1,3", "channels": ["email"]})
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.offsets == [1, 3] and rule.channels == ["email"]
    client.post(f"/notifications/rules/{rule.pk}/active/", {"is_active": "0"})
    rule.refresh_from_db()
    assert not rule.is_active and ReminderRule.objects.filter(pk=rule.pk).exists()


@pytest.mark.parametrize("username", ["county_leader", "gx_staff", "yjj_head", "auditor"])
def test_only_the_county_office_reaches_the_rules_and_delivery_pages(username, web_as):
    client = web_as(username)
    rule = ReminderRule.objects.first()
    for path in ["/notifications/rules/", "/notifications/rules/new/", "/notifications/deliveries/"]:
        assert client.get(path).status_code == 403, path
    assert client.post("/notifications/rules/new/", GOOD).status_code == 403
    assert client.post(f"/notifications/rules/{rule.pk}/active/", {"is_active": "0"}).status_code == 403
    assert client.post("/notifications/robots/new/", {"name": "x"}).status_code == 403
    assert ReminderRule.objects.get(pk=rule.pk).is_active
    assert "提醒规则" not in client.get("/notifications/").content.decode()


def test_signed_out_visitors_are_sent_to_the_login_page(client):
    response = client.get("/notifications/rules/")
    assert response.status_code == 302 and "next=/notifications/rules/" in response.url


def test_the_service_refuses_anyone_but_the_county_office(demo_user):
    values = {"name": "x", "source": "measure", "offsets": [1], "recipients": ["owner_staff"], "channels": ["in_app"]}
    with pytest.raises(PermissionDenied):
        reminder_rule_create(actor=demo_user("county_leader"), **values)
    with pytest.raises(ValidationError) as refused:
        reminder_rule_create(actor=demo_user("county_admin"), **{**values, "offsets": [366]})
    assert "offsets" in refused.value.message_dict


def test_the_database_refuses_a_rule_with_nothing_in_it(db):
    with pytest.raises(IntegrityError):
        ReminderRule.objects.create(name="空", source="measure", offsets=[1], recipients=[], channels=["in_app"])


ROBOT = {"name": "桂溪街道安全群", "kind": "dingtalk", "url": "https://oapi.dingtalk.com/robot/send?access_token=abc"}


def test_the_county_office_registers_a_group_robot_and_its_secret_is_never_shown_again(web_as):
    client = web_as("county_admin")
    unit = OrgUnit.objects.get(name="桂溪街道")
    response = client.post(
        "/notifications/robots/new/", {**ROBOT, "secret": "SECabc", "unit": unit.pk, "is_active": "on"}
    )
    assert response.url == "/notifications/deliveries/"
    robot = RobotEndpoint.objects.get(name=ROBOT["name"])
    assert (robot.secret, robot.unit, robot.last_status) == ("SECabc", unit, "never")
    edit = client.get(f"/notifications/robots/{robot.pk}/edit/").content.decode()
    assert "SECabc" not in edit and "access_token=abc" in edit
    assert "access_token=abc" not in client.get("/notifications/deliveries/").content.decode()  # the key is masked
    client.post(f"/notifications/robots/{robot.pk}/edit/", {**ROBOT, "name": "改名", "secret": "", "is_active": "on"})
    robot.refresh_from_db()
    assert (robot.name, robot.secret, robot.unit) == ("改名", "SECabc", None)  # blank keeps the secret
    client.post(f"/notifications/robots/{robot.pk}/edit/", {**ROBOT, "clear_secret": "on", "is_active": "on"})
    robot.refresh_from_db()
    assert robot.secret == ""


@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"url": "ftp://example.cn/x"}, "url", "Webhook地址：应为 http:// 或 https:// 开头的网址。"),
        ({"url": ""}, "url", "Webhook地址：请填写。"),
        ({"kind": "wecom", "secret": "SECabc"}, "secret", "加签密钥：只有钉钉群机器人使用加签"),
        ({"kind": ""}, "kind", "类型：请选择。"),
    ],
)
def test_a_bad_group_robot_is_refused_naming_the_field(change, field, message, web_as):
    response = web_as("county_admin").post("/notifications/robots/new/", {**ROBOT, **change})
    assert response.status_code == 400
    assert any(message in error for error in response.context["form"].errors[field])
    assert f'value="{ROBOT["name"]}"' in response.content.decode()
    assert not RobotEndpoint.objects.exists()
