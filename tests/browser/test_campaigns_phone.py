"""安全宣传活动 and 最佳实践案例 on a 375-px phone: the lists, a campaign with its activities and the activity form,
a call with its cases fit the screen."""

import pytest

from tests.browser.test_layout import SCREENSHOTS, horizontal_overflow, sign_in
from tests.tasks.factories_campaigns import activity, call, campaign, case

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("loaded_transactional_db")]


def test_the_campaign_and_practice_pages_fit_a_phone(phone, live_server):
    c = campaign(participants=("桂溪街道", "沙坪镇", "应急局"))
    activity(c, count=320)
    practice = call()
    case(practice, title="“网格+应急”一张网：城市社区风险隐患闭环管理")
    sign_in(phone, live_server)
    paths = [
        "/campaigns/",
        f"/campaigns/{c.pk}/",
        f"/campaigns/{c.pk}/activities/new/",
        "/practice/",
        f"/practice/{practice.pk}/",
        f"/practice/{practice.pk}/cases/new/",
    ]
    for path in paths:
        phone.goto(f"{live_server.url}{path}")
        assert phone.locator("h1").count() >= 1, path
        assert horizontal_overflow(phone) == 0, path
    phone.goto(f"{live_server.url}/campaigns/{c.pk}/")
    assert phone.is_visible("text=尚未填报")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / "tasks-campaign-375.png"), full_page=True)
