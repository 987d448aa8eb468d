"""The problem list, the scores and the 动态清零 page on a 375-px phone."""

import datetime

import pytest
from django.db import transaction

from hazards.choices import HazardStatus
from hazards.models import ProblemList
from tests.browser.test_layout import SCREENSHOTS, horizontal_overflow, sign_in
from tests.hazards.factories import HazardFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("loaded_transactional_db")]


@pytest.mark.parametrize(
    ("path", "name"),
    [("/hazards/problems/", "problems"), ("/hazards/scores/", "scores"), ("/hazards/major/", "major")],
)
def test_the_problem_pages_fit_a_phone(phone, live_server, path, name):
    today = datetime.date.today()
    # A transactional test empties the tables the data migration filled; loaded_transactional_db reloads
    # units and accounts but not the problem lists.
    ProblemList.objects.get_or_create(code="safety", defaults={"name": "安全生产和自然灾害问题清单"})
    for days, level, source in [(3, "general", "self"), (20, "major", "public"), (90, "major", "dept_check")]:
        found_on = today - datetime.timedelta(days=days)
        with transaction.atomic():  # the factory takes a number under a row lock
            HazardFactory(
                level=level,
                source=source,
                found_on=found_on,
                deadline=found_on + datetime.timedelta(days=10),
                status=HazardStatus.RECTIFYING,
                title="加油站卸油区静电接地装置损坏，未设置明显警示标识",
            )
    sign_in(phone, live_server, username="county_admin")
    phone.goto(f"{live_server.url}{path}")
    assert horizontal_overflow(phone) == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / f"hazards-{name}-375.png"), full_page=True)
