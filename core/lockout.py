"""Login lock-out (django-axes): the client address it counts and the page a locked-out login gets."""

import ipaddress

from django.conf import settings
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "registration/locked_out.html", context, status=429)


def client_ip(request):
    """The address logins are counted by (AXES_CLIENT_IP_CALLABLE): REMOTE_ADDR or, when TRUST_X_FORWARDED_FOR is
    on, the X-Forwarded-For entry our own proxy appended — the same rule as the public report page's limits. Entries
    further left are the client's own words and never used. None when there is no address (a test's force_login)."""
    address = request.META.get("REMOTE_ADDR", "")
    if settings.TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        address = forwarded or address
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None
