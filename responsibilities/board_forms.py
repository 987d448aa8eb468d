from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, StyledFormMixin
from responsibilities.board_choices import ResponsibleRole
from responsibilities.board_services import RISK_FIELDS
from responsibilities.models import MajorRisk


class ResponsiblePersonForm(StyledFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("责任类别"), choices=ResponsibleRole.choices)
    name = forms.CharField(label=_("姓名"), max_length=50)
    post = forms.CharField(label=_("职务"), max_length=100)
    phone = forms.CharField(label=_("联系电话"), max_length=20)
    since = forms.DateField(label=_("任职日期"), widget=DateInput())


class MajorRiskForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = MajorRisk
        fields = list(RISK_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "measures": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["is_public"].widget.attrs["class"] = "form-check-input"
