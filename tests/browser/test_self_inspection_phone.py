"""日周月排查 on a 375-px phone: from the enterprise page to a recorded check, without sideways scrolling."""

import datetime
import importlib

import pytest
from django.apps import apps

from tests.browser.test_layout import SCREENSHOTS, horizontal_overflow, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("loaded_transactional_db")]


def seed_hazard_data():
    """A transactional test starts from an emptied database: put back what the hazards data migrations load."""
    for name, seed in [("0002_problem_lists", "seed"), ("0003_self_inspection", "seed_checklists")]:
        getattr(importlib.import_module(f"hazards.migrations.{name}"), seed)(apps, None)


def test_on_a_phone_a_township_records_a_check_from_the_enterprise_page(phone, live_server):
    from core.models import Enterprise
    from hazards.models import Checklist, EnterpriseChecklist, SelfInspection

    seed_hazard_data()
    enterprise = Enterprise.objects.filter(township__name="桂溪街道", sector="hazardous_chemicals").first()
    checklist = Checklist.objects.get(name="危险化学品企业日检查表")
    EnterpriseChecklist.objects.create(
        enterprise=enterprise, checklist=checklist, since=datetime.date.today() - datetime.timedelta(days=3)
    )
    sign_in(phone, live_server)
    phone.goto(f"{live_server.url}/enterprises/{enterprise.pk}/")
    phone.wait_for_selector("#self-inspections >> text=漏查 3 次")  # loaded by htmx
    assert horizontal_overflow(phone) == 0
    phone.click("#self-inspections >> text=记录自查")
    phone.click(f"text={checklist.name}")
    for n, label in enumerate(phone.query_selector_all("label.btn-outline-success")):
        if n != 1:
            label.click()
    phone.click("label.btn-outline-danger >> nth=1")
    phone.fill("textarea >> nth=1", "可燃气体报警器被屏蔽")
    assert horizontal_overflow(phone) == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / "self-inspection-form-375.png"), full_page=True)
    phone.click("text=提交自查记录")
    phone.wait_for_selector("text=已登记为自查自报隐患")
    assert phone.is_visible("text=可燃气体报警器被屏蔽") and horizontal_overflow(phone) == 0
    phone.screenshot(path=str(SCREENSHOTS / "self-inspection-detail-375.png"), full_page=True)
    assert SelfInspection.objects.get(enterprise=enterprise).findings.get().hazard.source == "self"
    phone.goto(f"{live_server.url}/hazards/self-inspections/?missed=1")
    assert phone.is_visible(f"text={enterprise.name}") and horizontal_overflow(phone) == 0
    phone.screenshot(path=str(SCREENSHOTS / "self-inspection-list-375.png"), full_page=True)
