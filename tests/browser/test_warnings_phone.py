"""预警叫应 on a 375-px phone: 沙坪镇's staff opens the warning, acknowledges it and records the response."""

import pytest

from tests.browser.test_layout import SCREENSHOTS, horizontal_overflow, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("loaded_transactional_db")]


def test_on_a_phone_a_township_acknowledges_and_records_its_response(phone, live_server):
    from core.models import OrgUnit
    from disasters.models import WarningResponse
    from tests.disasters.factories_warnings import WarningFactory

    warning = WarningFactory(townships=["桂溪街道", "沙坪镇"], text="预计未来24小时沙坪镇发生地质灾害的风险很高。")
    village = OrgUnit.objects.filter(parent__name="沙坪镇", kind="village").order_by("pk").first()
    sign_in(phone, live_server, "sp_staff")
    phone.goto(f"{live_server.url}/disasters/warnings/")
    assert phone.is_visible("text=已叫应 0/2") and horizontal_overflow(phone) == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / "warning-list-375.png"), full_page=True)
    phone.click(f"text={warning.number}")
    phone.fill(f"#ack-{village.parent_id} input[name=note]", "已收到")
    phone.click("text=确认叫应")
    phone.wait_for_selector("text=沙坪镇已叫应。")
    assert phone.is_visible("text=已叫应 1/2") and horizontal_overflow(phone) == 0
    phone.select_option("#id_village", str(village.pk))
    phone.check("#id_evacuate")
    phone.fill("#id_people_moved", "18")
    phone.click("form[action$='/respond/'] button[type=submit]")
    phone.wait_for_selector("text=的响应情况。")
    assert phone.inner_text("#people-total") == "18" and horizontal_overflow(phone) == 0
    phone.screenshot(path=str(SCREENSHOTS / "warning-detail-375.png"), full_page=True)
    assert WarningResponse.objects.get().village == village
