"""群众举报 on a 375-px phone: the form fits, the captcha image is drawn, the receipt code shows."""

import pytest
from captcha.models import CaptchaStore
from django.core.cache import cache
from playwright.sync_api import expect

from tests.browser.test_layout import SCREENSHOTS, horizontal_overflow

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("loaded_transactional_db")]


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    client = cache._cache.get_client(write=True)
    for key in client.scan_iter(match=cache.make_key("rl:*")):
        client.delete(key)


def test_on_a_phone_a_report_is_sent_without_logging_in_and_the_receipt_code_shows(
    phone, live_server, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    phone.goto(f"{live_server.url}/login/")
    phone.click("text=群众举报（无需登录）")
    phone.wait_for_selector("h1 >> text=群众举报安全隐患")
    assert horizontal_overflow(phone) == 0
    # drawn by our server; a locator, not wait_for_function: that polls with eval, which the page's CSP refuses
    expect(phone.locator("img.captcha")).to_have_js_property("complete", True)
    assert phone.locator("img.captcha").evaluate("img => img.naturalWidth") > 0
    phone.fill("#id_description", "小区地下车库堆放大量电动车电池")
    phone.fill("#id_place", "桂溪街道某小区")
    phone.select_option("#id_township", label="桂溪街道")
    key = phone.input_value("input[name=captcha_0]")
    phone.fill("#id_captcha_1", CaptchaStore.objects.get(hashkey=key).response)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / "public-report-375.png"), full_page=True)
    phone.click("main button[type=submit]")
    phone.wait_for_selector("#receipt-code")
    assert horizontal_overflow(phone) == 0
    code = phone.inner_text("#receipt-code")
    phone.click("text=查询处理结果")
    phone.wait_for_selector("#outcome")
    assert code in phone.inner_text("#outcome") and "待处理" in phone.inner_text("#outcome")
    assert horizontal_overflow(phone) == 0
