"""What guards the pages open to the public: the client address, its rate limits and the captcha challenge."""

import ipaddress
import logging
import re
import secrets

from django.conf import settings
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited
from redis.exceptions import RedisError

SUBMIT_GROUP = "hazards.public_report.submit"
CHECK_GROUP = "hazards.public_report.check"
log = logging.getLogger(__name__)
CAPTCHA_ALPHABET = "ABCDEFGHJKMNPRSTUVWXY345678"  # none that look alike in the drawn image


def client_address(request):
    """REMOTE_ADDR, or the entry our own proxy appended to X-Forwarded-For when TRUST_X_FORWARDED_FOR is on.

    Entries further left are whatever the client chose to send, so they are never used. An IPv6 client is
    counted by its /64, which one household or phone usually holds whole.
    """
    address = request.META.get("REMOTE_ADDR", "")
    if settings.TRUST_X_FORWARDED_FOR:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if forwarded[-1]:
            address = forwarded[-1]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "unknown"
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)


def address_hash(address):
    """Keyed with SECRET_KEY: equal for one address, and not reversible by trying all four billion."""
    return salted_hmac("hazards.public_report.address", address, algorithm="sha256").hexdigest()


def _address_key(group, request):
    return client_address(request)


def _limited(request, group, rate, method):
    """The counts live in Redis. While it is down nothing is counted and nobody is refused: a citizen's report
    matters more than the limit for that while (the page's captcha still stands)."""
    try:
        return is_ratelimited(request, group=group, key=_address_key, rate=rate, method=method, increment=True)
    except RedisError:
        log.warning("rate limit %s not counted: Redis unavailable", group)
        return False


def submit_refused(request):
    """Count this POST against the address; True when it is over PUBLIC_REPORT_RATE."""
    return _limited(request, SUBMIT_GROUP, settings.PUBLIC_REPORT_RATE, "POST")


def check_refused(request):
    """Count a receipt look-up against the address; True when it is over PUBLIC_REPORT_CHECK_RATE."""
    return _limited(request, CHECK_GROUP, settings.PUBLIC_REPORT_CHECK_RATE, ALL)


def _rate_text(rate):
    count, multiple, unit = re.match(r"^(\d+)/(\d*)([smhd])$", rate).groups()
    units = {"s": _("秒"), "m": _("分钟"), "h": _("小时"), "d": _("天")}
    period = f"{multiple}{units[unit]}" if multiple else units[unit]
    return count, period


def submit_refusal_message():
    count, period = _rate_text(settings.PUBLIC_REPORT_RATE)
    return _("提交过于频繁：同一网络每%(period)s最多提交%(count)s次举报，请稍后再试。") % {
        "period": period,
        "count": count,
    }


def check_refusal_message():
    count, period = _rate_text(settings.PUBLIC_REPORT_CHECK_RATE)
    return _("查询过于频繁：同一网络每%(period)s最多查询%(count)s次，请稍后再试。") % {
        "period": period,
        "count": count,
    }


def captcha_challenge():
    """django-simple-captcha's challenge: (what the image shows, the answer it compares in lower case)."""
    text = "".join(secrets.choice(CAPTCHA_ALPHABET) for _i in range(settings.CAPTCHA_LENGTH))
    return text, text.lower()
