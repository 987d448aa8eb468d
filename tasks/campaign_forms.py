from django import forms
from django.utils.translation import gettext_lazy as _

from core.choices import OrgUnitKind, Role
from core.forms import DateInput, MultipleFileField, StyledFormMixin
from core.models import OrgUnit, User
from tasks.campaign_choices import Award, CallKind, CampaignKind

PARTICIPANT_KINDS = [OrgUnitKind.TOWNSHIP, OrgUnitKind.DEPARTMENT, OrgUnitKind.VILLAGE]


def _units(kinds):
    return OrgUnit.objects.filter(kind__in=kinds, is_active=True).order_by("kind", "sort_order", "code")


class CampaignForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("活动类型"), choices=CampaignKind.choices)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("活动名称"), max_length=200)
    organizer = forms.ModelChoiceField(label=_("组织单位"), queryset=OrgUnit.objects.none())
    participants = forms.ModelMultipleChoiceField(
        label=_("参与单位（可多选）"),
        queryset=OrgUnit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    start_date = forms.DateField(label=_("开始日期"), widget=DateInput)
    end_date = forms.DateField(label=_("结束日期"), widget=DateInput)
    description = forms.CharField(label=_("活动内容"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, organizers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizer"].queryset = organizers
        self.fields["participants"].queryset = _units(PARTICIPANT_KINDS)

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("结束日期不能早于开始日期。"))
        return data


class ActivityForm(StyledFormMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("开展单位"), queryset=OrgUnit.objects.none())
    held_on = forms.DateField(label=_("开展日期"), widget=DateInput)
    place = forms.CharField(label=_("地点"), max_length=200)
    participant_count = forms.IntegerField(
        label=_("参与人数"), min_value=0, error_messages={"min_value": _("参与人数不能小于0。")}
    )
    description = forms.CharField(label=_("活动情况"), widget=forms.Textarea(attrs={"rows": 4}))
    evidence = MultipleFileField(label=_("照片或材料（图片、PDF、Word、Excel）"), required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if units.count() == 1:
            self.fields["unit"].initial = units.first().pk


class PracticeCallForm(StyledFormMixin, forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label=_("类别"), choices=CallKind.choices)
    title = forms.CharField(label=_("征集名称"), max_length=200)
    deadline = forms.DateField(label=_("申报截止日期"), widget=DateInput)
    criteria = forms.CharField(label=_("评选标准"), widget=forms.Textarea(attrs={"rows": 4}))
    reviewers = forms.ModelMultipleChoiceField(
        label=_("评审专家（县级部门人员，可多选）"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewers"].queryset = (
            User.objects.filter(is_active=True, memberships__role__in=[Role.DEPT_HEAD, Role.DEPT_STAFF])
            .distinct()
            .order_by("username")
        )


class PracticeCaseForm(StyledFormMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("申报单位"), queryset=OrgUnit.objects.none())
    title = forms.CharField(label=_("案例名称"), max_length=200)
    summary = forms.CharField(label=_("案例简介"), widget=forms.Textarea(attrs={"rows": 6}))
    attachments = MultipleFileField(label=_("申报材料（图片、PDF、Word、Excel）"), required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = units
            if units.count() == 1:
                self.fields["unit"].initial = units.first().pk


class ScoreForm(StyledFormMixin, forms.Form):
    score = forms.DecimalField(
        label=_("评分（0—100）"),
        min_value=0,
        max_value=100,
        decimal_places=2,
        error_messages={"min_value": _("评分应在0到100之间。"), "max_value": _("评分应在0到100之间。")},
    )
    comment = forms.CharField(label=_("评审意见"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ReturnCaseForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("退回理由"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("退回时必须填写退回理由。")},
    )


class PublishForm(StyledFormMixin, forms.Form):
    """One award choice per scored case, named award_<id>."""

    def __init__(self, *args, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.cases = cases
        for case in cases:
            self.fields[f"award_{case.pk}"] = forms.ChoiceField(
                label=case.title, choices=[("", _("请选择")), *Award.choices]
            )

    def awards(self):
        return {case.pk: self.cleaned_data.get(f"award_{case.pk}") for case in self.cases}

    def rows(self):
        return [(case, self[f"award_{case.pk}"]) for case in self.cases]
