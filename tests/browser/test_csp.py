"""The busiest pages run under the Content-Security-Policy with no violation reported by Chromium."""

import pytest

from tests.browser.conftest import watch_csp
from tests.browser.test_layout import sign_in

pytestmark = pytest.mark.browser

PAGES = ["/", "/dashboard/", "/disasters/map/", "/hazards/", "/my/tasks/", "/hazards/scores/", "/api/docs/"]


def test_the_watcher_hears_a_violation(desktop):
    """An inline script under `script-src 'self'` is reported, so an empty list in the journeys means something."""
    violations = watch_csp(desktop)
    desktop.route(
        "http://csp-probe.test/**",  # the page and anything else it asks for (its favicon): no network
        lambda route: route.fulfill(
            content_type="text/html",
            headers={"Content-Security-Policy": "script-src 'self'"},
            body="<!doctype html><title>probe</title><script>document.title = 'ran'</script>",
        ),
    )
    desktop.goto("http://csp-probe.test/")
    assert desktop.title() == "probe"
    assert any("script-src" in v for v in violations), violations


@pytest.mark.usefixtures("loaded_transactional_db")
def test_the_pages_report_no_csp_violation(desktop, live_server):
    violations = watch_csp(desktop)
    sign_in(desktop, live_server, "county_admin")
    for path in PAGES:
        response = desktop.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"], path
        desktop.wait_for_load_state("networkidle")
    assert violations == []
