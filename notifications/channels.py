"""Delivery channels. In-app delivery is transactional (the notification and the ledger row commit together,
so it happens exactly once); the others send outside the database and are marked sent right after."""

import logging

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from notifications.choices import Channel

log = logging.getLogger(__name__)


class ChannelError(Exception):
    """A delivery that failed and may succeed if tried again."""


class Skip(Exception):
    """A delivery that cannot happen for this recipient (e.g. no e-mail address): logged, not retried."""


class InApp:
    transactional = True

    def send(self, reminder):
        from notifications.models import Notification

        Notification.objects.create(
            recipient_id=reminder.recipient_id,
            reminder=reminder,
            title=reminder.title,
            body=reminder.body,
            url=reminder.url,
            source=reminder.source,
            object_id=reminder.object_id,
        )


class Email:
    transactional = False

    def send(self, reminder):
        from django.core.mail import send_mail

        address = getattr(reminder.recipient, "email", "")
        if not address:
            raise Skip(_("接收人没有电子邮件地址"))
        try:
            send_mail(reminder.title, f"{reminder.body}\n{reminder.url}", settings.DEFAULT_FROM_EMAIL, [address])
        except OSError as exc:
            raise ChannelError(str(exc)) from exc


class LoggingSms:
    """The pluggable SMS gateway's stand-in: writes what it would send to the log."""

    transactional = False

    def send(self, reminder):
        phone = getattr(reminder.recipient, "phone", "")
        if not phone:
            raise Skip(_("接收人没有手机号码"))
        log.info("SMS to %s: %s %s", phone, reminder.title, reminder.body)


CHANNELS = {Channel.IN_APP: InApp(), Channel.EMAIL: Email(), Channel.SMS: LoggingSms()}


def channel_for(name):
    """The channel that delivers `name`: the class settings.REMINDER_CHANNEL_CLASSES names for it, if any."""
    override = settings.REMINDER_CHANNEL_CLASSES.get(name)
    return import_string(override)() if override else CHANNELS.get(name)
