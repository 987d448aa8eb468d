from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HazardsConfig(AppConfig):
    name = "hazards"
    verbose_name = _("隐患与问题清单")

    def ready(self):
        from hazards import receivers  # noqa: F401  (connects the signal receivers)
