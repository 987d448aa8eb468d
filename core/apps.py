from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("单位、人员与生产经营单位")

    def ready(self):
        # Connect the login stamp before any login; register the check that MEDIA_ROOT is not served.
        from core import checks_security, session_timeouts  # noqa: F401
