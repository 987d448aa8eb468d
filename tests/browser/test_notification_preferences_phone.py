"""The delivery preferences page on a 375-px phone: it fits, and a choice is saved."""

from pathlib import Path

import pytest

from notifications.preferences import preferences_of
from tests.browser.test_layout import horizontal_overflow, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("loaded_transactional_db")]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def test_on_a_phone_a_person_chooses_a_daily_digest_for_in_app(phone, live_server, demo_user):
    sign_in(phone, live_server)
    phone.goto(f"{live_server.url}/notifications/preferences/")
    assert horizontal_overflow(phone) == 0
    phone.select_option("#id_in_app", "digest")
    phone.click("main button[type=submit]")
    phone.wait_for_selector("text=提醒方式已保存")
    assert preferences_of(user=demo_user("gx_staff"))["in_app"] == "digest"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / "notification-preferences-375.png"), full_page=True)
