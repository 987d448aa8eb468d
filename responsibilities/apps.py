from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResponsibilitiesConfig(AppConfig):
    name = "responsibilities"
    verbose_name = _("责任清单")

    def ready(self):
        from responsibilities import duty_deadlines, receivers  # noqa: F401  (receivers: the merge receiver)

        duty_deadlines.register_deadlines()
        from responsibilities.places import register_places

        register_places()
