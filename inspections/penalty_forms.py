from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, StyledFormMixin
from core.models import Enterprise
from inspections.models import Inspection
from inspections.penalty_services import penalty_departments


class PenaltyForm(StyledFormMixin, forms.Form):
    """One penalty on an enterprise, or with 一案双罚 ticked also its principal's (the person fields)."""

    department = forms.ModelChoiceField(label=_("处罚部门"), queryset=None)
    enterprise = forms.ModelChoiceField(label=_("生产经营单位"), queryset=None)
    inspection = forms.ModelChoiceField(
        label=_("关联检查"), queryset=None, required=False, help_text=_("由检查发现的违法行为，选择该次检查。")
    )
    decision_number = forms.CharField(label=_("决定书文号"), max_length=60)
    case_number = forms.CharField(label=_("案号"), max_length=60, required=False)
    decided_on = forms.DateField(label=_("决定日期"), widget=DateInput())
    legal_basis = forms.CharField(label=_("处罚依据"), max_length=300)
    violation = forms.CharField(label=_("违法事实"), max_length=300, required=False)
    amount = forms.DecimalField(label=_("罚款金额（元）"), max_digits=14, decimal_places=2)
    referred_to_justice = forms.BooleanField(label=_("移送司法机关"), required=False)
    referred_on = forms.DateField(label=_("移送日期"), required=False, widget=DateInput())
    double = forms.BooleanField(label=_("一案双罚（同时处罚主要负责人）"), required=False)
    person_name = forms.CharField(label=_("被处罚人"), max_length=50, required=False)
    person_post = forms.CharField(label=_("职务"), max_length=50, required=False)
    person_decision_number = forms.CharField(label=_("个人决定书文号"), max_length=60, required=False)
    person_amount = forms.DecimalField(label=_("个人罚款金额（元）"), max_digits=14, decimal_places=2, required=False)

    PERSON_FIELDS = ("person_name", "person_post", "person_decision_number", "person_amount")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = penalty_departments(user)
        # Any enterprise of the county: who may fine whom is set by law, not by the register's supervising
        # department (应急局 supervises all of them as the comprehensive department).
        self.fields["enterprise"].queryset = Enterprise.objects.order_by("name")
        self.fields["inspection"].queryset = (
            Inspection.objects.visible_to(user)
            .filter(department__in=penalty_departments(user), enterprise__isnull=False)
            .select_related("enterprise")
            .order_by("-inspected_on", "-pk")
        )
        for name in ("referred_to_justice", "double"):
            self.fields[name].widget.attrs["class"] = "form-check-input"

    def clean(self):
        data = super().clean()
        if data.get("double"):
            for name in ("person_name", "person_decision_number", "person_amount"):
                if data.get(name) in (None, ""):
                    self.add_error(name, _("一案双罚须填写此项。"))
        return data

    def service_arguments(self):
        data = dict(self.cleaned_data)
        double = data.pop("double")
        if not double:
            for name in self.PERSON_FIELDS:
                data.pop(name)
            return False, data
        data["enterprise_amount"] = data.pop("amount")
        return True, data


class PenaltyReferForm(StyledFormMixin, forms.Form):
    referred_on = forms.DateField(label=_("移送日期"), widget=DateInput())
