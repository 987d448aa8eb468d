"""Group-robot channels: 企业微信 (WeCom) and 钉钉 (DingTalk) custom robots.

Which group gets a reminder
---------------------------
A RobotEndpoint belongs to an org unit (a township's or a department's group) or to none (the county
office's group). The sweep does not fan robot channels out per person, as it does for in-app or e-mail:
for each record and rule step it takes the units the rule's recipient groups point at (owner_staff and
owner_head → the record's owner unit, lead_unit → its lead unit, county_office → the county office's group),
finds the active endpoints of the channel's kind of the nearest unit at or above each one (a village's
hazard reaches its township's group), and writes one ledger row per endpoint with `recipient` empty and
`endpoint` set (notifications.robot_targets). The endpoint is part of the ledger's unique constraint, so a
group gets each message once, however many of its members the rule names, whichever two groups lead to
the same endpoint, and however often the sweep runs. A robot row without an endpoint (notify_once asked for
a robot channel) is skipped with that reason.

Sending
-------
One POST per row with urllib from the standard library, the timeout REMINDER_WEBHOOK_TIMEOUT. A timeout,
a refused connection, a non-2xx answer, an answer that is not JSON, or one whose errcode is not 0 raises
ChannelError: sending.deliver puts the row back to pending and Celery retries with back-off; after the last
attempt the row stays failed with the error. Every attempt writes the endpoint's last status and error,
which the county office sees on the delivery page. Both services allow a robot about 20 messages a minute;
the answer to more (WeCom errcode 45009, DingTalk 130101) is retried like any other error, which spreads a
burst out.
"""

import base64
import hashlib
import hmac
import json
import time
from http.client import HTTPException
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urlsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.choices import EndpointStatus
from notifications.errors import ChannelError, Skip
from notifications.links import absolute_link

BODY_LIMIT = 1000  # characters of a reminder's text in a robot message; WeCom's markdown takes 4096 bytes
ANSWER_LIMIT = 64 * 1024


def _snippet(raw):
    return raw[:300].decode("utf-8", "replace").strip()


def _read_error_body(exc):
    try:
        return _snippet(exc.read(ANSWER_LIMIT))
    except (OSError, HTTPException):
        return ""


def post_json(url, payload):
    """POST `payload` as JSON; the answer's JSON, or ChannelError saying what went wrong."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise ChannelError(_("Webhook地址应为 http:// 或 https:// 开头的网址。"))
    timeout = settings.REMINDER_WEBHOOK_TIMEOUT
    data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    request = Request(url, data=data, method="POST", headers={"Content-Type": "application/json; charset=utf-8"})
    try:
        with urlopen(request, timeout=timeout) as response:
            raw = response.read(ANSWER_LIMIT)
    except HTTPError as exc:
        raise ChannelError(
            _("对方应答 HTTP %(code)d：%(text)s") % {"code": exc.code, "text": _read_error_body(exc)}
        ) from exc
    except (TimeoutError, URLError) as exc:
        if isinstance(exc, TimeoutError) or isinstance(getattr(exc, "reason", None), TimeoutError):
            raise ChannelError(_("%(n)s秒内没有应答（超时）") % {"n": timeout}) from exc
        raise ChannelError(_("无法连接：%(reason)s") % {"reason": getattr(exc, "reason", exc)}) from exc
    except (OSError, HTTPException) as exc:
        raise ChannelError(_("连接中断：%(reason)s") % {"reason": exc}) from exc
    return _check_answer(raw)


def _check_answer(raw):
    try:
        answer = json.loads(raw)
    except ValueError:
        raise ChannelError(_("应答不是JSON：%(text)s") % {"text": _snippet(raw)}) from None
    errcode = answer.get("errcode", 0) if isinstance(answer, dict) else 0
    if errcode != 0:
        raise ChannelError(
            _("机器人返回错误 errcode=%(code)s：%(msg)s") % {"code": errcode, "msg": answer.get("errmsg", "")}
        )
    return answer


def dingtalk_signed_url(url, secret, *, now=None):
    """钉钉“加签”: timestamp (ms) and sign = base64(HMAC-SHA256(secret, f"{timestamp}\\n{secret}")), URL-encoded."""
    if not secret:
        return url
    timestamp = str(round((time.time() if now is None else now) * 1000))
    digest = hmac.new(secret.encode("utf-8"), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    query = urlencode({"timestamp": timestamp, "sign": base64.b64encode(digest).decode("ascii")})
    return f"{url}{'&' if '?' in url else '?'}{query}"


def _text(reminder):
    body = reminder.body[:BODY_LIMIT]
    link = absolute_link(reminder.url)
    return body, (f"[{_('查看详情')}]({link})" if link else "")


def wecom_payload(reminder):
    body, link = _text(reminder)
    content = "\n".join(part for part in (f"**{reminder.title}**", body, link) if part)
    return {"msgtype": "markdown", "markdown": {"content": content}}


def dingtalk_payload(reminder):
    body, link = _text(reminder)
    text = "\n\n".join(part for part in (f"#### {reminder.title}", body, link) if part)
    return {"msgtype": "markdown", "markdown": {"title": reminder.title, "text": text}}


def _record(endpoint, error=""):
    from notifications.models import RobotEndpoint

    now = timezone.now()
    values = {"last_status": EndpointStatus.FAILED if error else EndpointStatus.OK, "last_error": error[:2000]}
    values.update(last_attempt_at=now, **({} if error else {"last_success_at": now}))
    RobotEndpoint.objects.filter(pk=endpoint.pk).update(**values)


class Robot:
    transactional = False
    needs_recipient = False  # a robot row is addressed to its endpoint's group

    def address(self, endpoint):
        return endpoint.url

    def payload(self, reminder):
        raise NotImplementedError

    def send(self, reminder):
        endpoint = reminder.endpoint
        if endpoint is None:
            raise Skip(_("没有指定群机器人"))
        if not endpoint.is_active:
            raise Skip(_("群机器人“%(name)s”已停用") % {"name": endpoint.name})
        try:
            post_json(self.address(endpoint), self.payload(reminder))
        except ChannelError as exc:
            _record(endpoint, str(exc))
            raise
        _record(endpoint)


class WeComRobot(Robot):
    def payload(self, reminder):
        return wecom_payload(reminder)


class DingTalkRobot(Robot):
    def address(self, endpoint):
        return dingtalk_signed_url(endpoint.url, endpoint.secret)

    def payload(self, reminder):
        return dingtalk_payload(reminder)
