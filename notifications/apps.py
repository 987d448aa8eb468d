from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("提醒")

    def ready(self):
        _check_sms_backend()


def _check_sms_backend():
    """A mistyped REMINDER_SMS_BACKEND stops the start, not the first text message hours later."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.utils.module_loading import import_string

    try:
        backend = import_string(settings.REMINDER_SMS_BACKEND)
    except ImportError as exc:
        raise ImproperlyConfigured(f"REMINDER_SMS_BACKEND={settings.REMINDER_SMS_BACKEND!r}: {exc}") from exc
    if not callable(getattr(backend, "send", None)):
        raise ImproperlyConfigured(f"REMINDER_SMS_BACKEND={settings.REMINDER_SMS_BACKEND!r} has no send(phone=, text=)")
