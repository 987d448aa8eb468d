"""The busiest pages run under the Content-Security-Policy with no violation reported by Chromium."""

import pytest

from tests.browser.test_layout import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("loaded_transactional_db")]

PAGES = ["/", "/dashboard/", "/disasters/map/", "/hazards/", "/my/tasks/", "/hazards/scores/", "/api/docs/"]


def test_the_pages_report_no_csp_violation(desktop, live_server):
    violations = []
    desktop.add_init_script(
        "document.addEventListener('securitypolicyviolation',"
        " e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    desktop.on(
        "console",
        lambda m: ("Content Security Policy" in m.text or "CSP violation" in m.text) and violations.append(m.text),
    )
    sign_in(desktop, live_server, "county_admin")
    for path in PAGES:
        response = desktop.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"], path
        desktop.wait_for_load_state("networkidle")
    assert violations == []
