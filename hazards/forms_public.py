from functools import reduce
from operator import or_

from captcha.fields import CaptchaField
from django import forms
from django.core.validators import RegexValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.choices import OrgUnitKind, Sector
from core.forms import DateInput, MultipleFileField, MultipleFileInput, StyledFormMixin
from core.models import Enterprise, OrgUnit
from core.scoping import scope_for
from hazards.choices import HazardLevel, RewardStatus
from hazards.permissions import TRIAGE_ROLES
from hazards.services import TERRITORY_KINDS

PHONE = RegexValidator(r"^[0-9+\- ]{5,20}$", _("请填写有效的电话号码（数字，可含“-”）。"))


def townships():
    return OrgUnit.objects.filter(kind=OrgUnitKind.TOWNSHIP, is_active=True).order_by("sort_order", "code")


class PublicReportForm(StyledFormMixin, forms.Form):
    """The public page: what was seen and where, photos from the phone's camera, an optional contact."""

    description = forms.CharField(
        label=_("举报内容"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5, "placeholder": _("发现了什么安全隐患？如：某工地脚手架无防护网。")}),
        error_messages={"required": _("请填写举报内容：发现了什么隐患。")},
    )
    place = forms.CharField(
        label=_("隐患地点"),
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("如：桂溪街道某路某号附近")}),
        error_messages={"required": _("请填写隐患地点。")},
    )
    township = forms.ModelChoiceField(
        label=_("所在乡镇（街道）"), queryset=OrgUnit.objects.none(), required=False, help_text=_("不清楚可不选")
    )
    latitude = forms.DecimalField(required=False, max_digits=9, decimal_places=6, widget=forms.HiddenInput)
    longitude = forms.DecimalField(required=False, max_digits=9, decimal_places=6, widget=forms.HiddenInput)
    photos = MultipleFileField(
        label=_("现场照片"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/*", "capture": "environment"}),
        help_text=_("可选，最多5张，只能上传图片"),
    )
    contact_name = forms.CharField(label=_("联系人（可选）"), max_length=50, required=False)
    contact_phone = forms.CharField(
        label=_("联系电话（可选）"),
        max_length=20,
        required=False,
        validators=[PHONE],
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        help_text=_("留下电话便于核实情况和发放举报奖励，我们不会公开"),
    )
    captcha = CaptchaField(
        label=_("验证码"),
        error_messages={"required": _("请输入图中的验证码。"), "invalid": _("验证码不正确，请看新图片重新输入。")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].queryset = townships()
        self.fields["township"].empty_label = _("不清楚")
        self.fields["captcha"].widget.attrs.update({"inputmode": "latin", "autocapitalize": "characters"})


def territory_choices(user):
    """Where the person may put the hazard: anywhere for the county office, else under their own township."""
    units = OrgUnit.objects.filter(kind__in=TERRITORY_KINDS, is_active=True).select_related("parent")
    if not scope_for(user).changes_all:
        paths = [path for path, role in scope_for(user).role_paths if role in TRIAGE_ROLES]
        if not paths:
            return units.none()
        units = units.filter(reduce(or_, (Q(path__startswith=path) for path in paths)))
    return units.order_by("path")


class TerritoryField(forms.ModelChoiceField):
    def label_from_instance(self, unit):
        if unit.kind == OrgUnitKind.TOWNSHIP:
            return unit.name
        return f"{unit.parent.name} / {unit.name}"


class PublicReportAcceptForm(StyledFormMixin, forms.Form):
    """What the person triaging decides when a report becomes a hazard."""

    title = forms.CharField(label=_("问题描述"), max_length=200)
    sector = forms.ChoiceField(label=_("行业领域"), choices=[("", ""), *Sector.choices])
    level = forms.ChoiceField(label=_("隐患等级"), choices=HazardLevel.choices, initial=HazardLevel.GENERAL)
    territory = TerritoryField(label=_("属地单位"), queryset=OrgUnit.objects.none())
    supervising_department = forms.ModelChoiceField(
        label=_("行业监管部门"), queryset=OrgUnit.objects.none(), required=False
    )
    enterprise = forms.ModelChoiceField(label=_("生产经营单位"), queryset=Enterprise.objects.none(), required=False)
    deadline = forms.DateField(label=_("整改期限"), widget=DateInput)
    measures = forms.CharField(label=_("整改措施"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, report, **kwargs):
        kwargs.setdefault("initial", {"title": report.description[:60], "territory": report.township_id})
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = territory_choices(user)
        self.fields["supervising_department"].queryset = OrgUnit.objects.filter(
            kind=OrgUnitKind.DEPARTMENT, is_active=True
        ).order_by("sort_order", "code")
        self.fields["enterprise"].queryset = Enterprise.objects.visible_to(user).order_by("name")


class PublicReportRejectForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("不予受理理由"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("举报人凭回执码可以看到该理由"),
        error_messages={"required": _("不予受理必须说明理由，举报人凭回执码可以看到该理由。")},
    )


class PublicReportRewardForm(StyledFormMixin, forms.Form):
    reward_status = forms.ChoiceField(label=_("举报奖励"), choices=RewardStatus.choices)
    reward_amount = forms.DecimalField(
        label=_("奖励金额（元）"), required=False, min_value=0, max_digits=10, decimal_places=2
    )
    reward_note = forms.CharField(label=_("奖励说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReceiptCheckForm(StyledFormMixin, forms.Form):
    code = forms.CharField(
        label=_("回执码"),
        max_length=30,
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": _("请输入提交举报后得到的回执码。")},
    )
