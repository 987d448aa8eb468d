"""Where a work item or key action of the plan lives in the portal beyond its measures: the hazard lists
for 隐患排查治理, the drills for 应急演练 … Each app registers its pages in its AppConfig.ready()
(`<app>/places.py`), keyed by the plan's numbering — work items 1–21, key actions 一–六 — which stays the
same from year to year; the entry's page lists them under 相关功能. The plan app knows no other app's pages."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Place:
    label: str
    url_name: str
    with_year: bool = False  # the page reads ?year= (a yearly table): it opens on the plan's year


_WORK_ITEMS: dict[int, list[Place]] = {}
_KEY_ACTIONS: dict[str, list[Place]] = {}


def register_place(*, label, url_name, work_items=(), key_actions=(), with_year=False):
    place = Place(label, url_name, with_year)
    for number in work_items:
        _WORK_ITEMS.setdefault(number, []).append(place)
    for code in key_actions:
        _KEY_ACTIONS.setdefault(code, []).append(place)


def registered_places(*, work_item=None, key_action=None):
    return list(_KEY_ACTIONS.get(key_action, []) if key_action else _WORK_ITEMS.get(work_item, []))


def places_for(entry, *, is_key_action):
    """[(label, url)] for a WorkItem or KeyAction of any year's plan."""
    found = registered_places(key_action=entry.code) if is_key_action else registered_places(work_item=entry.number)
    year = f"?year={entry.plan.year}"
    return [(place.label, reverse(place.url_name) + (year if place.with_year else "")) for place in found]


def register_places():
    """The enterprises (core) serve 企业主体责任 and 帮扶服务; core sits below the plan and cannot say so itself."""
    register_place(label=_("企业"), url_name="enterprise-list", work_items=[4, 6])
    # The plan app's own pages beyond measures: 安全宣传与活动 and the yearly best-practice calls.
    register_place(label=_("安全宣传和应急科普活动"), url_name="campaign-list", work_items=[10], key_actions=["六"])
    register_place(label=_("最佳实践案例、改革创新奖评选"), url_name="practice-call-list", key_actions=["二"])
