from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationsConfig(AppConfig):
    """External systems (外部系统接入): API clients' pages and outgoing webhooks. It sits on the top floor: it
    listens to the domain apps' signals and reads their records; no domain app imports it."""

    name = "integrations"
    verbose_name = _("外部系统接入")

    def ready(self):
        from integrations import receivers  # noqa: F401  (connects the signal receivers)
