from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    """The top floor: the county cockpit, unit pages, rankings, bulletins and the dashboard API read across
    every app; no other app imports this one."""

    name = "dashboards"
    verbose_name = _("全县总览")

    def ready(self):
        from dashboards.places import register_places

        register_places()
