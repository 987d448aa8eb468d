"""Writes of webhook endpoints and deliveries; only the county office (scope.changes_all) makes them."""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.api_tokens import client_unit
from core.scoping import scope_for
from integrations.choices import DeliveryStatus, WebhookEvent
from integrations.models import WebhookDelivery, WebhookEndpoint

ENDPOINT_FIELDS = ("name", "url", "events", "is_active")


def _check_office(actor):
    if not scope_for(actor).changes_all:
        raise PermissionDenied(_("只有安委办管理员可以管理外部系统和Webhook。"))


def new_secret():
    return secrets.token_urlsafe(32)


def _check_events(events):
    events = list(dict.fromkeys(events or ()))
    unknown = [e for e in events if e not in WebhookEvent.values]
    if unknown:
        raise ValidationError({"events": _("未知的事件：%(names)s。") % {"names": "、".join(unknown)}})
    if not events:
        raise ValidationError({"events": _("请至少订阅一种事件。")})
    return events


def _save(endpoint):
    endpoint.full_clean(exclude=["owner", "created_by"])
    endpoint.save()
    return endpoint


@transaction.atomic
def webhook_endpoint_create(*, actor, owner, name, url, events, is_active=True, secret=""):
    """A new endpoint of an API client's: returns (endpoint, secret). With no secret given one is made; it is
    shown once on the page that answers, and can be replaced later (webhook_endpoint_new_secret)."""
    _check_office(actor)
    if client_unit(owner) is None:
        raise ValidationError(_("只能为外部系统账号登记Webhook。"))
    secret = (secret or "").strip() or new_secret()
    endpoint = WebhookEndpoint(
        owner=owner,
        name=(name or "").strip(),
        url=(url or "").strip(),
        events=_check_events(events),
        is_active=is_active,
        secret=secret,
        created_by=actor,
    )
    return _save(endpoint), secret


@transaction.atomic
def webhook_endpoint_update(*, actor, endpoint, **values):
    _check_office(actor)
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    for name in ENDPOINT_FIELDS:
        if name in values:
            setattr(endpoint, name, values[name].strip() if isinstance(values[name], str) else values[name])
    endpoint.events = _check_events(endpoint.events)
    return _save(endpoint)


@transaction.atomic
def webhook_endpoint_new_secret(*, actor, endpoint, secret=""):
    """Replace the signing secret (given, or made here); returns it, to be shown once."""
    _check_office(actor)
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    endpoint.secret = (secret or "").strip() or new_secret()
    _save(endpoint)
    return endpoint.secret


@transaction.atomic
def webhook_delivery_resend(*, actor, delivery):
    """Send a delivered or failed event again, as it was (same event id and body), from a fresh count of tries."""
    from integrations.tasks import enqueue

    _check_office(actor)
    delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery.pk)
    if delivery.status not in (DeliveryStatus.DELIVERED, DeliveryStatus.FAILED):
        raise ValidationError(_("该投递正在等待或正在发送，无需重发。"))
    now = timezone.now()
    delivery.status, delivery.attempts, delivery.next_attempt_at = DeliveryStatus.PENDING, 0, now
    delivery.resent_at, delivery.resent_by = now, actor
    delivery.save(update_fields=["status", "attempts", "next_attempt_at", "resent_at", "resent_by"])
    transaction.on_commit(lambda: enqueue([delivery.pk]))
    return delivery
