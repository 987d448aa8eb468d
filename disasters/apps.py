from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisastersConfig(AppConfig):
    name = "disasters"
    verbose_name = _("自然灾害防治")

    def ready(self):
        from disasters import readiness_deadlines
        from disasters.patrol_deadlines import register_patrol_deadlines
        from disasters.shelter_targets import register_shelter_targets
        from disasters.targets import register_targets
        from disasters.warning_events import register_warning_events
        from notifications.registry import register_event_source

        register_targets()
        register_patrol_deadlines()
        readiness_deadlines.register_deadlines()
        register_warning_events()
        register_shelter_targets()
        from disasters.places import register_places

        register_places()
        # 监测站点离线: the offline sweep's messages in the reminder ledger (disasters.station_services).
        register_event_source("station_offline", _("监测站点离线"))
