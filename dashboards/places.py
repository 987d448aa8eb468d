"""The plan's entries this app serves (tasks.places)."""

from django.utils.translation import gettext_lazy as _

from tasks.places import register_place


def register_places():
    register_place(label=_("全县总览"), url_name="dashboards:cockpit", work_items=[2, 19])
    register_place(label=_("工作排名"), url_name="dashboards:ranking", work_items=[2])
    register_place(label=_("通报"), url_name="dashboards:bulletin-list", work_items=[2, 21])
