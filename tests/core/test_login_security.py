"""Login lock-out, session timeouts, password rules and the second factor of county administrators."""

import datetime

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from demo.data import DEMO_PASSWORD

START = datetime.datetime(2024, 6, 3, 9, 0, tzinfo=datetime.UTC)


def log_in(client, username, password=DEMO_PASSWORD, **extra):
    return client.post("/login/", {"username": username, "password": password}, **extra)


def test_five_wrong_passwords_lock_that_account_from_that_client_with_a_chinese_page(db, settings):
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "gx_staff", "wrong-guess-1").status_code == 200
    locked = log_in(client, "gx_staff", "wrong-guess-1")
    assert locked.status_code == 429
    assert "连续 5 次输入错误密码，已被锁定 30 分钟" in locked.content.decode()
    right = log_in(client, "gx_staff")
    assert right.status_code == 429 and "_auth_user_id" not in client.session  # the right password is refused too
    assert log_in(Client(REMOTE_ADDR="203.0.113.7"), "sp_staff").status_code == 302  # colleagues behind one NAT
    assert log_in(Client(REMOTE_ADDR="198.51.100.9"), "gx_staff").status_code == 302  # the owner elsewhere


def test_the_lock_lifts_after_the_cool_off(db, settings):
    client = Client(REMOTE_ADDR="203.0.113.7")
    with time_machine.travel(START, tick=False) as clock:
        for _attempt in range(settings.AXES_FAILURE_LIMIT):
            log_in(client, "gx_staff", "wrong-guess-1")
        assert log_in(client, "gx_staff").status_code == 429
        clock.shift(datetime.timedelta(minutes=31))
        assert log_in(client, "gx_staff").status_code == 302


def test_behind_the_proxy_the_lock_follows_the_address_the_proxy_saw(db, settings):
    settings.TRUST_X_FORWARDED_FOR = True
    proxy = "10.0.0.2"  # every request arrives from the proxy

    def through_proxy(forwarded):
        return Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=forwarded)

    for attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(through_proxy(f"192.0.2.{attempt}, 203.0.113.7"), "gx_staff", "wrong-guess-1")  # left part forged
    assert log_in(through_proxy("8.8.8.8, 203.0.113.7"), "gx_staff").status_code == 429
    assert log_in(through_proxy("203.0.113.8"), "gx_staff").status_code == 302  # another client of the proxy


def test_without_trusting_the_proxy_header_a_forged_one_changes_nothing(db, settings):
    settings.TRUST_X_FORWARDED_FOR = False
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(Client(REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}"), "gx_staff", "x-1")
    assert log_in(Client(REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="192.0.2.99"), "gx_staff").status_code == 429


def test_an_idle_session_ends_after_thirty_minutes_with_a_message(web_as):
    with time_machine.travel(START, tick=False) as clock:
        client = web_as("gx_staff")
        clock.shift(datetime.timedelta(minutes=20))
        assert client.get("/").status_code == 200
        clock.shift(datetime.timedelta(minutes=20))  # 40 minutes after the login, 20 after the last request
        assert client.get("/").status_code == 200
        clock.shift(datetime.timedelta(minutes=31))
        response = client.get("/my/tasks/")
        assert response.status_code == 302 and response.url.startswith("/login/")
        assert "_auth_user_id" not in client.session
        assert "分钟没有操作，为安全起见请重新登录" in client.get(response.url).content.decode()


def test_a_busy_session_still_ends_twelve_hours_after_the_login(web_as):
    with time_machine.travel(START, tick=False) as clock:
        client = web_as("gx_staff")
        for _step in range(28):  # a request every 25 minutes: 11 h 40 min
            clock.shift(datetime.timedelta(minutes=25))
            assert client.get("/").status_code == 200
        clock.shift(datetime.timedelta(minutes=25))
        response = client.get("/")
        assert response.status_code == 302
        assert "登录已超过 12 小时" in client.get(response.url).content.decode()


def test_a_request_within_a_minute_does_not_write_the_session(web_as, django_assert_max_num_queries):
    with time_machine.travel(START, tick=False):
        client = web_as("gx_staff")
        client.get("/my/tasks/")
        with django_assert_max_num_queries(100) as counted:
            client.get("/my/tasks/")
        assert not any("django_session" in q["sql"] and "UPDATE" in q["sql"] for q in counted.captured_queries)


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Ab1", "密码太短，至少需要 10 个字符"),
        ("abcdefghijk", "密码必须同时包含字母和数字"),
        ("20240603123", "密码必须同时包含字母和数字"),
        ("password123", "这个密码太常见了"),
    ],
)
def test_weak_passwords_are_refused_in_chinese(db, password, message):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert any(message in text for text in refused.value.messages), refused.value.messages


def test_a_password_like_the_account_name_is_refused(demo_user):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        validate_password("gx_staff2024", user=demo_user("gx_staff"))
    assert any("太相似" in text for text in refused.value.messages), refused.value.messages
    validate_password("Qiao-xi7Lu9Ban", user=demo_user("gx_staff"))  # a good one passes


def code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_a_county_admin_enrols_and_then_the_login_asks_for_the_code(web_as, client):
    with time_machine.travel(START, tick=False) as clock:
        page = web_as("county_admin").get("/account/two-factor/")
        assert page.status_code == 200 and "<svg" in page.content.decode()
        device = TOTPDevice.objects.get(user__username="county_admin", confirmed=False)
        wrong = "000000" if code(device) != "000000" else "111111"
        response = client.post("/account/two-factor/", {"token": wrong})
        assert response.status_code == 200 and "验证码不正确" in response.content.decode()
        clock.shift(datetime.timedelta(seconds=5))  # django-otp slows down repeated failures
        assert client.post("/account/two-factor/", {"token": code(device)}).status_code == 302
        device.refresh_from_db()
        assert device.confirmed
        client.post("/logout/")

        clock.shift(datetime.timedelta(minutes=1))
        response = log_in(client, "county_admin", HTTP_HOST="testserver")
        assert response.status_code == 302
        held = client.get("/hazards/")
        assert held.status_code == 302 and held.url.startswith("/login/code/")
        assert client.get("/api/v1/org-units/").status_code == 403
        assert client.post("/login/code/", {"token": "12345"}).status_code == 200  # not six digits
        response = client.post("/login/code/", {"token": code(device), "next": "/hazards/"})
        assert response.status_code == 302 and response.url == "/hazards/"
        assert client.get("/hazards/").status_code == 200


def test_the_code_cannot_be_skipped_through_the_admin_login(db, client):
    from core.models import User

    assert TOTPDevice.objects.create(user=User.objects.get(username="county_admin")).confirmed
    client.post("/admin/login/", {"username": "county_admin", "password": DEMO_PASSWORD, "next": "/admin/"})
    response = client.get("/admin/")
    assert response.status_code == 302 and response.url.startswith("/login/code/")


def test_a_code_typed_too_late_sends_back_to_the_password(db, client):
    from core.models import User

    TOTPDevice.objects.create(user=User.objects.get(username="county_admin"))
    with time_machine.travel(START, tick=False) as clock:
        log_in(client, "county_admin")
        clock.shift(datetime.timedelta(minutes=6))
        response = client.get("/login/code/")
        assert response.status_code == 302 and response.url == "/login/"
        assert "_auth_user_id" not in client.session


def test_only_county_administrators_enrol(web_as):
    assert web_as("gx_staff").get("/account/two-factor/").status_code == 404


def test_when_required_a_county_admin_without_a_device_must_enrol_first(db, client, settings):
    settings.REQUIRE_ADMIN_TOTP = True
    log_in(client, "county_admin")
    response = client.get("/")
    assert response.status_code == 302 and response.url.startswith("/account/two-factor/")
    staff = Client()
    log_in(staff, "gx_staff")
    assert staff.get("/").status_code == 200  # township staff are not asked


def test_the_user_menu_offers_the_second_factor_to_county_administrators_only(web_as):
    assert "/account/two-factor/" in web_as("county_admin").get("/").content.decode()
    assert "/account/two-factor/" not in web_as("gx_staff").get("/").content.decode()
