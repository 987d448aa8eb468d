"""Every work item and key action leads somewhere in the portal beyond its measures (tasks.places)."""

import pytest

from tasks.models import KeyAction, WorkItem
from tasks.places import registered_places

KEY_ACTIONS = ["一", "二", "三", "四", "五", "六"]


def test_every_work_item_and_key_action_has_a_place():
    entries = [("work_item", n) for n in range(1, 22)] + [("key_action", code) for code in KEY_ACTIONS]
    without = {(kind, key) for kind, key in entries if not registered_places(**{kind: key})}
    assert without == set()


@pytest.mark.django_db
def test_every_place_opens_for_the_county_office_and_a_township_worker(web_as):
    from django.urls import reverse

    names = {p.url_name for n in range(1, 22) for p in registered_places(work_item=n)}
    names |= {p.url_name for code in KEY_ACTIONS for p in registered_places(key_action=code)}
    for username in ["county_admin", "gx_staff"]:
        client = web_as(username)
        answers = {name: client.get(reverse(name)).status_code for name in sorted(names)}
        assert set(answers.values()) == {200}, answers


@pytest.mark.django_db
def test_the_work_item_page_links_its_places_with_the_plan_s_year(web_as):
    item = WorkItem.objects.get(plan__year=2024, number=9)
    page = web_as("gx_staff").get(f"/work-items/{item.pk}/").content.decode()
    assert "/responsibilities/capability/?year=2024" in page and "/disasters/drills/" in page
    action = KeyAction.objects.get(plan__year=2024, code="五")
    page = web_as("gx_staff").get(f"/key-actions/{action.pk}/").content.decode()
    assert "/disasters/risk-points/" in page and "相关功能" in page
