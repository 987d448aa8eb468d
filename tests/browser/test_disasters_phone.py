"""A township worker's disasters pages on a 375-px phone: nothing wider than the screen."""

import pytest

from tests.browser.test_layout import SCREENSHOTS, horizontal_overflow, sign_in
from tests.disasters.factories import RiskPointFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("loaded_transactional_db")]

PAGES = [
    "/disasters/",
    "/disasters/risk-points/",
    "/disasters/patrols/",
    "/disasters/patrols/missing/",
    "/disasters/warnings/",
    "/disasters/shelters/",
    "/disasters/shelters/coverage/",
    "/disasters/rescue-teams/",
]


def test_the_disasters_pages_fit_a_phone(phone, live_server):
    point = RiskPointFactory(name="东街社区后山滑坡")
    sign_in(phone, live_server)
    for path in [*PAGES, f"/disasters/risk-points/{point.pk}/", f"/disasters/risk-points/{point.pk}/patrols/new/"]:
        phone.goto(f"{live_server.url}{path}")
        assert phone.locator("h1").count() >= 1, path
        assert horizontal_overflow(phone) == 0, path
    phone.goto(f"{live_server.url}/disasters/risk-points/{point.pk}/")
    assert phone.is_visible("text=东街社区后山滑坡")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / "disasters-risk-point-375.png"), full_page=True)
