from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import StyledFormMixin
from notifications.choices import Channel, DeliveryMode

HELP = {
    Channel.IN_APP: _("导航栏的“消息”及其未读数。"),
    Channel.EMAIL: _("发到账号登记的电子邮件地址；没有登记地址的不发送。"),
    Channel.SMS: _("发到账号登记的手机号码。"),
}


class DeliveryPreferenceForm(StyledFormMixin, forms.Form):
    """One choice per channel: each reminder as it comes, or one message a day (each morning at 8:30)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for channel in Channel:
            self.fields[channel.value] = forms.ChoiceField(
                label=channel.label,
                choices=DeliveryMode.choices,
                help_text=HELP.get(channel, ""),
                error_messages={
                    "required": _("请选择“%(channel)s”的发送方式。") % {"channel": channel.label},
                    "invalid_choice": _("“%(channel)s”的发送方式只能是“逐条即时发送”或“每日汇总发送”。")
                    % {"channel": channel.label},
                },
            )
            self.fields[channel.value].widget.attrs["class"] = "form-select"  # added after the mixin styled
