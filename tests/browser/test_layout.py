"""The shell of the UI in a real browser: a 375-px phone and a desktop."""

from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("loaded_transactional_db")]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def sign_in(page, live_server, username="gx_staff"):
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "demo2024")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def horizontal_overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def test_on_a_phone_the_login_and_home_pages_fit_the_screen(phone, live_server):
    phone.goto(f"{live_server.url}/login/")
    assert "登录" in phone.title()
    assert horizontal_overflow(phone) == 0
    sign_in(phone, live_server)
    assert horizontal_overflow(phone) == 0
    assert phone.is_visible("text=夯实党政领导干部责任")
    # the menu collapses behind the toggler on a phone and opens on a tap
    assert not phone.is_visible("#nav-main >> text=生产经营单位")
    phone.click(".navbar-toggler")
    phone.wait_for_selector("#nav-main.collapse.show >> text=生产经营单位", state="visible")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / "home-375.png"), full_page=False)


def test_on_a_desktop_the_navigation_shows_every_app(desktop, live_server):
    sign_in(desktop, live_server)
    for label in ["工作要点", "生产经营单位", "责任清单", "隐患与问题清单", "自然灾害防治", "监管执法"]:
        assert desktop.is_visible(f"#nav-main >> text={label}")
    desktop.click("text=4. 强化企业主体责任")
    desktop.wait_for_selector("text=变更记录")
    assert "统一公示“行政负责、行业监管、专业监管、企业（单位）”4个责任人" in desktop.content()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    desktop.screenshot(path=str(SCREENSHOTS / "work-item-desktop.png"))


def test_a_wrong_password_shows_the_chinese_message_in_the_browser(phone, live_server):
    phone.goto(f"{live_server.url}/login/")
    phone.fill("#id_username", "gx_staff")
    phone.fill("#id_password", "wrong")
    phone.click("main button[type=submit]")
    phone.wait_for_selector("text=用户名或密码错误")
    assert phone.input_value("#id_username") == "gx_staff"
