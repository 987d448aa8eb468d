from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import StyledFormMixin
from disasters.choices_warnings import RESPONSE_ACTIONS, WarningLevel, WarningType
from disasters.warning_permissions import issuing_units
from disasters.warning_selectors import township_choices, villages_of


class DateTimeInput(forms.DateTimeInput):
    """The browser's date-and-time picker; it needs the ISO form (2024-07-10T09:30)."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class WarningIssueForm(StyledFormMixin, forms.Form):
    type = forms.ChoiceField(label=_("预警类型"), choices=[("", ""), *WarningType.choices])
    level = forms.ChoiceField(label=_("预警级别"), choices=[("", ""), *WarningLevel.choices])
    text = forms.CharField(label=_("预警内容"), widget=forms.Textarea(attrs={"rows": 4}))
    issued_at = forms.DateTimeField(
        label=_("发布时间"), required=False, widget=DateTimeInput, help_text=_("不填则为现在")
    )
    issuing_unit = forms.ModelChoiceField(label=_("发布单位"), queryset=None)
    # Not required here: the service refuses an empty area with its own message, on this field.
    townships = forms.ModelMultipleChoiceField(
        label=_("预警范围（乡镇、街道）"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = issuing_units(user)
        self.fields["issuing_unit"].queryset = _units_qs(units)
        if units:
            self.fields["issuing_unit"].initial = units[0].pk
        self.fields["townships"].queryset = township_choices()
        self.fields["townships"].widget.attrs["class"] = "form-check-input"


def _units_qs(units):
    from core.models import OrgUnit

    return OrgUnit.objects.filter(pk__in=[u.pk for u in units]).order_by("kind", "sort_order", "pk")


class AcknowledgeForm(StyledFormMixin, forms.Form):
    township = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("说明"), max_length=200, required=False)


class WarningResponseForm(StyledFormMixin, forms.Form):
    township = forms.ModelChoiceField(label=_("乡镇（街道）"), queryset=None)
    village = forms.ModelChoiceField(label=_("村（社区）"), queryset=None, required=False)
    people_moved = forms.IntegerField(label=_("转移人数"), min_value=0, initial=0)
    note = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, townships, **kwargs):
        super().__init__(*args, **kwargs)
        for name, short, long in RESPONSE_ACTIONS:
            self.fields[name] = forms.BooleanField(label=f"{short}（{long}）", required=False)
            self.fields[name].widget.attrs["class"] = "form-check-input"
        self.fields["township"].queryset = townships
        self.fields["village"].queryset = villages_of([t.pk for t in townships])
        self.fields["village"].help_text = _("可不填；按村（社区）分别填报时选择")
        if len(townships) == 1:
            self.fields["township"].initial = townships[0].pk

    @property
    def action_fields(self):
        return [self[name] for name, _short, _long in RESPONSE_ACTIONS]

    @property
    def place_fields(self):
        return [self["township"], self["village"]]

    @property
    def figure_fields(self):
        return [self["people_moved"], self["note"]]
