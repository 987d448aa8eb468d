"""People's choice per channel: each reminder as it comes, or the day's reminders in one digest."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from notifications.choices import DEFAULT_MODES, PERSONAL_CHANNELS, ROBOT_CHANNELS, Channel, DeliveryMode
from notifications.models import DeliveryPreference


class ModeBook:
    """The modes of many people, read in one query; a channel a person never set has its default."""

    def __init__(self, user_ids):
        rows = DeliveryPreference.objects.filter(user_id__in=set(user_ids)).values_list("user_id", "channel", "mode")
        self.chosen = {(user_id, channel): mode for user_id, channel, mode in rows}

    def mode(self, user_id, channel):
        return self.chosen.get((user_id, channel)) or DEFAULT_MODES.get(channel, DeliveryMode.IMMEDIATE)

    def wants_digest(self, user_id, channel):
        if user_id is None or channel in ROBOT_CHANNELS:  # a group robot's message is nobody's to batch
            return False
        return self.mode(user_id, channel) == DeliveryMode.DIGEST


def preferences_of(*, user):
    """channel -> mode for every channel, defaults filled in."""
    book = ModeBook([user.pk])
    return {channel.value: book.mode(user.pk, channel) for channel in PERSONAL_CHANNELS}


def preference_set(*, user, modes):
    """Store the person's mode for each channel in `modes` (channel -> mode); all or nothing."""
    errors = {}
    for channel, mode in modes.items():
        if channel not in Channel.values:
            errors[channel] = _("没有“%(channel)s”这个渠道。") % {"channel": channel}
        elif mode not in DeliveryMode.values:
            errors[channel] = _("“%(channel)s”的发送方式只能是“逐条即时发送”或“每日汇总发送”。") % {
                "channel": Channel(channel).label
            }
    if errors:
        raise ValidationError(errors)
    rows = [DeliveryPreference(user=user, channel=channel, mode=mode) for channel, mode in modes.items()]
    DeliveryPreference.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["user", "channel"], update_fields=["mode", "updated_at"]
    )
