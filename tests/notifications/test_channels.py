"""Channels beyond in-app: group robots (WeCom, DingTalk) against a local HTTP server, e-mail, SMS."""

import base64
import datetime
import hashlib
import hmac
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail

from core.models import OrgUnit, User
from notifications.channels import ChannelError
from notifications.models import Notification, Reminder, ReminderRule, RobotEndpoint
from notifications.outbox import notify_once
from notifications.sending import MAX_ATTEMPTS, deliver
from notifications.sweep import reminder_sweep_due
from tests.tasks.factories import MeasureFactory

TODAY = datetime.date(2024, 9, 27)


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # the client that timed out has hung up; writing the late answer fails, as it should


class RobotServer:
    """A WeCom/DingTalk stand-in on 127.0.0.1: records each POST and answers as `answer` says."""

    def __init__(self):
        self.requests = []
        self.answer = "ok"
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers["Content-Length"])
                body = json.loads(self.rfile.read(length))
                server.requests.append({"path": self.path, "headers": dict(self.headers), "json": body})
                if server.answer == "slow":
                    time.sleep(2)
                status, reply = {
                    "ok": (200, {"errcode": 0, "errmsg": "ok"}),
                    "slow": (200, {"errcode": 0, "errmsg": "ok"}),
                    "500": (500, {"error": "internal"}),
                    "errcode": (200, {"errcode": 93000, "errmsg": "invalid webhook url"}),
                }[server.answer]
                payload = json.dumps(reply).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.httpd = QuietServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def robot_server():
    with RobotServer() as server:
        yield server


@pytest.fixture
def only_rule(db, settings):
    """The default rules off, and one rule of ours: 3 days before a measure's deadline, to its staff."""
    settings.PORTAL_BASE_URL = "https://aq.example.cn"
    ReminderRule.objects.update(is_active=False)

    def make(channels, recipients=("owner_staff",)):
        return ReminderRule.objects.create(
            name="测试", source="measure", offsets=[-3], recipients=list(recipients), channels=list(channels)
        )

    return make


def _endpoint(server, kind="wecom", unit="桂溪街道", secret=""):
    path = "/cgi-bin/webhook/send?key=k-123" if kind == "wecom" else "/robot/send?access_token=t-456"
    return RobotEndpoint.objects.create(
        name=f"{unit or '安委办'}群",
        kind=kind,
        url=server.url + path,
        secret=secret,
        unit=OrgUnit.objects.get(name=unit) if unit else None,
    )


def _due_measure():
    return MeasureFactory(deadline=TODAY + datetime.timedelta(days=3))


def test_the_sweep_writes_one_robot_row_per_group_not_one_per_member(only_rule, robot_server):
    only_rule(["in_app", "wecom"], recipients=["owner_staff", "owner_head", "lead_unit", "county_office"])
    township, department = _endpoint(robot_server), _endpoint(robot_server, unit=None)
    _endpoint(robot_server, kind="dingtalk")  # the rule does not use DingTalk
    measure = _due_measure()
    reminder_sweep_due(today=TODAY)
    robots = Reminder.objects.filter(object_id=measure.pk, channel="wecom")
    assert {(r.endpoint_id, r.recipient_id) for r in robots} == {(township.pk, None), (department.pk, None)}
    assert Reminder.objects.filter(object_id=measure.pk, channel="in_app").count() == 5  # gx ×2, yjj ×2, county
    assert reminder_sweep_due(today=TODAY) == []


def test_a_village_record_reaches_its_township_group(db, robot_server):
    from tests.hazards.factories import HazardFactory

    ReminderRule.objects.update(is_active=False)
    ReminderRule.objects.create(
        name="隐患", source="hazard", offsets=[1], recipients=["owner_staff"], channels=["wecom"]
    )
    township = _endpoint(robot_server)
    village = OrgUnit.objects.get(name="东街社区居民委员会")
    hazard = HazardFactory(territory=village, deadline=TODAY - datetime.timedelta(days=1))
    reminder_sweep_due(today=TODAY)
    assert list(Reminder.objects.filter(object_id=hazard.pk).values_list("endpoint", flat=True)) == [township.pk]


def test_a_wecom_group_robot_receives_a_well_formed_markdown_message(only_rule, robot_server):
    only_rule(["wecom"])
    endpoint = _endpoint(robot_server)
    measure = _due_measure()
    [reminder_id] = reminder_sweep_due(today=TODAY)
    assert deliver(reminder_id) == "sent"
    [request] = robot_server.requests
    assert request["path"] == "/cgi-bin/webhook/send?key=k-123"
    assert request["headers"]["Content-Type"].startswith("application/json")
    assert request["json"] == {
        "msgtype": "markdown",
        "markdown": {
            "content": f"**【具体措施】{measure.title}**\n还有3天到期（2024-09-30）\n"
            f"[查看详情](https://aq.example.cn/measures/{measure.pk}/)"
        },
    }
    endpoint.refresh_from_db()
    assert endpoint.last_status == "ok" and endpoint.last_success_at and not endpoint.last_error
    assert Reminder.objects.get(pk=reminder_id).status == "sent"
    assert deliver(reminder_id) == "already" and len(robot_server.requests) == 1


def test_a_dingtalk_group_robot_receives_a_signed_markdown_message(only_rule, robot_server):
    only_rule(["dingtalk"])
    secret = "SEC0123456789abcdef"
    _endpoint(robot_server, kind="dingtalk", secret=secret)
    measure = _due_measure()
    [reminder_id] = reminder_sweep_due(today=TODAY)
    assert deliver(reminder_id) == "sent"
    [request] = robot_server.requests
    url = urlsplit(request["path"])
    query = parse_qs(url.query)
    assert url.path == "/robot/send" and query["access_token"] == ["t-456"]
    [timestamp], [sign] = query["timestamp"], query["sign"]
    assert abs(int(timestamp) - time.time() * 1000) < 60_000
    expected = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    assert sign == base64.b64encode(expected).decode()  # parse_qs has already undone the URL encoding
    title = f"【具体措施】{measure.title}"
    assert request["json"]["msgtype"] == "markdown"
    assert request["json"]["markdown"]["title"] == title
    assert request["json"]["markdown"]["text"].startswith(f"#### {title}\n\n还有3天到期（2024-09-30）")


def test_a_robot_answering_500_is_retried_then_failed_and_the_in_app_message_still_goes(only_rule, robot_server):
    only_rule(["in_app", "wecom"])
    endpoint = _endpoint(robot_server)
    robot_server.answer = "500"
    measure = _due_measure()
    reminder_sweep_due(today=TODAY)
    robot = Reminder.objects.get(object_id=measure.pk, channel="wecom")
    for attempt in range(1, MAX_ATTEMPTS + 1):
        with pytest.raises(ChannelError, match="HTTP 500"):
            deliver(robot.pk)  # each call is one of send_reminder's attempts
        robot.refresh_from_db()
        assert robot.attempts == attempt
        assert robot.status == ("failed" if attempt == MAX_ATTEMPTS else "pending")
    assert "HTTP 500" in robot.last_error and robot.sent_at is None
    assert deliver(robot.pk) == "already" and len(robot_server.requests) == MAX_ATTEMPTS
    endpoint.refresh_from_db()
    assert endpoint.last_status == "failed" and "HTTP 500" in endpoint.last_error
    in_app = Reminder.objects.get(object_id=measure.pk, channel="in_app")
    assert deliver(in_app.pk) == "sent"
    assert Notification.objects.filter(reminder=in_app, recipient__username="gx_staff").exists()


def test_a_robot_that_does_not_answer_in_time_is_a_channel_error(only_rule, robot_server, settings):
    settings.REMINDER_WEBHOOK_TIMEOUT = 0.3
    only_rule(["wecom"])
    endpoint = _endpoint(robot_server)
    robot_server.answer = "slow"
    _due_measure()
    [reminder_id] = reminder_sweep_due(today=TODAY)
    with pytest.raises(ChannelError, match="超时"):
        deliver(reminder_id)
    row = Reminder.objects.get(pk=reminder_id)
    assert row.status == "pending" and "超时" in row.last_error
    endpoint.refresh_from_db()
    assert endpoint.last_status == "failed" and "超时" in endpoint.last_error


def test_a_robot_errcode_in_a_200_answer_is_a_channel_error(only_rule, robot_server):
    only_rule(["wecom"])
    _endpoint(robot_server)
    robot_server.answer = "errcode"
    _due_measure()
    [reminder_id] = reminder_sweep_due(today=TODAY)
    with pytest.raises(ChannelError, match="errcode=93000"):
        deliver(reminder_id)


def test_a_robot_nobody_listens_on_is_a_channel_error(only_rule):
    only_rule(["wecom"], recipients=["county_office"])
    with socket.socket() as free:  # a port nobody listens on
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    endpoint = RobotEndpoint.objects.create(name="无人", kind="wecom", url=f"http://127.0.0.1:{port}/send?key=x")
    _due_measure()
    [reminder_id] = reminder_sweep_due(today=TODAY)
    with pytest.raises(ChannelError, match="无法连接"):
        deliver(reminder_id)
    endpoint.refresh_from_db()
    assert endpoint.last_status == "failed"


def test_robot_rows_without_an_active_endpoint_are_skipped_not_retried(only_rule, robot_server):
    only_rule(["wecom"])
    endpoint = _endpoint(robot_server)
    _due_measure()
    [reminder_id] = reminder_sweep_due(today=TODAY)
    RobotEndpoint.objects.filter(pk=endpoint.pk).update(is_active=False)
    assert deliver(reminder_id) == "skipped"
    assert "已停用" in Reminder.objects.get(pk=reminder_id).last_error
    gx_staff = User.objects.get(username="gx_staff")
    [no_endpoint] = notify_once(
        source="test", object_id=1, deadline=TODAY, step=1, user_ids=[gx_staff.pk], title="t", channels=["dingtalk"]
    )
    assert deliver(no_endpoint) == "skipped"
    assert robot_server.requests == []


@pytest.fixture(autouse=True)
def immediate_delivery(db):
    """These tests are about the channels themselves: their recipients take each reminder as it comes."""
    from notifications.models import DeliveryPreference

    for user in User.objects.filter(username__in=["gx_staff", "gx_head", "yjj_head", "yjj_staff"]):
        for channel in ["email", "sms"]:
            DeliveryPreference.objects.update_or_create(user=user, channel=channel, defaults={"mode": "immediate"})


def test_e_mail_goes_through_django_mail_and_a_person_without_an_address_is_skipped(only_rule, settings, caplog):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.DEFAULT_FROM_EMAIL = "aq@example.cn"
    only_rule(["email"], recipients=["owner_staff", "owner_head"])
    User.objects.filter(username="gx_staff").update(email="gx_staff@example.cn")
    User.objects.filter(username="gx_head").update(email="")
    measure = _due_measure()
    reminder_sweep_due(today=TODAY)
    rows = {r.recipient.username: r.pk for r in Reminder.objects.filter(object_id=measure.pk)}
    assert deliver(rows["gx_staff"]) == "sent"
    [message] = mail.outbox
    assert message.to == ["gx_staff@example.cn"] and message.from_email == "aq@example.cn"
    assert message.subject == f"【具体措施】{measure.title}"
    assert "还有3天到期" in message.body and f"https://aq.example.cn/measures/{measure.pk}/" in message.body
    with caplog.at_level("INFO", logger="notifications.sending"):
        assert deliver(rows["gx_head"]) == "skipped"
    assert "接收人没有电子邮件地址" in caplog.text
    assert Reminder.objects.get(pk=rows["gx_head"]).last_error == "接收人没有电子邮件地址"
    assert len(mail.outbox) == 1


class RecordingGateway:
    sent = []

    def send(self, *, phone, text):
        self.sent.append((phone, text))


def test_the_sms_gateway_is_the_class_the_setting_names(only_rule, settings, caplog):
    only_rule(["sms"])
    User.objects.filter(username="gx_staff").update(phone="13800000000")
    _due_measure()
    [reminder_id] = reminder_sweep_due(today=TODAY)
    with caplog.at_level("INFO", logger="notifications.channels"):
        assert deliver(reminder_id) == "sent"
    assert "SMS to 13800000000" in caplog.text  # the default: the logging gateway
    Reminder.objects.filter(pk=reminder_id).update(status="pending")
    settings.REMINDER_SMS_BACKEND = f"{__name__}.RecordingGateway"
    assert deliver(reminder_id) == "sent"
    assert RecordingGateway.sent[-1][0] == "13800000000" and "还有3天到期" in RecordingGateway.sent[-1][1]


def test_a_row_waiting_for_its_celery_retry_is_not_requeued_early(only_rule):
    from django.utils import timezone

    from notifications.sending import stuck_reminders

    only_rule(["in_app", "email"])
    _due_measure()
    in_app, email = sorted(reminder_sweep_due(today=TODAY))
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    Reminder.objects.update(created_at=an_hour_ago)
    Reminder.objects.filter(pk=email).update(attempts=2, claimed_at=timezone.now() - datetime.timedelta(minutes=5))
    assert stuck_reminders() == [in_app]  # never tried: its enqueue was lost
    Reminder.objects.filter(pk=email).update(claimed_at=an_hour_ago)
    assert sorted(stuck_reminders()) == [in_app, email]  # its retry was lost too


def test_the_foreground_sweep_command_goes_on_when_a_robot_fails(db, settings):
    from io import StringIO

    from django.core.management import call_command

    ReminderRule.objects.update(is_active=False)
    ReminderRule.objects.create(
        name="测试", source="measure", offsets=[-3], recipients=["owner_staff"], channels=["wecom", "in_app"]
    )
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    RobotEndpoint.objects.create(
        name="无人", kind="wecom", url=f"http://127.0.0.1:{port}/send", unit=OrgUnit.objects.get(name="桂溪街道")
    )
    MeasureFactory(deadline=datetime.date.today() + datetime.timedelta(days=3))
    out, err = StringIO(), StringIO()
    call_command("run_reminder_sweep", stdout=out, stderr=err)
    assert "已发送 1 条" in out.getvalue() and "发送失败待重试 1 条" in out.getvalue() and "无法连接" in err.getvalue()
