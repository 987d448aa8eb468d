from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisastersConfig(AppConfig):
    name = "disasters"
    verbose_name = _("自然灾害防治")

    def ready(self):
        from disasters.targets import register_targets

        register_targets()

        from disasters.shelter_targets import register_shelter_targets

        register_shelter_targets()
