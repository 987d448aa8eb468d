"""The second login step (the six-digit code) and a county administrator's enrolment of an authenticator app."""

import time
from base64 import b32encode

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.two_factor import (
    CODE_DUE_KEY,
    CODE_WINDOW_SECONDS,
    ENROL_DUE_KEY,
    confirmed_device,
    is_county_admin,
    safe_next,
)


class TotpCodeForm(forms.Form):
    token = forms.RegexField(
        label=gettext_lazy("动态验证码"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": gettext_lazy("请输入验证器应用显示的 6 位数字。")},
        widget=forms.TextInput(
            attrs={"class": "form-control", "autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


def verify(device, form):
    """True when the code is right; otherwise the form carries the reason (django-otp slows repeated failures)."""
    if not form.is_valid():
        return False
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        form.add_error("token", _("验证码错误次数过多，请稍后再试。"))
        return False
    if not device.verify_token(form.cleaned_data["token"].strip()):
        form.add_error("token", _("验证码不正确或已过期，请输入验证器应用当前显示的 6 位数字。"))
        return False
    return True


class TotpLoginView(LoginRequiredMixin, View):
    """After the password: the code of the person's authenticator app."""

    template_name = "registration/login_totp.html"

    def dispatch(self, request, *args, **kwargs):
        due = request.session.get(CODE_DUE_KEY)
        if request.user.is_authenticated and (due is None or time.time() - due > CODE_WINDOW_SECONDS):
            if due is not None:  # too slow: the password has to be given again
                logout(request)
                messages.warning(request, _("验证超时，请重新登录。"))
                return redirect("login")
            return redirect(safe_next(request, request.GET.get("next")))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(request, self.template_name, {"form": TotpCodeForm(), "next": request.GET.get("next", "")})

    def post(self, request):
        form = TotpCodeForm(request.POST)
        device = confirmed_device(request.user)
        if device is None or not verify(device, form):
            return render(request, self.template_name, {"form": form, "next": request.POST.get("next", "")})
        otp_login(request, device)
        del request.session[CODE_DUE_KEY]
        return redirect(safe_next(request, request.POST.get("next")))


class TotpEnrolView(LoginRequiredMixin, View):
    """A county administrator links an authenticator app: scan the QR code, then type the code it shows."""

    template_name = "registration/totp_enrol.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_county_admin(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def pending_device(self, user):
        device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
        return device or TOTPDevice.objects.create(user=user, name=_("验证器应用"), confirmed=False)

    def context(self, request, form):
        enrolled = confirmed_device(request.user)
        context = {"form": form, "enrolled": enrolled, "next": request.GET.get("next") or request.POST.get("next", "")}
        if enrolled is None:
            device = self.pending_device(request.user)
            qr = segno.make(device.config_url, error="m")
            context["qr_svg"] = mark_safe(qr.svg_inline(scale=4, title=_("扫描此二维码")))  # our own SVG, no input
            secret = b32encode(device.bin_key).decode()
            context["secret"] = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))  # typed by hand
        return context

    def get(self, request):
        return render(request, self.template_name, self.context(request, TotpCodeForm()))

    def post(self, request):
        form = TotpCodeForm(request.POST)
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by("-pk").first()
        if confirmed_device(request.user) is not None or device is None or not verify(device, form):
            return render(request, self.template_name, self.context(request, form))
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
        otp_login(request, device)
        request.session.pop(ENROL_DUE_KEY, None)
        messages.success(request, _("已绑定验证器应用。今后登录时，输入密码后还需输入其显示的 6 位验证码。"))
        return redirect(safe_next(request, request.POST.get("next")))
