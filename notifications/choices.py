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
    DIGEST = "digest", _("待汇总发送")  # left for the recipient's daily digest of that channel


class DeliveryMode(models.TextChoices):
    IMMEDIATE = "immediate", _("逐条即时发送")
    DIGEST = "digest", _("每日汇总发送")


class DigestKind(models.TextChoices):
    DAILY = "daily", _("每日汇总")
    WEEKLY = "weekly", _("每周汇总")


# Without a choice of their own: the bell shows each item as it comes (and links to it); the channels that
# interrupt (e-mail, group robots, SMS) bring one message a day instead of one per item.
DEFAULT_MODES = {
    Channel.IN_APP: DeliveryMode.IMMEDIATE,
    Channel.EMAIL: DeliveryMode.DIGEST,
    Channel.SMS: DeliveryMode.DIGEST,
}


# Robot channels post to a group's endpoint, not to a person: the sweep writes one row per endpoint.
ROBOT_CHANNELS = {Channel.WECOM, Channel.DINGTALK}
PERSONAL_CHANNELS = [c for c in Channel if c not in ROBOT_CHANNELS]

DELIVERY_STATUS_CSS = {
    DeliveryStatus.PENDING: "secondary",
    DeliveryStatus.SENDING: "info",
    DeliveryStatus.SENT: "success",
    DeliveryStatus.FAILED: "danger",
    DeliveryStatus.SKIPPED: "warning",
    DeliveryStatus.DIGEST: "light",
}


class RobotKind(models.TextChoices):
    WECOM = Channel.WECOM.value, _("企业微信群机器人")
    DINGTALK = Channel.DINGTALK.value, _("钉钉群机器人")


class EndpointStatus(models.TextChoices):
    NEVER = "never", _("尚未发送")
    OK = "ok", _("正常")
    FAILED = "failed", _("失败")


ENDPOINT_STATUS_CSS = {EndpointStatus.NEVER: "secondary", EndpointStatus.OK: "success", EndpointStatus.FAILED: "danger"}
