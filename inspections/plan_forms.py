from django import forms
from django.utils.translation import gettext_lazy as _

from core.choices import EnterpriseScale, OrgUnitKind, Sector
from core.forms import DateInput, StyledFormMixin
from core.models import OrgUnit
from inspections.models import InspectionPlan
from inspections.plan_permissions import may_plan_for
from inspections.plan_services import PLAN_FIELDS


class InspectionPlanForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = InspectionPlan
        fields = list(PLAN_FIELDS)
        widgets = {
            "starts_on": DateInput,
            "ends_on": DateInput,
            "planned_count": forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        departments = OrgUnit.objects.visible_to(user).filter(kind=OrgUnitKind.DEPARTMENT, is_active=True)
        self.fields["department"].queryset = departments.filter(
            pk__in=[d.pk for d in departments if may_plan_for(user, d)]
        ).order_by("sort_order")
        self.fields["planned_count"].validators = []  # the service says why a negative number is refused
        self.fields["focus_note"].help_text = _("如：危险化学品企业重大危险源管控、动火作业专项整治")

    def _post_clean(self):
        pass  # the service validates the whole record and names the fields


class CheckboxesMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxSelectMultiple):
                field.widget.attrs.pop("class", None)


class PlanRuleForm(CheckboxesMixin, StyledFormMixin, forms.Form):
    """按条件选取: the rule's parameters; every one may be left empty (then the department's whole list shows)."""

    sectors = forms.MultipleChoiceField(
        label=_("行业领域"), choices=Sector.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    scales = forms.MultipleChoiceField(
        label=_("规模"), choices=EnterpriseScale.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    townships = forms.ModelMultipleChoiceField(
        label=_("乡镇（街道）"),
        queryset=OrgUnit.objects.filter(kind=OrgUnitKind.TOWNSHIP).order_by("sort_order"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
        required=False,
        help_text=_("不选则为全部；按住Ctrl可选多个"),
    )
    not_visited_months = forms.IntegerField(
        label=_("近几个月未检查"),
        min_value=1,
        max_value=120,
        required=False,
        help_text=_("如填6：近6个月本部门未检查过的单位"),
    )
    limit = forms.IntegerField(label=_("最多选取"), min_value=1, max_value=1000, required=False)

    def rule_values(self):
        data = self.cleaned_data
        return {
            "sectors": data["sectors"],
            "scales": data["scales"],
            "townships": list(data["townships"]),
            "not_visited_months": data["not_visited_months"],
            "limit": data["limit"],
        }

    def has_criteria(self):
        return any(self.rule_values().values())
