"""The warnings' messages in the reminder ledger: their labels, for the delivery page and its filter."""

from django.utils.translation import gettext_lazy as _

from notifications.registry import register_event_source


def register_warning_events():
    register_event_source("warning_issued", _("预警发布"))
    register_event_source("warning_ack", _("预警叫应催办"))
