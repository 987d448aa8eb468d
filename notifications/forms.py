"""The forms of notifications/: the county office's reminder rules and group robots, and each person's
delivery preferences. The models' clean() names the field in each
refusal; the forms only turn typed text into values and keep what was typed when refused."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from core.choices import OrgUnitKind
from core.forms import StyledFormMixin
from core.models import OrgUnit
from notifications.choices import PERSONAL_CHANNELS, Channel, DeliveryMode, RecipientGroup
from notifications.models import ReminderRule, RobotEndpoint
from notifications.registry import SOURCES


class OffsetsField(forms.CharField):
    """Whole days separated by commas (also ，、 or spaces): "-7, -3, 0, 3" -> [-7, -3, 0, 3]."""

    def prepare_value(self, value):
        return ",".join(str(n) for n in value) if isinstance(value, list | tuple) else value

    def to_python(self, value):
        text = super().to_python(value)
        items = [item for item in re.split(r"[,，、\s]+", text) if item]
        days = []
        for item in items:
            if not re.fullmatch(r"[+-]?\d{1,4}", item.replace("－", "-")):
                raise forms.ValidationError(
                    _("提醒时点：“%(item)s”不是整数天数，请用逗号分隔，如 -7,-3,0,3。"), params={"item": item}
                )
            days.append(int(item.replace("－", "-")))
        return sorted(set(days))


def _checkboxes(form, *names):
    for name in names:
        form.fields[name].widget.attrs["class"] = "form-check-input"


class ReminderRuleForm(StyledFormMixin, forms.ModelForm):
    offsets = OffsetsField(
        label=_("提醒时点（天）"),
        required=False,
        max_length=200,
        help_text=_("用逗号分隔的整数天：负数为到期前，0为当天，正数为逾期后，如 -7,-3,-1,0,1,3,7（-60到365）"),
    )
    recipients = forms.MultipleChoiceField(
        label=_("提醒对象"),
        choices=RecipientGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("提醒对象：“%(value)s”不是可选项。")},
    )
    channels = forms.MultipleChoiceField(
        label=_("渠道"),
        choices=Channel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("群机器人渠道发到各单位在“发送情况”页登记的群，每个群一条，不是每人一条"),
        error_messages={"invalid_choice": _("渠道：“%(value)s”不是可选项。")},
    )

    class Meta:
        model = ReminderRule
        fields = ["name", "source", "offsets", "recipients", "channels", "is_active"]
        widgets = {"source": forms.Select}
        error_messages = {"name": {"required": _("名称：请填写。")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The model's clean() says what is wrong with a source, so the form takes any text.
        self.fields["source"].required = False
        self.fields["source"].widget.choices = [("", _("请选择")), *((k, s.label) for k, s in SOURCES.items())]
        _checkboxes(self, "recipients", "channels", "is_active")


class RobotEndpointForm(StyledFormMixin, forms.ModelForm):
    secret = forms.CharField(
        label=_("加签密钥"),
        required=False,
        max_length=200,
        widget=forms.PasswordInput(render_value=True, attrs={"autocomplete": "off"}),
        help_text=_("仅钉钉：机器人安全设置选择“加签”时的密钥（SEC开头）。修改时留空则保持不变。"),
    )
    clear_secret = forms.BooleanField(label=_("清除已保存的加签密钥"), required=False)

    class Meta:
        model = RobotEndpoint
        fields = ["name", "kind", "url", "secret", "unit", "is_active"]
        error_messages = {
            "name": {"required": _("名称：请填写。")},
            "kind": {"required": _("类型：请选择。")},
            "url": {"required": _("Webhook地址：请填写。")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["secret"] = ""  # a saved secret is never sent back to the browser
        kinds = [OrgUnitKind.TOWNSHIP, OrgUnitKind.DEPARTMENT]
        units = OrgUnit.objects.filter(kind__in=kinds, is_active=True).order_by("kind", "sort_order", "path")
        self.fields["unit"].queryset = units
        self.fields["unit"].empty_label = _("安委办（不属于某个单位）")
        self.fields["url"].widget.attrs.update({"spellcheck": "false", "autocapitalize": "none"})
        _checkboxes(self, "is_active", "clear_secret")
        if not self.instance.pk:
            del self.fields["clear_secret"]

    def clean(self):
        data = super().clean()
        data["secret"] = data.get("secret", "").strip()
        if self.instance.pk and not data["secret"] and not data.get("clear_secret"):
            data["secret"] = self.instance.secret  # left blank on an edit: keep the saved one
        return data


HELP = {
    Channel.IN_APP: _("导航栏的“消息”及其未读数。"),
    Channel.EMAIL: _("发到账号登记的电子邮件地址；没有登记地址的不发送。"),
    Channel.SMS: _("发到账号登记的手机号码。"),
}


class DeliveryPreferenceForm(StyledFormMixin, forms.Form):
    """One choice per channel: each reminder as it comes, or one message a day (each morning at 8:30)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for channel in PERSONAL_CHANNELS:  # group robots post to a group, not to the person
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
