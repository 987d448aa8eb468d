from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.scoping import scope_for
from core.selectors import units_in_scope
from dashboards.bulletin_choices import BulletinKind
from dashboards.bulletin_periods import parse_period, period_text
from inspections.months import add_months


class BulletinRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=BulletinKind.choices, initial=BulletinKind.MONTHLY)
    period = forms.CharField(
        label=_("期间"), max_length=20, help_text=_("月度：年-月，如 2024-05；季度：年-Q季度，如 2024-Q2")
    )
    unit = forms.ModelChoiceField(label=_("单位"), queryset=None, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["unit"].queryset = units_in_scope(user=user)
        sees_all = scope_for(user).sees_all
        self.fields["unit"].empty_label = _("全县") if sees_all else None
        self.fields["unit"].required = not sees_all
        for name, field in self.fields.items():
            field.widget.attrs["class"] = "form-control" if name == "period" else "form-select"
        self.fields["period"].initial = period_text(BulletinKind.MONTHLY, add_months(timezone.localdate(), -1))

    def clean(self):
        data = super().clean()
        if "kind" in data and "period" in data:
            try:
                data["period_start"] = parse_period(data["kind"], data["period"])
            except ValidationError as exc:
                self.add_error("period", exc)
        return data
