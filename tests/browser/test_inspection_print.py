"""The 责令限期整改指令书 as a browser prints it: A4, Chinese, filled from the record."""

import pytest

from tests.browser.test_layout import SCREENSHOTS, sign_in
from tests.inspections.test_inspections import record

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("loaded_transactional_db")]


def test_the_rectification_order_prints_the_enterprise_findings_and_deadlines(desktop, live_server, demo_user):
    inspection = record(demo_user)
    sign_in(desktop, live_server, "yjj_staff")
    desktop.goto(f"{live_server.url}/inspections/{inspection.pk}/print/order/")

    text = desktop.inner_text("body")
    assert inspection.enterprise.name in text
    assert "储罐区可燃气体报警器失效" in text and "重大危险源未按期评估" in text
    assert "2024年5月20日" in text or "2024-05-20" in text
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    desktop.emulate_media(media="print")
    desktop.screenshot(path=str(SCREENSHOTS / "inspection-order-print.png"), full_page=True)
    pdf = desktop.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    (SCREENSHOTS / "inspection-order.pdf").write_bytes(pdf)
