"""The plan's entries this app serves (tasks.places)."""

from django.utils.translation import gettext_lazy as _

from tasks.places import register_place


def register_places():
    register_place(label=_("监管执法检查"), url_name="inspections:inspection-list", work_items=[3, 5])
    register_place(label=_("执法计划"), url_name="inspections:plan-list", work_items=[5])
    register_place(label=_("行政处罚"), url_name="inspections:penalty-list", work_items=[5, 8])
    register_place(label=_("事故调查"), url_name="inspections:investigation-list", work_items=[7])
    register_place(label=_("企业培训与保险"), url_name="inspections:training-list", work_items=[6])
    register_place(label=_("标杆企业"), url_name="inspections:benchmark-list", work_items=[6, 8])
    register_place(label=_("安全信用"), url_name="inspections:credit-list", work_items=[8])
