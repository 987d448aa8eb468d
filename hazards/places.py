"""The plan's entries this app serves (tasks.places)."""

from django.utils.translation import gettext_lazy as _

from tasks.places import register_place


def register_places():
    register_place(label=_("隐患排查治理"), url_name="hazards:index", work_items=[4, 12, 13], key_actions=["一"])
    register_place(label=_("企业自查自报"), url_name="hazards:self-inspection-list", work_items=[4, 12])
    register_place(label=_("重大事故隐患"), url_name="hazards:major", work_items=[12, 13], key_actions=["一"])
    register_place(label=_("群众举报"), url_name="hazards:public-report-list", work_items=[8])
    register_place(label=_("八张问题清单"), url_name="hazards:problems", work_items=[21])
    register_place(label=_("问题清单评分"), url_name="hazards:scores", work_items=[21])
