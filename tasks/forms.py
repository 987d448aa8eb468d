from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.choices import OrgUnitKind
from core.forms import DateInput, MultipleFileField, StyledFormMixin
from core.import_views import SpreadsheetUploadForm
from core.models import OrgUnit
from tasks import importing
from tasks.choices import ReportFrequency
from tasks.models import QuantitativeTarget

OWNER_KINDS = [OrgUnitKind.TOWNSHIP, OrgUnitKind.DEPARTMENT]


class MeasureForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("具体措施"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}))
    deliverable = forms.CharField(label=_("预期成果"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    owner_units = forms.ModelMultipleChoiceField(
        label=_("责任单位（可多选，每个单位生成一条措施）"),
        queryset=OrgUnit.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    lead_unit = forms.ModelChoiceField(label=_("牵头（审核）单位"), queryset=OrgUnit.objects.none())
    start_date = forms.DateField(label=_("开始日期"), widget=DateInput)
    deadline = forms.DateField(label=_("完成时限"), widget=DateInput)
    frequency = forms.ChoiceField(label=_("填报周期"), choices=ReportFrequency.choices, initial=ReportFrequency.MONTHLY)
    target = forms.ModelChoiceField(label=_("关联量化指标"), queryset=QuantitativeTarget.objects.none(), required=False)
    planned_quantity = forms.DecimalField(
        label=_("计划完成量"),
        required=False,
        min_value=0,
        help_text=_("关联量化指标时填写；不填则取该单位的分解任务量"),
    )

    milestones = forms.CharField(
        label=_("时间节点（可选）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行一个：日期 空格 节点内容，如“2024-05-31 完成摸底排查”"),
    )

    def __init__(self, *args, entry, **kwargs):
        super().__init__(*args, **kwargs)
        units = OrgUnit.objects.filter(kind__in=OWNER_KINDS, is_active=True).order_by("kind", "sort_order", "code")
        self.fields["owner_units"].queryset = units
        self.fields["lead_unit"].queryset = units
        self.fields["target"].queryset = QuantitativeTarget.objects.filter(plan_id=entry.plan_id)
        self.fields["lead_unit"].initial = entry.lead_unit_id

    def clean_milestones(self):
        from tasks.services import MilestoneInput

        milestones = []
        for number, line in enumerate(self.cleaned_data["milestones"].splitlines(), 1):
            if not line.strip():
                continue
            day, _sep, title = line.strip().partition(" ")
            try:
                milestones.append(MilestoneInput(title=title.strip(), due_date=date.fromisoformat(day)))
            except ValueError:
                raise ValidationError(
                    _("第%(n)d行“%(line)s”应为“日期 节点内容”，日期如2024-05-31。")
                    % {"n": number, "line": line.strip()}
                ) from None
            if not title.strip():
                raise ValidationError(_("第%(n)d行缺少节点内容。") % {"n": number})
        return milestones

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("deadline") and data["deadline"] < data["start_date"]:
            self.add_error("deadline", _("完成时限不能早于开始日期。"))
        return data


class ReportForm(StyledFormMixin, forms.Form):
    period = forms.TypedChoiceField(label=_("填报周期"), coerce=date.fromisoformat, required=False)
    percent = forms.DecimalField(label=_("完成进度（%）"), required=False, min_value=0, max_value=100)
    quantity = forms.DecimalField(label=_("本期完成量"), required=False, min_value=0)
    done_text = forms.CharField(label=_("完成情况"), widget=forms.Textarea(attrs={"rows": 4}))
    problems = forms.CharField(label=_("存在问题"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    next_steps = forms.CharField(label=_("下步打算"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    evidence = MultipleFileField(label=_("佐证材料（图片、PDF、Word、Excel）"), required=False)

    def __init__(self, *args, measure, periods=None, **kwargs):
        super().__init__(*args, **kwargs)
        if periods:  # a new report: the periods still without one, the latest (current) first and default
            self.fields["period"].choices = [(p.isoformat(), label) for p, label in periods]
            self.fields["period"].empty_value = periods[0][0]
        else:
            del self.fields["period"]
        if measure.reports_quantity:
            del self.fields["percent"]
            self.fields["quantity"].required = True
            self.fields["quantity"].label = _("本期完成量（%(unit)s）") % {"unit": measure.target.unit_of_measure}
        else:
            del self.fields["quantity"]
            self.fields["percent"].required = True


class ReturnForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("退回理由"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("退回时必须填写退回理由。")},
    )


class ExtensionForm(StyledFormMixin, forms.Form):
    requested_deadline = forms.DateField(label=_("申请完成时限"), widget=DateInput)
    reason = forms.CharField(label=_("延期理由"), widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(StyledFormMixin, forms.Form):
    note = forms.CharField(label=_("审批意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class PlanCopyForm(StyledFormMixin, forms.Form):
    year = forms.IntegerField(label=_("新年度"), min_value=2000, max_value=2100)


class MeasureImportForm(SpreadsheetUploadForm):
    label = _("任务分解表（Excel .xlsx）")
    max_rows = importing.MAX_ROWS
    max_bytes = importing.MAX_BYTES
    read = staticmethod(importing.read_sheet)
    field_order = ["plan", "file"]

    plan = forms.ModelChoiceField(label=_("年度工作要点"), queryset=None)

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans
        self.fields["plan"].initial = plans.first()
        self.fields["plan"].label_from_instance = lambda plan: _("%(year)d年") % {"year": plan.year}
