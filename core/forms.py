from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from core.choices import OrgUnitKind
from core.models import Enterprise, OrgUnit


class StyledFormMixin:
    """Bootstrap classes on every widget, and the invalid ones marked, so errors show beside the field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            if isinstance(field, forms.ModelChoiceField):
                field.empty_label = _("请选择")
            elif isinstance(field, forms.ChoiceField) and field.choices and field.choices[0][0] == "":
                field.choices = [("", _("请选择")), *field.choices[1:]]

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["class"] += " is-invalid"


class DateInput(forms.DateInput):
    """A browser date picker. It needs ISO dates: the zh-hans format (2024/06/03) would show as empty."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class LoginForm(StyledFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": _("用户名或密码错误，请重新输入。注意密码区分大小写。"),
        "inactive": _("该账号已停用，请联系安委办管理员。"),
    }


class EnterpriseForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Enterprise
        fields = ["name", "credit_code", "sector", "scale", "township", "supervising_department", "address"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = OrgUnit.objects.visible_to(user)
        self.fields["township"].queryset = units.filter(kind=OrgUnitKind.TOWNSHIP).order_by("sort_order")
        self.fields["supervising_department"].queryset = units.filter(kind=OrgUnitKind.DEPARTMENT).order_by(
            "sort_order"
        )
        self.fields["credit_code"].widget.attrs.update({"autocapitalize": "characters", "spellcheck": "false"})

    def clean_credit_code(self):
        return self.cleaned_data["credit_code"].strip().upper()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern); cleans to a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


def run_service(form, call):
    """Call a service; its ValidationError lands on the form fields it names (or the form), nothing is saved.

    Returns the service's result, or None when it refused.
    """
    from django.core.exceptions import ValidationError

    try:
        return call()
    except ValidationError as exc:
        if not hasattr(form, "cleaned_data"):
            form.cleaned_data = {}  # an unbound form (an action with no fields) still carries the refusal
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc)
        return None
