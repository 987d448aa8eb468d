"""Offline field entry: the web app's manifest, its service worker (served at the site root so that its scope is
the whole site), the page listing what waits to be sent, and a fresh CSRF token for sending it.

What is queued lives in the phone's browser (IndexedDB, static/js/offline-store.js), never on the server: the
server sees a queued record only when it is sent, with its idempotency key (core.idempotency)."""

import hashlib
import json
from functools import lru_cache

from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.staticfiles import finders
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

# The app shell the service worker keeps: what every page loads, so a cached form page works without signal.
SHELL_FILES = [
    "vendor/bootstrap-5.3.9/bootstrap.min.css",
    "vendor/bootstrap-5.3.9/bootstrap.bundle.min.js",
    "vendor/htmx-2.0.11/htmx.min.js",
    "css/portal.css",
    "js/portal.js",
    "js/offline-store.js",
    "js/offline-queue.js",
    "js/patrol_form.js",
    "inspections/inspection_form.js",
    "icons/icon-192.png",
]


@lru_cache(maxsize=1)
def shell_version():
    """Changes when a shell file changes, so a new deployment replaces the phone's cached copies."""
    digest = hashlib.sha256()
    for path in SHELL_FILES:
        found = finders.find(path)
        if found:
            with open(found, "rb") as handle:
                digest.update(handle.read())
    digest.update(render_to_string("core/sw.js", {"version": "", "shell": [], "offline_url": ""}).encode())
    return digest.hexdigest()[:12]


@never_cache
def service_worker(request):
    """Public, like any script: it holds no data. Not cached, so a phone picks up a new version on its next visit."""
    body = render_to_string(
        "core/sw.js",
        {
            "version": shell_version(),
            "shell": [static(path) for path in SHELL_FILES],
            "offline_url": reverse("offline-queue"),
            "store_url": static("js/offline-store.js"),
            "static_prefix": static(""),
            "no_copy_text": _("没有信号，本机也没有该页面的副本。"),
        },
    )
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


def web_manifest(request):
    """Public: browsers fetch a manifest without the session cookie."""
    body = {
        "name": _("垫江县安全生产与自然灾害防治工作平台"),
        "short_name": _("安全平台"),
        "description": _("巡查、自查和隐患登记，没有信号时也能填写，联网后自动发送。"),
        "lang": "zh-CN",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#a4161a",
        "icons": [
            {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png", "purpose": "any"},
            {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any"},
        ],
    }
    return HttpResponse(json.dumps(body, ensure_ascii=False), content_type="application/manifest+json; charset=utf-8")


class OfflineQueueView(LoginRequiredMixin, TemplateView):
    """待发送: drawn by static/js/offline-queue.js from the phone's own queue; the server knows nothing of it."""

    template_name = "core/offline_queue.html"


class OfflineSessionView(LoginRequiredMixin, View):
    """A fresh CSRF token and who is signed in, asked for before a queue is sent: the token in a page cached days
    ago may have rotated (a new login rotates it), and a queue is only sent by the person who filled it in."""

    def get(self, request):
        response = JsonResponse({"csrf_token": get_token(request), "user": request.user.pk})
        add_never_cache_headers(response)
        return response
