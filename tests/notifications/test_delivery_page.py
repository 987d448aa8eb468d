"""The county office's delivery page: what the ledger sent, to whom, through which channel, and each group
robot's last status — so "I was never told" can be checked."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import OrgUnit
from notifications.models import Reminder, ReminderRule, RobotEndpoint
from notifications.sweep import reminder_sweep_due
from tests.tasks.factories import MeasureFactory

TODAY = datetime.date(2024, 9, 27)


@pytest.fixture
def ledger(db):
    """Two measures reminded in-app to their staff and to 桂溪街道's WeCom group, whose robot answered 500."""
    ReminderRule.objects.update(is_active=False)
    ReminderRule.objects.create(
        name="测试", source="measure", offsets=[-3], recipients=["owner_staff"], channels=["in_app", "wecom"]
    )
    robot = RobotEndpoint.objects.create(
        name="桂溪街道安全群",
        kind="wecom",
        url="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=secret-key",
        unit=OrgUnit.objects.get(name="桂溪街道"),
        last_status="failed",
        last_error="对方应答 HTTP 500：boom",
    )
    measures = [MeasureFactory(deadline=TODAY + datetime.timedelta(days=3)) for _ in range(2)]
    reminder_sweep_due(today=TODAY)
    Reminder.objects.filter(channel="wecom").update(status="failed", attempts=7, last_error="对方应答 HTTP 500：boom")
    Reminder.objects.filter(channel="in_app").update(status="sent")
    return robot, measures


def _rows(client, query=""):
    response = client.get(f"/notifications/deliveries/{query}")
    assert response.status_code == 200
    return response, list(response.context["page"])


def test_the_delivery_page_shows_each_row_and_the_robots_last_error(ledger, web_as):
    robot, measures = ledger
    response, rows = _rows(web_as("county_admin"))
    page = response.content.decode()
    assert len(rows) == 4
    assert "桂溪街道安全群" in page and "对方应答 HTTP 500：boom" in page and "失败" in page
    assert "secret-key" not in page and "qyapi.weixin.qq.com/cgi-bin/webhook/send?…" in page
    assert measures[0].title in page and "7次" in page


@pytest.mark.parametrize(
    "query, expected",
    [
        ("?status=failed", {("wecom", None)}),
        ("?channel=in_app", {("in_app", "gx_staff")}),
        ("?recipient=gx_staff", {("in_app", "gx_staff")}),
        ("?recipient=安全群", {("wecom", None)}),
        ("?source=measure&date_from=2000-01-01", {("in_app", "gx_staff"), ("wecom", None)}),
        ("?source=hazard", set()),
        ("?date_from=2999-01-01", set()),
    ],
)
def test_the_delivery_page_filters_by_status_channel_source_recipient_and_date(query, expected, ledger, web_as):
    _response, rows = _rows(web_as("county_admin"), query)
    assert {(r.channel, r.recipient.username if r.recipient else None) for r in rows} == expected


def test_a_bad_filter_value_is_said_and_shows_nothing(ledger, web_as):
    response, rows = _rows(web_as("county_admin"), "?date_from=明天&status=lost")
    assert rows == [] and "alert-danger" in response.content.decode()


def test_the_delivery_page_takes_the_same_number_of_queries_for_few_or_many_rows(ledger, web_as):
    client = web_as("county_admin")
    counts = []
    for extra in [0, 10]:
        for _ in range(extra):
            MeasureFactory(deadline=TODAY + datetime.timedelta(days=3))
        RobotEndpoint.objects.create(name=f"群{extra}", kind="dingtalk", url="https://oapi.dingtalk.com/robot/send")
        reminder_sweep_due(today=TODAY)
        with CaptureQueriesContext(connection) as queries:
            client.get("/notifications/deliveries/")
        counts.append(len(queries))
    assert Reminder.objects.count() == 24
    assert counts[0] == counts[1]
