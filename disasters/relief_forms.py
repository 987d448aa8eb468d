"""Forms of relief (item 18). The services check the rules and name the fields; a refused form keeps its input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.choices import OrgUnitKind
from core.forms import DateInput, StyledFormMixin
from core.models import OrgUnit
from disasters.models.relief import (
    STAGE_ORDER,
    DisasterKind,
    HouseDamage,
    ReconstructionPlan,
    ReconstructionStage,
    ReliefKind,
)

MONEY = {"inputmode": "decimal", "step": "0.01", "min": "0.01"}


class DisasterEventForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("事件名称"), max_length=100, help_text=_("如：2024年7月暴雨洪涝"))
    kind = forms.ChoiceField(label=_("灾害种类"), choices=DisasterKind.choices)
    started_on = forms.DateField(label=_("发生日期"), widget=DateInput())
    ended_on = forms.DateField(label=_("结束日期"), widget=DateInput(), required=False)
    description = forms.CharField(label=_("灾情概述"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    townships = forms.ModelMultipleChoiceField(
        label=_("受灾乡镇（街道）"),
        queryset=OrgUnit.objects.filter(kind=OrgUnitKind.TOWNSHIP).order_by("sort_order"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("只选乡镇、不选其村（社区）时，视为全乡镇受灾"),
    )
    villages = forms.ModelMultipleChoiceField(
        label=_("受灾村（社区）"),
        queryset=OrgUnit.objects.filter(kind=OrgUnitKind.VILLAGE)
        .select_related("parent")
        .order_by("parent__sort_order", "sort_order", "code"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )


class ReliefHouseholdForm(StyledFormMixin, forms.Form):
    village = forms.ModelChoiceField(label=_("村（社区）"), queryset=OrgUnit.objects.none())
    head_name = forms.CharField(label=_("户主姓名"), max_length=50)
    id_number = forms.CharField(
        label=_("户主身份证号"),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    member_count = forms.IntegerField(label=_("家庭人口"), min_value=1, max_value=99)
    member_names = forms.CharField(label=_("家庭成员"), max_length=300, required=False, help_text=_("姓名以顿号分隔"))
    bank_card = forms.CharField(
        label=_("一卡通银行卡号"), max_length=30, required=False, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    phone = forms.CharField(label=_("联系电话"), max_length=20, required=False)
    address = forms.CharField(label=_("住址"), max_length=200, required=False)
    note = forms.CharField(label=_("备注"), max_length=200, required=False)

    def __init__(self, *args, villages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = OrgUnit.objects.filter(pk__in=[v.pk for v in villages]).order_by(
            "parent__sort_order", "sort_order", "code"
        )


class ReliefEntitlementForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("救助类别"), choices=ReliefKind.choices)
    period = forms.CharField(label=_("救助期间"), max_length=30, help_text=_("如：2024年7月、2024-2025年冬春"))
    amount = forms.DecimalField(
        label=_("应发金额（元）"), max_digits=12, decimal_places=2, widget=forms.NumberInput(MONEY)
    )
    note = forms.CharField(label=_("核定依据"), max_length=200, required=False)


class ReliefPaymentForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("救助类别"), choices=ReliefKind.choices)
    period = forms.CharField(label=_("救助期间"), max_length=30)
    amount = forms.DecimalField(
        label=_("发放金额（元）"), max_digits=12, decimal_places=2, widget=forms.NumberInput(MONEY)
    )
    paid_on = forms.DateField(label=_("发放日期"), widget=DateInput())
    transfer_reference = forms.CharField(label=_("一卡通转账流水号"), max_length=64)
    reason = forms.CharField(
        label=_("重复发放事由"), max_length=200, required=False, help_text=_("同一户同类救助同一期间第二次发放时必填")
    )


class ReconstructionCreateForm(StyledFormMixin, forms.Form):
    damage = forms.ChoiceField(label=_("损坏程度"), choices=HouseDamage.choices)
    plan = forms.ChoiceField(label=_("恢复方式"), choices=ReconstructionPlan.choices)
    note = forms.CharField(label=_("备注"), max_length=200, required=False)


class ReconstructionAdvanceForm(StyledFormMixin, forms.Form):
    to = forms.ChoiceField(
        label=_("推进到"), choices=[(s.value, s.label) for s in ReconstructionStage if s.value != STAGE_ORDER[0]]
    )
    on = forms.DateField(label=_("日期"), widget=DateInput())
    note = forms.CharField(label=_("说明"), max_length=200, required=False)


class ReliefDispatchForm(StyledFormMixin, forms.Form):
    village = forms.ModelChoiceField(label=_("调往村（社区）"), queryset=OrgUnit.objects.none())
    item = forms.ModelChoiceField(label=_("物资（储备库）"), queryset=None)
    quantity = forms.DecimalField(
        label=_("数量"),
        max_digits=12,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}),
    )
    dispatched_on = forms.DateField(label=_("调拨日期"), widget=DateInput())
    receiver = forms.CharField(label=_("接收人"), max_length=50, required=False)

    def __init__(self, *args, villages, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = OrgUnit.objects.filter(pk__in=[v.pk for v in villages]).order_by(
            "parent__sort_order", "sort_order", "code"
        )
        self.fields["item"].queryset = items
        self.fields["item"].label_from_instance = lambda i: (
            f"{i}（{i.depot.name}，{i.quantity_text}{i.unit_of_measure}）"
        )
