from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, StyledFormMixin
from core.models import Enterprise
from inspections.credit_choices import IncentiveKind, NoticeKind, PersonRole
from inspections.enterprise_services import organizer_choices, writable_enterprises
from inspections.models import BenchmarkEnterprise, Training


class TrainingForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("培训名称"), max_length=200)
    organizer = forms.ModelChoiceField(label=_("组织单位"), queryset=None)
    starts_on = forms.DateField(label=_("开始日期"), widget=DateInput())
    ends_on = forms.DateField(label=_("结束日期"), widget=DateInput())
    place = forms.CharField(label=_("培训地点"), max_length=200, required=False)
    hours = forms.IntegerField(label=_("学时"), required=False, initial=0, min_value=0, max_value=10000)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizer"].queryset = organizer_choices(user)


class AttendeeForm(StyledFormMixin, forms.Form):
    enterprise = forms.ModelChoiceField(label=_("生产经营单位"), queryset=Enterprise.objects.order_by("name"))
    person_name = forms.CharField(label=_("姓名"), max_length=50)
    role = forms.ChoiceField(label=_("人员类别"), choices=PersonRole.choices)
    attended = forms.BooleanField(label=_("已参训"), required=False, initial=True)
    passed = forms.BooleanField(label=_("考核合格"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("attended", "passed"):
            self.fields[name].widget.attrs["class"] = "form-check-input"


class CertificateForm(StyledFormMixin, forms.Form):
    enterprise = forms.ModelChoiceField(label=_("生产经营单位"), queryset=None)
    holder_name = forms.CharField(label=_("持证人"), max_length=50)
    kind = forms.ChoiceField(label=_("证书类别"), choices=PersonRole.choices)
    number = forms.CharField(label=_("证书编号"), max_length=60)
    issued_on = forms.DateField(label=_("发证日期"), widget=DateInput())
    expires_on = forms.DateField(label=_("有效期至"), widget=DateInput())
    training = forms.ModelChoiceField(label=_("培训"), queryset=None, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = writable_enterprises(user)
        self.fields["training"].queryset = Training.objects.visible_to(user).order_by("-starts_on", "-pk")


class InsuranceForm(StyledFormMixin, forms.Form):
    enterprise = forms.ModelChoiceField(label=_("生产经营单位"), queryset=None)
    insurer = forms.CharField(label=_("保险机构"), max_length=100)
    policy_number = forms.CharField(label=_("保单号"), max_length=60)
    starts_on = forms.DateField(label=_("保险起期"), widget=DateInput())
    ends_on = forms.DateField(label=_("保险止期"), widget=DateInput())
    premium = forms.DecimalField(label=_("保费（元）"), max_digits=12, decimal_places=2)
    insured_amount = forms.DecimalField(label=_("保险金额（万元）"), max_digits=12, decimal_places=2)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = writable_enterprises(user)


class BenchmarkForm(StyledFormMixin, forms.Form):
    enterprise = forms.ModelChoiceField(label=_("生产经营单位"), queryset=Enterprise.objects.order_by("name"))
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    note = forms.CharField(label=_("评定说明"), max_length=300, required=False)


class IncentiveForm(StyledFormMixin, forms.Form):
    benchmark = forms.ModelChoiceField(label=_("标杆企业"), queryset=None)
    kind = forms.ChoiceField(label=_("激励方式"), choices=IncentiveKind.choices)
    amount = forms.DecimalField(label=_("金额（元）"), max_digits=12, decimal_places=2, required=False)
    granted_on = forms.DateField(label=_("日期"), widget=DateInput())
    note = forms.CharField(label=_("说明"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["benchmark"].queryset = BenchmarkEnterprise.objects.select_related("enterprise")


class CreditNoticeForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=NoticeKind.choices)
    issued_on = forms.DateField(label=_("日期"), widget=DateInput())
    reason = forms.CharField(label=_("事由"), max_length=300)
