"""The cockpit in Chromium: ECharts draws every chart from the page's JSON, on a desktop and a phone, and the
page runs no script error; a figure's link opens its list."""

import pytest
import time_machine

from demo.loader import DemoLoader
from tests.browser.test_layout import SCREENSHOTS, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("loaded_transactional_db")]
CHARTS = ("chart-colours", "chart-systems", "chart-major-trend", "chart-hazard-age")


@pytest.fixture
def demo_work():
    DemoLoader(with_work=True).load()


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_cockpit_draws_its_charts_and_a_figure_opens_its_list(request, viewport, live_server, demo_work):
    page = request.getfixturevalue(viewport)
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    with time_machine.travel("2024-07-15 09:00 +0800", tick=True):
        sign_in(page, live_server, "county_leader")
        page.goto(f"{live_server.url}/dashboard/")
        for chart in CHARTS:
            page.wait_for_selector(f"#{chart} svg", timeout=10_000)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"cockpit-{viewport}.png"), full_page=True)
        expected = page.inner_text("#hazards-open")
        page.click("#hazards-open")
        page.wait_for_url("**/hazards/?*")
        assert f"{expected}" in page.inner_text("body")
    assert errors == []
