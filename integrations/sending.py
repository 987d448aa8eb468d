"""Sending one delivery row, and the sweep that finds what is due.

The request
-----------
    POST <endpoint url>
    Content-Type: application/json; charset=utf-8
    X-Portal-Event: hazard.closed
    X-Portal-Delivery: <event id, a UUID; the same on every attempt and for every endpoint>
    X-Portal-Timestamp: <Unix time of this attempt, in seconds>
    X-Portal-Signature: sha256=<hex HMAC-SHA256, key = the endpoint's secret, message = timestamp + "." + body>

The body is the row's payload as compact UTF-8 JSON (integrations.events). A receiver recomputes the HMAC over
the raw bytes it received, compares in constant time, refuses a timestamp more than a few minutes old (a
replay), and drops an event id it has already handled. Any 2xx answer within WEBHOOK_TIMEOUT seconds is
success; redirects are not followed.

Retries
-------
A row is claimed by a conditional UPDATE (pending and due, or "sending" past the lease after a worker died)
before it is sent, so two workers never send it at once. A failure puts it back to pending with the next
attempt WEBHOOK_RETRY_SECONDS × 2^(attempts − 1) later (at most 6 hours); after WEBHOOK_MAX_ATTEMPTS tries it
is failed and stays in the log with its last answer. Delivery is at least once: a worker killed after the
receiver answered but before the row was marked sends it again after the lease.
"""

import hashlib
import hmac
import json
import time
from datetime import timedelta
from http.client import HTTPException
from urllib.error import HTTPError, URLError
from urllib.request import HTTPRedirectHandler, Request, build_opener

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from integrations.choices import DeliveryStatus
from integrations.models import WebhookDelivery

S = DeliveryStatus
LEASE = timedelta(minutes=2)  # far beyond WEBHOOK_TIMEOUT (30 s at most)
LONGEST_WAIT = timedelta(hours=6)
ANSWER_LIMIT = 2000
USER_AGENT = "DianjiangSafetyPortal-Webhook/1.0"


class WebhookError(Exception):
    def __init__(self, message, status_code=None):
        super().__init__(message)
        self.status_code = status_code


class _NoRedirect(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # urllib then raises HTTPError with the 3xx code


_opener = build_opener(_NoRedirect)


def body_bytes(payload):
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def signature(secret, timestamp, body):
    message = f"{timestamp}.".encode() + body
    return "sha256=" + hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def _snippet(raw):
    return raw[:300].decode("utf-8", "replace").strip()


def post(delivery, *, now=None):
    """POST the row's payload to its endpoint; the status code, or WebhookError saying what went wrong."""
    endpoint = delivery.endpoint
    body = body_bytes(delivery.payload)
    timestamp = str(int(time.time() if now is None else now.timestamp()))
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        "X-Portal-Event": delivery.event_type,
        "X-Portal-Delivery": str(delivery.event_id),
        "X-Portal-Timestamp": timestamp,
        "X-Portal-Signature": signature(endpoint.secret, timestamp, body),
    }
    timeout = settings.WEBHOOK_TIMEOUT
    try:
        with _opener.open(Request(endpoint.url, data=body, method="POST", headers=headers), timeout=timeout) as answer:
            answer.read(ANSWER_LIMIT)
            return answer.status
    except HTTPError as exc:
        try:
            text = _snippet(exc.read(ANSWER_LIMIT))
        except (OSError, HTTPException):
            text = ""
        raise WebhookError(_("对方应答 HTTP %(code)d：%(text)s") % {"code": exc.code, "text": text}, exc.code) from exc
    except (TimeoutError, URLError) as exc:
        if isinstance(exc, TimeoutError) or isinstance(getattr(exc, "reason", None), TimeoutError):
            raise WebhookError(_("%(n)s秒内没有应答（超时）") % {"n": timeout}) from exc
        raise WebhookError(_("无法连接：%(reason)s") % {"reason": getattr(exc, "reason", exc)}) from exc
    except (OSError, HTTPException, ValueError) as exc:
        raise WebhookError(_("连接中断：%(reason)s") % {"reason": exc}) from exc


def retry_wait(attempts):
    """The wait before the next try after `attempts` tries: WEBHOOK_RETRY_SECONDS, doubling, at most 6 hours."""
    seconds = settings.WEBHOOK_RETRY_SECONDS * 2 ** min(attempts - 1, 20)
    return min(timedelta(seconds=seconds), LONGEST_WAIT)


def _claim(delivery_id, now):
    claimable = Q(status=S.PENDING, next_attempt_at__lte=now) | Q(status=S.SENDING, claimed_at__lt=now - LEASE)
    return (
        WebhookDelivery.objects.filter(pk=delivery_id)
        .filter(claimable)
        .update(status=S.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )


def _finish(delivery, **values):
    return WebhookDelivery.objects.filter(pk=delivery.pk, status=S.SENDING).update(**values)


def _failed(delivery, error, status_code, now):
    final = delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS
    values = {"last_error": str(error)[:2000], "last_status_code": status_code}
    if final:
        _finish(delivery, status=S.FAILED, **values)
        return "failed"
    _finish(delivery, status=S.PENDING, next_attempt_at=now + retry_wait(delivery.attempts), **values)
    return "retry"


def webhook_deliver(delivery_id, *, now=None):
    """Send one row if it is due and nobody else is sending it: "delivered", "retry", "failed" or "already"."""
    now = now or timezone.now()
    if not _claim(delivery_id, now):
        return "already"
    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)
    if not delivery.endpoint.is_active:
        _finish(delivery, status=S.FAILED, last_error=_("接收地址已停用，未发送。"))
        return "failed"
    try:
        code = post(delivery, now=now)
    except WebhookError as exc:
        return _failed(delivery, exc, exc.status_code, now)
    _finish(delivery, status=S.DELIVERED, last_status_code=code, last_error="", delivered_at=timezone.now())
    return "delivered"


def due_deliveries(*, now=None, limit=1000):
    """Rows to send now: pending and due (a retry, or a first try whose queueing was lost), or stuck sending."""
    now = now or timezone.now()
    due = Q(status=S.PENDING, next_attempt_at__lte=now) | Q(status=S.SENDING, claimed_at__lt=now - LEASE)
    return list(
        WebhookDelivery.objects.filter(due).order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit]
    )
