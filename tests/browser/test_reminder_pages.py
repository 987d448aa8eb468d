"""The county office's reminder pages on a 375-px phone: rules, a refused rule, robots and deliveries."""

import datetime
import importlib

import pytest
from django.apps import apps

from tests.browser.test_layout import SCREENSHOTS, horizontal_overflow, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("loaded_transactional_db")]


def test_on_a_phone_the_county_office_edits_a_rule_and_reads_the_deliveries(phone, live_server):
    from notifications.models import RobotEndpoint
    from notifications.sweep import reminder_sweep_due
    from tests.tasks.factories import MeasureFactory

    importlib.import_module("notifications.migrations.0002_default_rules").seed(apps, None)  # emptied tables
    RobotEndpoint.objects.create(
        name="安委办工作群",
        kind="wecom",
        url="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k",
        last_status="failed",
        last_error="对方应答 HTTP 500：<html>Internal Server Error</html>",
    )
    MeasureFactory(deadline=datetime.date.today() + datetime.timedelta(days=3))
    reminder_sweep_due()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    sign_in(phone, live_server, "county_admin")
    phone.goto(f"{live_server.url}/notifications/rules/")
    assert phone.is_visible("text=具体措施到期提醒") and horizontal_overflow(phone) == 0
    phone.screenshot(path=str(SCREENSHOTS / "reminder-rules-375.png"), full_page=True)
    phone.click("text=新建规则")
    phone.fill("#id_name", "措施逾期再催")
    phone.select_option("#id_source", "measure")
    phone.fill("#id_offsets", "1, 400")
    phone.check("#id_recipients_1")
    phone.check("#id_channels_0")
    phone.click("main button[type=submit]")
    phone.wait_for_selector("text=提醒时点：400 超出范围")
    assert phone.input_value("#id_offsets") == "1, 400" and horizontal_overflow(phone) == 0
    phone.screenshot(path=str(SCREENSHOTS / "reminder-rule-refused-375.png"), full_page=True)
    phone.fill("#id_offsets", "1, 3")
    phone.click("main button[type=submit]")
    phone.wait_for_selector("text=已保存")
    phone.goto(f"{live_server.url}/notifications/deliveries/")
    assert phone.is_visible("text=安委办工作群") and horizontal_overflow(phone) == 0
    phone.screenshot(path=str(SCREENSHOTS / "reminder-deliveries-375.png"), full_page=True)
