"""Delivery channels. In-app delivery is transactional (the notification and the ledger row commit together,
so it happens exactly once); the others send outside the database and are marked sent right after.

A channel has `send(reminder)`, which raises Skip (cannot happen for this recipient: logged, not retried) or
ChannelError (may work later: retried), `transactional`, and `needs_recipient` (False for group robots,
whose rows name an endpoint instead of a person). The robot channels are in notifications.webhooks.
"""

import logging

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from notifications.choices import Channel
from notifications.errors import ChannelError, Skip
from notifications.links import absolute_link
from notifications.webhooks import DingTalkRobot, WeComRobot

__all__ = ["ChannelError", "Skip", "channel_for", "sms_gateway"]

log = logging.getLogger(__name__)


class InApp:
    transactional = True
    needs_recipient = True

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
    """Through Django's mail backend (EMAIL_* settings). SMTP errors are OSErrors: retried."""

    transactional = False
    needs_recipient = True

    def send(self, reminder):
        from django.core.mail import send_mail

        address = reminder.recipient.email
        if not address:
            raise Skip(_("接收人没有电子邮件地址"))
        text = "\n\n".join(part for part in (reminder.body, absolute_link(reminder.url)) if part)
        try:
            send_mail(reminder.title, text, settings.DEFAULT_FROM_EMAIL, [address])
        except OSError as exc:
            raise ChannelError(str(exc)) from exc


class LoggingSmsGateway:
    """The SMS gateway's stand-in, and the shape of a real one: send(phone=, text=), raising ChannelError
    when the gateway fails. REMINDER_SMS_BACKEND names the class to use."""

    def send(self, *, phone, text):
        log.info("SMS to %s: %s", phone, text)


def sms_gateway():
    return import_string(settings.REMINDER_SMS_BACKEND)()


class Sms:
    transactional = False
    needs_recipient = True

    def send(self, reminder):
        phone = reminder.recipient.phone
        if not phone:
            raise Skip(_("接收人没有手机号码"))
        sms_gateway().send(phone=phone, text=f"{reminder.title} {reminder.body}".strip())


CHANNELS = {
    Channel.IN_APP: InApp(),
    Channel.EMAIL: Email(),
    Channel.SMS: Sms(),
    Channel.WECOM: WeComRobot(),
    Channel.DINGTALK: DingTalkRobot(),
}


def channel_for(name):
    """The channel that delivers `name`: the class settings.REMINDER_CHANNEL_CLASSES names for it, if any."""
    override = settings.REMINDER_CHANNEL_CLASSES.get(name)
    return import_string(override)() if override else CHANNELS.get(name)
