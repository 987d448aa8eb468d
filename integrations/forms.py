"""Forms of the county office's pages on external systems. The services say what is wrong; the forms turn what was
typed into values and keep it when refused."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.api_tokens import CLIENT_WRITE_ROLES
from core.choices import ROLE_UNIT_KINDS, OrgUnitKind, Role
from core.forms import StyledFormMixin
from core.models import OrgUnit
from integrations.choices import WebhookEvent

ROLES_HELP = _(
    "不勾选则只能读取。勾选后，可写令牌按该角色写入（如乡镇工作人员可登记本乡镇隐患），与同角色人员的权限相同；"
    "只读令牌无论角色如何都不能写入。"
)


def _checkboxes(form, *names):
    for name in names:
        form.fields[name].widget.attrs["class"] = "form-check-input"


def client_unit_choices():
    kinds = ROLE_UNIT_KINDS[Role.API_CLIENT]
    return OrgUnit.objects.filter(kind__in=kinds, is_active=True).order_by("path")


class ApiClientForm(StyledFormMixin, forms.Form):
    username = forms.CharField(
        label=_("账号名"), max_length=150, help_text=_("字母、数字和 @ . + - _，如 city_emergency")
    )
    full_name = forms.CharField(label=_("外部系统名称"), max_length=50, help_text=_("如“市数字应急平台”"))
    unit = forms.ModelChoiceField(
        label=_("可读取的单位范围"),
        queryset=OrgUnit.objects.none(),
        help_text=_("选县则读取全县数据；选县级部门或乡镇（街道）则只读取该单位及下属单位的数据"),
    )
    roles = forms.MultipleChoiceField(
        label=_("兼任角色（写入权限）"),
        choices=[(r.value, r.label) for r in CLIENT_WRITE_ROLES],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=ROLES_HELP,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = client_unit_choices()
        self.fields["unit"].label_from_instance = _unit_label
        _checkboxes(self, "roles")


def _unit_label(unit):
    return unit.name if unit.kind == OrgUnitKind.COUNTY else f"{unit.get_kind_display()} · {unit.name}"


class ApiClientRolesForm(StyledFormMixin, forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("兼任角色（写入权限）"),
        choices=[],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=ROLES_HELP,
    )

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = [
            (r.value, r.label) for r in CLIENT_WRITE_ROLES if unit.kind in ROLE_UNIT_KINDS[r]
        ]
        _checkboxes(self, "roles")


class TokenIssueForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("用途"), max_length=100, help_text=_("便于日后辨认和吊销，如“数据同步（生产）”"))
    access = forms.ChoiceField(
        label=_("权限"),
        choices=[("read", _("只读：只能查询")), ("write", _("可写：按账号的兼任角色新增和修改"))],
        initial="read",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _checkboxes(self, "access")


class TokenRevokeForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("吊销原因"), max_length=200, help_text=_("如“令牌泄露”“系统停用”"))


class WebhookEndpointForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("名称"), max_length=100)
    url = forms.CharField(
        label=_("接收地址"),
        max_length=500,
        help_text=_("对方系统接收事件的网址，以 http:// 或 https:// 开头；收到后应立即应答2xx"),
    )
    events = forms.MultipleChoiceField(
        label=_("订阅事件"), choices=WebhookEvent.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    is_active = forms.BooleanField(label=_("启用"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _checkboxes(self, "events", "is_active")


class WebhookEndpointCreateForm(WebhookEndpointForm):
    secret = forms.CharField(
        label=_("签名密钥"),
        max_length=200,
        required=False,
        help_text=_("留空则由平台生成（保存后只显示一次）；也可填写与对方约定的密钥"),
        widget=forms.PasswordInput(render_value=True),
    )
