import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from integrations.choices import DeliveryStatus, WebhookEvent


# The secret signs every delivery: it never goes into the history. (`events` is a field here, so the
# snapshots are reached as endpoint.history.)
@pghistory.track(exclude=["secret"], obj_field=pghistory.ObjForeignKey(related_name="history"))
class WebhookEndpoint(TimeStampedModel):
    """A URL of an API client's that the portal POSTs events to, signed with the endpoint's secret. It gets an
    event only when its owner may see the record (core.scoping), as the owner's token would."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("外部系统"), on_delete=models.PROTECT, related_name="webhook_endpoints"
    )
    name = models.CharField(_("名称"), max_length=100)
    url = models.CharField(
        _("接收地址"),
        max_length=500,
        validators=[
            URLValidator(schemes=["http", "https"], message=_("接收地址应为 http:// 或 https:// 开头的网址。"))
        ],
    )
    secret = models.CharField(_("签名密钥"), max_length=200)
    events = ArrayField(
        models.CharField(max_length=32, choices=WebhookEvent.choices), verbose_name=_("订阅事件"), default=list
    )
    is_active = models.BooleanField(_("启用"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Webhook接收地址")
        verbose_name_plural = _("Webhook接收地址")
        ordering = ["owner__username", "name", "pk"]
        constraints = [models.CheckConstraint(condition=Q(events__len__gt=0), name="webhook_endpoint_has_events")]

    def __str__(self):
        return self.name

    def event_labels(self):
        return [str(WebhookEvent(e).label) if e in WebhookEvent.values else e for e in self.events]


class WebhookDelivery(models.Model):
    """One event for one endpoint: the delivery log and the queue at once. A worker claims the row with a
    conditional UPDATE before it sends (integrations.sending), so a row is sent by one worker at a time; the
    beat sweep sends what is due again after a failure or a lost message. The payload is kept as it was when
    the event happened, so every attempt sends the same body."""

    endpoint = models.ForeignKey(
        WebhookEndpoint, verbose_name=_("接收地址"), on_delete=models.PROTECT, related_name="deliveries"
    )
    event_type = models.CharField(_("事件"), max_length=32, choices=WebhookEvent.choices)
    # The same for every endpoint and every attempt of one event (X-Portal-Delivery): receivers drop repeats by it.
    event_id = models.UUIDField(_("事件编号"))
    object_id = models.PositiveBigIntegerField(_("记录编号"))
    payload = models.JSONField(_("内容"), encoder=DjangoJSONEncoder)
    status = models.CharField(_("状态"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("已尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次尝试时间"), default=timezone.now)
    claimed_at = models.DateTimeField(_("最近尝试时间"), null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(_("最近应答码"), null=True, blank=True)
    last_error = models.TextField(_("最近错误"), blank=True)
    created_at = models.DateTimeField(_("生成时间"), auto_now_add=True)
    delivered_at = models.DateTimeField(_("送达时间"), null=True, blank=True)
    resent_at = models.DateTimeField(_("手动重发时间"), null=True, blank=True)
    resent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("手动重发人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Webhook投递记录")
        verbose_name_plural = _("Webhook投递记录")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # A signal heard twice, or two receivers racing, still makes one row per endpoint and event.
            models.UniqueConstraint(fields=["endpoint", "event_id"], name="webhook_delivery_once"),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_delivery_due")]

    def __str__(self):
        return f"{self.get_event_type_display()} → {self.endpoint}"
