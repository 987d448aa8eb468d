"""Idle and absolute session timeouts.

The login stamps the session with its start and last activity (epoch seconds). A request after
SESSION_IDLE_MINUTES of silence, or SESSION_ABSOLUTE_HOURS after the login, ends the session; the request goes on
anonymous, so a page that needs a login leads to the login page, with a message saying why. The last-activity
stamp is rewritten at most once a minute, so most requests do not write the session. API token requests carry no
session and are not touched.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import BACKEND_SESSION_KEY, logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils.translation import gettext as _

STARTED_KEY = "_auth_started_at"
SEEN_KEY = "_auth_seen_at"
SEEN_GRANULARITY = 60  # seconds


@receiver(user_logged_in, dispatch_uid="core.session_timeouts.stamp")
def stamp_session_on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[STARTED_KEY] = now
        request.session[SEEN_KEY] = now


def session_expiry_reason(session, now):
    """The Chinese reason the session has ended, or None while it may go on."""
    started, seen = session.get(STARTED_KEY), session.get(SEEN_KEY)
    if started is None or seen is None:
        return None
    if now - started > settings.SESSION_ABSOLUTE_HOURS * 3600:
        return _("登录已超过 %(hours)s 小时，为安全起见请重新登录。") % {"hours": settings.SESSION_ABSOLUTE_HOURS}
    if now - seen > settings.SESSION_IDLE_MINUTES * 60:
        return _("您已 %(minutes)s 分钟没有操作，为安全起见请重新登录。") % {"minutes": settings.SESSION_IDLE_MINUTES}
    return None


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if BACKEND_SESSION_KEY in session:
            now = int(time.time())
            reason = session_expiry_reason(session, now)
            if reason:
                # The request goes on anonymous: a page that needs a login sends it there, the API answers 401.
                logout(request)
                messages.warning(request, reason)
                return self.get_response(request)
            if STARTED_KEY not in session:
                session[STARTED_KEY] = now  # a session from before this rule: its clock starts now
            if now - session.get(SEEN_KEY, 0) >= SEEN_GRANULARITY:
                session[SEEN_KEY] = now
        return self.get_response(request)
