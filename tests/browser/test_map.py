"""The risk map in a real browser with no internet: Leaflet and the data come from the portal alone."""

from decimal import Decimal
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from core.models import OrgUnit, User
from disasters.map_resources import depot_features, shelter_features
from tests.browser.test_layout import SCREENSHOTS, horizontal_overflow, sign_in
from tests.disasters.factories import RiskPointFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("loaded_transactional_db")]


def offline(page):
    """Abort every request that leaves the machine; returns the list of what was tried."""
    tried = []

    def route(route):
        if urlparse(route.request.url).hostname in ("localhost", "127.0.0.1"):
            route.continue_()
        else:
            tried.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    return tried


def make_points():
    """Four points in 桂溪街道 (three kinds, two states) and one in 沙坪镇 that 桂溪's staff do not see."""
    spots = [("107.30", "30.30"), ("107.36", "30.36"), ("107.40", "30.25"), ("107.33", "30.42")]
    kinds = ["landslide", "waterlogging", "forest_fire", "landslide"]
    for (lon, lat), kind in zip(spots, kinds, strict=True):
        RiskPointFactory(longitude=Decimal(lon), latitude=Decimal(lat), kind=kind)
    RiskPointFactory(state="engineering", longitude=Decimal("107.45"), latitude=Decimal("30.20"), name="工程治理点")
    RiskPointFactory(township=OrgUnit.objects.get(name="沙坪镇"), longitude=Decimal("107.55"), latitude=Decimal("30.0"))
    return 5


def test_the_map_draws_the_visible_points_with_no_internet(desktop, live_server):
    visible = make_points()
    tried = offline(desktop)
    sign_in(desktop, live_server)
    desktop.goto(f"{live_server.url}/disasters/map/")
    desktop.wait_for_selector("#disaster-map[data-loaded=true]")
    staff = User.objects.get(username="gx_staff")
    resources = len(shelter_features(staff, {})) + len(depot_features(staff, {}))  # the demo's, in 桂溪街道
    assert desktop.locator("#disaster-map path.leaflet-interactive").count() == visible + resources
    assert desktop.is_visible(".township-label >> text=桂溪街道")
    assert "隐患点 共 5 个" in desktop.inner_text("#map-status")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    desktop.screenshot(path=str(SCREENSHOTS / "disasters-map-desktop.png"))

    # a marker's popup names the point and links to its record
    engineering = desktop.locator('#disaster-map path.leaflet-interactive[stroke="#ffc107"]')  # its state outline
    engineering.click(force=True)
    popup = desktop.wait_for_selector(".leaflet-popup-content")
    assert "工程治理点" in popup.inner_text() and "工程治理中" in popup.inner_text()
    assert "/disasters/risk-points/" in popup.query_selector("a").get_attribute("href")

    # the filter reloads the data without leaving the page
    desktop.select_option("#id_state", "engineering")
    desktop.click("#map-filters button[type=submit]")
    # the state filter is the risk points'; the shelters and depots stay
    # a locator, not wait_for_function: that polls with eval, which the page's CSP refuses
    expect(desktop.locator("#disaster-map path.leaflet-interactive")).to_have_count(1 + resources)
    assert desktop.url.endswith("/disasters/map/?state=engineering")
    assert tried == []


def test_on_a_phone_the_map_fits_the_screen(phone, live_server):
    make_points()
    offline(phone)
    sign_in(phone, live_server)
    phone.goto(f"{live_server.url}/disasters/map/")
    phone.wait_for_selector("#disaster-map[data-loaded=true]")
    assert horizontal_overflow(phone) == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / "disasters-map-375.png"))


def test_the_map_shows_the_demo_risk_points_offline(desktop, live_server):
    from demo.disasters import load_risk_points
    from demo.loader import DemoLoader
    from disasters.models import RiskPoint

    load_risk_points(DemoLoader())
    points = RiskPoint.objects.count()
    admin = User.objects.get(username="county_admin")
    resources = len(shelter_features(admin, {})) + len(depot_features(admin, {}))
    tried = offline(desktop)
    sign_in(desktop, live_server, "county_admin")
    desktop.goto(f"{live_server.url}/disasters/map/")
    desktop.wait_for_selector("#disaster-map[data-loaded=true]")

    assert points > 70
    assert desktop.locator("#disaster-map path.leaflet-interactive").count() == points + resources
    assert f"隐患点 共 {points} 个" in desktop.inner_text("#map-status")
    assert tried == []
    desktop.screenshot(path=str(SCREENSHOTS / "disasters-map-demo.png"))
