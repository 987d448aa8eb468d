"""The plan's entries this app serves (tasks.places)."""

from django.utils.translation import gettext_lazy as _

from tasks.places import register_place


def register_places():
    register_place(label=_("履职总览"), url_name="responsibilities:index", work_items=[1, 2, 3])
    register_place(label=_("领导干部责任清单"), url_name="responsibilities:leader-list", work_items=[1])
    register_place(label=_("行业监管分工"), url_name="responsibilities:sector-map", work_items=[3])
    register_place(label=_("重大安全风险“四个一”"), url_name="responsibilities:risk-list", work_items=[12])
    register_place(
        label=_("基层应急能力（五有、网格化）县级汇总"),
        url_name="responsibilities:capability-county",
        work_items=[9],
        with_year=True,
    )
