import re

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.choices import OrgUnitKind, Sector
from core.forms import DateInput, StyledFormMixin
from core.models import Enterprise, OrgUnit
from hazards.choices import HazardLevel
from inspections.choices import AnswerValue, InspectionKind, RecheckResult
from inspections.models import InspectionPlan
from inspections.permissions import recordable_departments

ITEM_SEPARATOR = re.compile(r"[｜|]")


class ChecklistForm(StyledFormMixin, forms.Form):
    """A checklist's items as text, one a line, 检查内容｜依据: robust on a phone and easy to paste from Word."""

    sector = forms.ChoiceField(label=_("行业领域"), choices=Sector.choices)
    name = forms.CharField(label=_("名称"), max_length=100)
    items = forms.CharField(
        label=_("检查项"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("每行一项，格式为“检查内容｜依据”，如：疏散通道畅通｜《中华人民共和国消防法》第二十八条"),
    )

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["sector"].disabled = True

    def clean_items(self):
        rows = []
        for n, line in enumerate(self.cleaned_data["items"].splitlines(), 1):
            if not line.strip():
                continue
            parts = ITEM_SEPARATOR.split(line, maxsplit=1)
            if len(parts) != 2:
                raise forms.ValidationError(_("第%(n)d行缺少“｜”分隔的依据。") % {"n": n})
            rows.append((parts[0].strip(), parts[1].strip()))
        return rows

    @staticmethod
    def items_text(template):
        return "\n".join(f"{i.text}｜{i.legal_basis}" for i in template.items.all())


class InspectionForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("检查类型"), choices=InspectionKind.choices)
    department = forms.ModelChoiceField(label=_("检查部门"), queryset=OrgUnit.objects.none())
    inspectors = forms.ModelMultipleChoiceField(
        label=_("检查人员"), queryset=get_user_model().objects.none(), widget=forms.CheckboxSelectMultiple
    )
    inspected_on = forms.DateField(label=_("检查日期"), widget=DateInput())
    enterprise = forms.ModelChoiceField(label=_("被检查单位"), queryset=Enterprise.objects.none(), required=False)
    place = forms.CharField(label=_("检查地点"), max_length=200, required=False)
    township = forms.ModelChoiceField(
        label=_("所在乡镇（街道）"),
        queryset=OrgUnit.objects.filter(kind=OrgUnitKind.TOWNSHIP).order_by("sort_order", "pk"),
        required=False,
        help_text=_("选择了被检查单位的，可不填。"),
    )
    summary = forms.CharField(label=_("检查情况"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    plan = forms.ModelChoiceField(
        label=_("执法计划"),
        queryset=InspectionPlan.objects.none(),
        required=False,
        help_text=_("按计划开展的检查请选择"),
    )

    def __init__(self, *args, user, checklist=None, **kwargs):
        super().__init__(*args, **kwargs)
        departments = recordable_departments(user)
        self.fields["plan"].queryset = InspectionPlan.objects.filter(department__in=departments).order_by("-starts_on")
        self.fields["department"].queryset = departments
        if departments.count() == 1:
            self.fields["department"].initial = departments.first()
        self.fields["inspectors"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, memberships__unit__in=departments)
            .distinct()
            .order_by("username")
        )
        self.fields["inspectors"].widget.attrs["class"] = "list-unstyled"
        self.fields["enterprise"].queryset = Enterprise.objects.visible_to(user).order_by("name")
        self.checklist = checklist
        self.answer_names = []
        for item in checklist.items.all() if checklist else ():
            name = f"answer_{item.pk}"
            self.fields[name] = forms.ChoiceField(
                label=f"{item.order}. {item.text}",
                help_text=item.legal_basis,
                choices=AnswerValue.choices,
                widget=forms.RadioSelect,
                initial=AnswerValue.PASS,
            )
            self.fields[name].widget.attrs["class"] = "form-check-input"
            self.answer_names.append((name, item))

    def answer_fields(self):
        return [self[name] for name, _item in self.answer_names]

    def answers(self):
        return [{"item": item, "value": self.cleaned_data[name]} for name, item in self.answer_names]


class FindingForm(StyledFormMixin, forms.Form):
    description = forms.CharField(label=_("问题描述"), max_length=200)
    legal_basis = forms.CharField(label=_("违反的规定"), max_length=300, required=False)
    deadline = forms.DateField(label=_("整改期限"), widget=DateInput())
    level = forms.ChoiceField(label=_("隐患等级"), choices=HazardLevel.choices, initial=HazardLevel.GENERAL)


FindingFormSet = forms.formset_factory(FindingForm, extra=1, max_num=50, validate_max=True)


class RecheckForm(StyledFormMixin, forms.Form):
    rechecked_on = forms.DateField(label=_("复查日期"), widget=DateInput())
    result = forms.ChoiceField(label=_("复查结论"), choices=RecheckResult.choices)
    note = forms.CharField(label=_("复查情况"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    next_due = forms.DateField(
        label=_("下次复查期限"), widget=DateInput(), required=False, help_text=_("整改不到位时填写；不填按默认天数。")
    )


class CloseForm(StyledFormMixin, forms.Form):
    note = forms.CharField(label=_("闭环说明"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class AddFindingForm(FindingForm):
    pass
