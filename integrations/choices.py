from django.db import models
from django.utils.translation import gettext_lazy as _


class WebhookEvent(models.TextChoices):
    """What an endpoint may subscribe to; the value is the X-Portal-Event header and the payload's `type`."""

    HAZARD_CREATED = "hazard.created", _("隐患登记")
    HAZARD_CLOSED = "hazard.closed", _("隐患销号")
    WARNING_ISSUED = "warning.issued", _("预警发布")
    REPORT_APPROVED = "report.approved", _("进展填报审核通过")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("待发送")
    SENDING = "sending", _("发送中")
    DELIVERED = "delivered", _("已送达")
    FAILED = "failed", _("失败")


DELIVERY_STATUS_CSS = {
    DeliveryStatus.PENDING: "secondary",
    DeliveryStatus.SENDING: "info",
    DeliveryStatus.DELIVERED: "success",
    DeliveryStatus.FAILED: "danger",
}
