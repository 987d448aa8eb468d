"""The second factor (TOTP) for county administrators.

Whatever page signed a person in (the login form, the admin's), the login marks the session when a second step is
due: the six-digit code of an enrolled device, or — with REQUIRE_ADMIN_TOTP — the enrolment of a county
administrator who has none. Until that step is done every page but the step's own and the logout leads to it, so
no login path can skip it. The marks live in the session: an ordinary request costs no query.
"""

import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import JsonResponse
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

CODE_DUE_KEY = "_totp_code_due"
ENROL_DUE_KEY = "_totp_enrol_due"
CODE_WINDOW_SECONDS = 300  # the code must follow the password within five minutes


def is_county_admin(user):
    from core.scoping import scope_for

    return user.is_superuser or scope_for(user).changes_all


def confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


@receiver(user_logged_in, dispatch_uid="core.two_factor.mark")
def mark_second_step(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    if confirmed_device(user) is not None:
        request.session[CODE_DUE_KEY] = int(time.time())
    elif settings.REQUIRE_ADMIN_TOTP and is_county_admin(user):
        request.session[ENROL_DUE_KEY] = True


def safe_next(request, value):
    if value and url_has_allowed_host_and_scheme(value, {request.get_host()}, require_https=request.is_secure()):
        return value
    return resolve_url(settings.LOGIN_REDIRECT_URL)


class AdminTotpRequiredMiddleware:
    """Holds a session whose second step is due on that step's page."""

    OPEN_PREFIXES = ("/static/", "/i18n/", "/jsi18n/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        due = "login-totp" if CODE_DUE_KEY in session else "totp-enrol" if ENROL_DUE_KEY in session else None
        if due is None or request.path_info.startswith(self.OPEN_PREFIXES):
            return self.get_response(request)
        target = reverse(due)
        if request.path_info in (target, reverse("logout")):
            return self.get_response(request)
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": _("请先完成动态验证码验证。")}, status=403)
        return redirect(f"{target}?next={request.get_full_path()}")
