from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, StyledFormMixin
from inspections.investigation_choices import FOUR_NOTS
from inspections.investigation_selectors import investigation_form_choices
from inspections.investigation_services import FIELDS, LINKS
from inspections.models import Investigation, InvestigationResponsibility


class DateTimeInput(forms.DateTimeInput):
    """The browser's date-and-time picker; it needs the ISO form (2024-07-10T09:30)."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class InvestigationForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Investigation
        fields = [*FIELDS, *LINKS]
        widgets = {
            "occurred_at": DateTimeInput,
            "summary": forms.Textarea(attrs={"rows": 4}),
            "cause_findings": forms.Textarea(attrs={"rows": 4}),
            "responsibility_findings": forms.Textarea(attrs={"rows": 4}),
            **{date: DateInput for _flag, date, _label in FOUR_NOTS},
            **{name: forms.SelectMultiple(attrs={"size": 6}) for name in LINKS},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        for name, queryset in investigation_form_choices(user=user).items():
            self.fields[name].queryset = queryset
        for flag, _date, _label in FOUR_NOTS:
            self.fields[flag].widget.attrs["class"] = "form-check-input"
        for name in LINKS:
            self.fields[name].help_text = _("可多选（按住 Ctrl 键）；可不选")
        self.fields["direct_loss"].widget.attrs["step"] = "0.01"
        for name in ("deaths", "injured", "missing", "direct_loss"):
            self.fields[name].validators = []  # the service refuses a negative figure in its own words

    def _post_clean(self):
        pass  # the service validates the whole case and names the fields; the form only parses values

    @property
    def case_fields(self):
        skip = {name for flag, date, _label in FOUR_NOTS for name in (flag, date)} | set(LINKS)
        return [self[name] for name in self.fields if name not in skip]

    @property
    def four_not_fields(self):
        return [(self[flag], self[date]) for flag, date, _label in FOUR_NOTS]

    @property
    def link_fields(self):
        return [self[name] for name in LINKS]


class ResponsibilityForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = InvestigationResponsibility
        fields = ["name", "post", "finding", "handling", "handling_note", "handled", "handled_on"]
        widgets = {"finding": forms.Textarea(attrs={"rows": 2}), "handled_on": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handled"].widget.attrs["class"] = "form-check-input"
        self.fields["finding"].required = False  # the service names the missing finding in its own words
        self.fields["name"].required = False

    def _post_clean(self):
        pass


class HandledForm(StyledFormMixin, forms.Form):
    handled_on = forms.DateField(label=_("处理日期"), required=False, widget=DateInput, help_text=_("不填则为今天"))
