from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    IN_APP = "in_app", _("站内消息")
    EMAIL = "email", _("电子邮件")
    WECOM = "wecom", _("企业微信群机器人")
    DINGTALK = "dingtalk", _("钉钉群机器人")
    SMS = "sms", _("短信")


class RecipientGroup(models.TextChoices):
    OWNER_STAFF = "owner_staff", _("责任单位工作人员")
    OWNER_HEAD = "owner_head", _("责任单位负责人")
    LEAD_UNIT = "lead_unit", _("牵头（监管）单位")
    COUNTY_OFFICE = "county_office", _("安委办")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("待发送")
    SENDING = "sending", _("发送中")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")
    SKIPPED = "skipped", _("未发送")


DELIVERY_STATUS_CSS = {
    DeliveryStatus.PENDING: "secondary",
    DeliveryStatus.SENDING: "info",
    DeliveryStatus.SENT: "success",
    DeliveryStatus.FAILED: "danger",
    DeliveryStatus.SKIPPED: "warning",
}
