"""The plan's entries this app serves (tasks.places)."""

from django.utils.translation import gettext_lazy as _

from tasks.places import register_place


def register_places():
    register_place(label=_("监管执法检查"), url_name="inspections:inspection-list", work_items=[3, 5])
    register_place(label=_("执法计划"), url_name="inspections:plan-list", work_items=[5])
    register_place(label=_("行政处罚"), url_name="inspections:penalty-list", work_items=[5, 8])
    register_place(label=_("事故调查"), url_name="inspections:investigation-list", work_items=[7])
