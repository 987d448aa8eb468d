from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "inspections"
    verbose_name = _("监管执法")

    def ready(self):
        from inspections import deadlines, receivers  # noqa: F401  (receivers connects the signal receivers)

        deadlines.register_deadlines()
        from inspections.places import register_places

        register_places()
