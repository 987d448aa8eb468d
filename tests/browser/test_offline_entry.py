"""Offline field entry on a 375-px phone, in Chromium under the site's Content-Security-Policy: a township worker
opens the patrol form with signal (the service worker installs, the page is kept), loses the signal, records a
patrol — it is queued on the phone, nothing reaches the server — and when the signal returns the queue is sent and
the patrol is saved exactly once, even when the same queued item is sent again.

Playwright's wait_for_function evaluates a string, which the CSP forbids: the test waits with locators only."""

import datetime

import pytest
import time_machine
from django.core.signals import request_started
from playwright.sync_api import expect

from tests.browser.conftest import watch_csp
from tests.browser.test_journeys import PASSWORD, VIEWPORTS, png_bytes
from tests.browser.test_layout import SCREENSHOTS, horizontal_overflow

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("loaded_transactional_db")]


@pytest.fixture
def phone_context(browser):
    context = browser.new_context(locale="zh-CN", **VIEWPORTS["phone"])
    context.set_default_timeout(15_000)
    yield context
    context.close()


@time_machine.travel("2024-07-15 09:00 +0800", tick=True)
def test_a_patrol_entered_without_signal_is_queued_and_saved_once_when_the_signal_returns(phone_context, live_server):
    from disasters.models import Patrol
    from tests.disasters.factories import RiskPointFactory

    point = RiskPointFactory(name="东街社区后山滑坡")
    page = phone_context.new_page()
    violations, errors = watch_csp(page), []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    page.goto(f"{live_server.url}/login/")
    page.locator("#id_username").fill("gx_staff")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/")

    # With signal: the form opens, the service worker installs and the page is kept on the phone.
    page.goto(f"{live_server.url}/disasters/risk-points/{point.pk}/patrols/new/")
    expect(page.locator("main h1")).to_have_text("记录巡查")
    expect(page.locator("html[data-offline-ready='1']")).to_have_count(1)
    assert page.evaluate("() => navigator.serviceWorker.controller !== null")
    first_key = page.locator("[data-offline-key]").input_value()

    # Without signal: a patrol with a photo, queued on the phone.
    phone_context.set_offline(True)
    page.locator("#id_kind").select_option("after_rain")
    page.locator("#id_patrolled_at").fill("2024-07-15T08:30")
    page.locator("label", has_text="异常").click()
    page.locator("#id_findings").fill("后山坡脚新增裂缝约2米")
    page.locator("#id_measures").fill("设置警示标志")
    page.locator("#id_photos").set_input_files({"name": "裂缝.png", "mimeType": "image/png", "buffer": png_bytes()})
    page.locator("main button[type=submit]").click()

    expect(page.locator("main [data-offline-alert]")).to_have_text("已离线保存，联网后自动发送。")
    expect(page.locator("#offline-pending")).to_be_visible()
    expect(page.locator("#offline-pending")).to_contain_text("待发送 1 条")
    assert page.locator("[data-offline-key]").input_value() != first_key  # the next patrol gets its own key
    assert horizontal_overflow(page) == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "offline-patrol-375-queued.png"), full_page=True)
    assert not Patrol.objects.exists()

    # Still without signal, the form opens again: the service worker answers with the copy the phone kept.
    asked = []
    listener = lambda sender, environ, **kwargs: asked.append(environ["PATH_INFO"])  # noqa: E731
    request_started.connect(listener)
    reopened = page.goto(f"{live_server.url}/disasters/risk-points/{point.pk}/patrols/new/")
    assert reopened.from_service_worker and asked == []  # the server was not asked
    expect(page.locator("main h1")).to_have_text("记录巡查")
    expect(page.locator("#offline-pending")).to_contain_text("待发送 1 条")
    assert page.locator("[data-offline-key]").input_value() not in ("", first_key)
    queued = page.evaluate(
        "() => PortalOfflineStore.all().then(items => { window.keptItem = items[0];"
        " return items.map(i => [i.key, i.status, i.fields.filter(f => typeof f[1] !== 'string').length]); })"
    )
    assert queued == [[first_key, "pending", 1]]

    # Signal back: the queue is sent (the 'online' event), the patrol saved once with what was typed.
    phone_context.set_offline(False)
    expect(page.locator("#offline-pending [data-offline-count]")).to_have_text("0")
    expect(page.locator("#offline-pending")).to_be_hidden()
    request_started.disconnect(listener)
    assert "/offline/session/" in asked  # the listener hears the server's requests: none came while offline
    patrol = Patrol.objects.get()
    assert (patrol.risk_point, patrol.kind, patrol.situation) == (point, "after_rain", "abnormal")
    assert (patrol.findings, patrol.measures) == ("后山坡脚新增裂缝约2米", "设置警示标志")
    assert patrol.patrolled_at == datetime.datetime(2024, 7, 15, 0, 30, tzinfo=datetime.UTC)
    assert patrol.patroller.username == "gx_staff" and patrol.evidence.get().original_name == "裂缝.png"

    # The same stored item sent again (a replay after a lost answer): the key says it is saved already.
    page.evaluate("() => PortalOfflineStore.put(window.keptItem).then(() => PortalOffline.send())")
    expect(page.locator("#offline-pending [data-offline-count]")).to_have_text("0")
    assert page.evaluate("() => PortalOfflineStore.all().then(items => items.length)") == 0
    assert Patrol.objects.count() == 1

    # A patrol the server refuses (dated after now): it stays on the phone, 需修改 with the server's reason, and is
    # opened again with everything typed (the photo too), corrected and saved.
    page.goto(f"{live_server.url}/disasters/risk-points/{point.pk}/patrols/new/")
    expect(page.locator("html[data-offline-ready='1']")).to_have_count(1)
    phone_context.set_offline(True)
    page.locator("#id_patrolled_at").fill("2024-07-16T08:00")
    page.locator("#id_findings").fill("坡面无异常")
    page.locator("#id_photos").set_input_files({"name": "坡面.png", "mimeType": "image/png", "buffer": png_bytes()})
    page.locator("main button[type=submit]").click()
    expect(page.locator("#offline-pending")).to_contain_text("待发送 1 条")
    phone_context.set_offline(False)
    page.goto(f"{live_server.url}/offline/")
    item = page.locator("#offline-list li")
    expect(item.locator(".badge")).to_have_text("需修改")
    expect(item).to_contain_text("巡查时间不能晚于现在。")
    expect(page.locator("#offline-pending")).to_contain_text("待发送 1 条")
    assert Patrol.objects.count() == 1
    item.get_by_role("link", name="打开修改").click()
    expect(page.locator("#id_findings")).to_have_value("坡面无异常")
    expect(page.locator("main [data-offline-alert]")).to_contain_text("巡查时间不能晚于现在。")
    assert page.evaluate("() => document.getElementById('id_photos').files[0].name") == "坡面.png"
    page.locator("#id_patrolled_at").fill("2024-07-15T08:45")
    page.locator("main button[type=submit]").click()
    expect(page.locator("main .alert[role=alert]").first).to_have_text("已记录巡查。")
    assert Patrol.objects.count() == 2
    assert Patrol.objects.get(findings="坡面无异常").evidence.get().original_name == "坡面.png"
    expect(page.locator("#offline-pending")).to_be_hidden()

    page.goto(f"{live_server.url}/offline/")
    expect(page.locator("#offline-empty")).to_be_visible()
    assert violations == [], violations
    assert errors == [], errors
