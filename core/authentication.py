"""API token authentication: `Authorization: Token <key>` (or `Bearer <key>`), looked up by the key's SHA-256.

A missing, unknown or revoked token answers 401 with a WWW-Authenticate header; a read-only token used with
any method but GET, HEAD or OPTIONS answers 403. Both bodies are JSON with a Chinese `detail`; revoked and
read-only answers also carry a `code` ("token_revoked", "token_read_only") a program can test.

The read-only cap is checked here, at authentication, rather than in a permission class: a view's own
permission_classes (the anonymous 群众举报 POST, say) replace the default ones, and the cap must hold for
every view.
"""

from datetime import timedelta

import pghistory
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import SAFE_METHODS

from core.models_tokens import ApiToken, hash_key

KEYWORDS = (b"token", b"bearer")
TOUCH_EVERY = timedelta(minutes=1)  # last_used_at is written at most this often per token


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


class ApiTokenAuthentication(BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("令牌格式不正确，应为“Authorization: Token <令牌>”。"))
        try:
            key = parts[1].decode("ascii")
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("认证令牌无效。")) from None
        token = ApiToken.objects.select_related("user").filter(key_hash=hash_key(key)).first()
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("认证令牌无效。"))
        if token.revoked_at is not None:
            detail = _("该令牌已于%(at)s吊销，请联系安委办重新签发。") % {"at": _local(token.revoked_at)}
            raise exceptions.AuthenticationFailed({"detail": detail, "code": "token_revoked"})
        if token.read_only and request.method not in SAFE_METHODS:
            detail = _("该令牌为只读令牌，不能新增、修改或删除数据。")
            raise exceptions.PermissionDenied({"detail": detail, "code": "token_read_only"})
        self._touch(token)
        pghistory.context(api_token=token.pk)  # a write's history says which token made it
        return token.user, token

    def _touch(self, token):
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)

    def authenticate_header(self, request):
        return self.keyword


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI schema describes the token (it lives here so it is registered whenever the class is)."""

    target_class = "core.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "接口令牌：`Token <令牌>`（或 `Bearer <令牌>`）。"
            "只读令牌只能 GET/HEAD/OPTIONS，写入返回 403。",
        }
