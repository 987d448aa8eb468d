"""Group-robot endpoints (企业微信/钉钉群机器人) that reminders are posted to; see notifications.webhooks."""

from urllib.parse import urlsplit

import pghistory
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from notifications.choices import EndpointStatus, RobotKind

# The webhook URL carries the robot's key and the secret signs its messages: neither goes into the history.
SECRET_FIELDS = ["url", "secret", "last_status", "last_error", "last_attempt_at", "last_success_at"]


@pghistory.track(exclude=SECRET_FIELDS)
class RobotEndpoint(TimeStampedModel):
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=10, choices=RobotKind.choices)
    url = models.CharField(
        _("Webhook地址"),
        max_length=500,
        validators=[
            URLValidator(schemes=["http", "https"], message=_("Webhook地址：应为 http:// 或 https:// 开头的网址。"))
        ],
        help_text=_("在群设置的“群机器人”中复制，如 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…"),
    )
    secret = models.CharField(
        _("加签密钥"), max_length=200, blank=True, help_text=_("仅钉钉：机器人安全设置选择“加签”时的密钥（SEC开头）")
    )
    unit = models.ForeignKey(
        "core.OrgUnit",
        verbose_name=_("单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("该单位（及其下属村、网格）的提醒发到这个群；不选则为安委办的群"),
    )
    is_active = models.BooleanField(_("启用"), default=True)
    last_status = models.CharField(
        _("最近状态"), max_length=10, choices=EndpointStatus.choices, default=EndpointStatus.NEVER
    )
    last_error = models.TextField(_("最近错误"), blank=True)
    last_attempt_at = models.DateTimeField(_("最近发送时间"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("最近成功时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("群机器人")
        verbose_name_plural = _("群机器人")
        ordering = ["kind", "name", "pk"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.secret and self.kind != RobotKind.DINGTALK:
            raise ValidationError({"secret": _("加签密钥：只有钉钉群机器人使用加签，企业微信群机器人请留空。")})

    @property
    def masked_url(self):
        """The address without its key, for pages: the key is as good as a password to the group."""
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}{parts.path}" + ("?…" if parts.query else "")
