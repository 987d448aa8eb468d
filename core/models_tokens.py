import hashlib

import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

PREFIX_LENGTH = 8


def hash_key(key):
    """The stored form of a token. The key is 256 random bits (secrets.token_urlsafe(32)): a plain SHA-256
    cannot be reversed or guessed, so no slow password hash is needed on every API call."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


# The hash is not a secret worth keeping twice, and last use changes too often to be history.
@pghistory.track(exclude=["key_hash", "last_used_at"])
class ApiToken(models.Model):
    """An API token (接口令牌) of an account, usually an API client's. The key is shown once when issued; only its
    SHA-256 and its first characters (to tell tokens apart on the page) are kept. A read-only token may call
    GET, HEAD and OPTIONS only, whatever the account's roles; a read-write one writes what the roles allow."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("账号"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("名称"), max_length=100, help_text=_("用途，如“市数字应急平台同步”"))
    prefix = models.CharField(_("令牌前缀"), max_length=PREFIX_LENGTH, editable=False)
    key_hash = models.CharField(_("令牌摘要"), max_length=64, unique=True, editable=False)
    read_only = models.BooleanField(_("只读"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签发人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("签发时间"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("最近使用时间"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("吊销人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    revoke_reason = models.CharField(_("吊销原因"), max_length=200, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True) | ~models.Q(revoke_reason=""),
                name="api_token_revoked_with_reason",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"
