from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HazardsConfig(AppConfig):
    name = "hazards"
    verbose_name = _("隐患与问题清单")

    def ready(self):
        from hazards import deadlines, receivers  # noqa: F401  (receivers connects the signal receivers)

        deadlines.register_deadlines()
        deadlines.connect()
        from hazards.places import register_places

        register_places()
