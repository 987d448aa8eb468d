from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class IdempotencyKey(models.Model):
    """A create request's key (幂等键), sent by a phone that may send the same record twice (a queue replayed after
    the signal returns, a retry after a timeout). Inserted in the same transaction as the record it created, so
    the unique constraint decides a race: the second request with the key waits, fails the insert and answers
    with the first one's record. A key belongs to its user: another user's same key is unrelated."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("账号"), on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(_("幂等键"), max_length=64)
    kind = models.CharField(_("记录类型"), max_length=40)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    record = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(_("首次提交时间"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = _("幂等键")
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_unique_per_user")]

    def __str__(self):
        return f"{self.user_id}:{self.key}"
