"""The printed public boards fit one A4 page, with the QR code that opens the public page."""

import datetime
import re

import pytest

from responsibilities.board_services import responsible_person_set
from tests.browser.test_layout import SCREENSHOTS, sign_in
from tests.responsibilities.factories_boards import MajorRiskFactory, gx_enterprise

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("loaded_transactional_db")]


def page_count(pdf):
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def test_the_four_person_board_prints_on_one_a4_page(desktop, live_server, demo_user):
    enterprise = gx_enterprise()
    for role in ("administrative", "industry", "professional", "enterprise"):
        responsible_person_set(
            actor=demo_user("county_admin"),
            enterprise=enterprise,
            role=role,
            name="测试人员",
            post="安全生产分管负责人（兼任安全管理部门负责人）",
            phone="13800000001",
            since=datetime.date(2031, 1, 1),
        )
    sign_in(desktop, live_server, "gx_staff")
    desktop.goto(f"{live_server.url}/responsibilities/enterprises/{enterprise.pk}/board/print/?size=a4")
    assert enterprise.name in desktop.inner_text("body")
    assert desktop.locator(".qr svg").count() == 1
    desktop.emulate_media(media="print")
    pdf = desktop.pdf(format="A4", prefer_css_page_size=True)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "board-print.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF") and page_count(pdf) == 1


def test_the_major_risk_board_prints_on_one_a4_page(desktop, live_server):
    risk = MajorRiskFactory(measures="\n".join(f"{n}. 管控措施第{n}条，落实到岗到人" for n in range(1, 9)))
    sign_in(desktop, live_server, "gx_staff")
    desktop.goto(f"{live_server.url}/responsibilities/risks/{risk.pk}/print/")
    desktop.emulate_media(media="print")
    pdf = desktop.pdf(format="A4", prefer_css_page_size=True)
    (SCREENSHOTS / "risk-board-print.pdf").parent.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "risk-board-print.pdf").write_bytes(pdf)
    assert page_count(pdf) == 1


def test_the_public_board_opens_anonymously_in_a_browser(desktop, live_server):
    risk = MajorRiskFactory()
    desktop.goto(f"{live_server.url}/board/risk/{risk.public_token}/")
    assert "138****0001" in desktop.inner_text("body")
