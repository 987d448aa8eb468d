"""Idempotent creates: one mechanism for the HTML forms and the API create endpoints that a phone may replay.

The client sends a key with a create (header `Idempotency-Key`, or the form field `idempotency_key`). The key row
is inserted first, in the transaction that creates the record: a concurrent request with the same key waits on
the unique index and, once the first commits, fails its insert and answers with the first request's record. A
refused create (ValidationError) rolls the key back with it, so the corrected record may be sent with the key."""

import re
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models_idempotency import IdempotencyKey

HEADER = "Idempotency-Key"
FIELD = "idempotency_key"
KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


class IdempotencyKeyConflict(ValidationError):
    """The key was used for another kind of record (a client bug): answered 409 by the API, refused on a form."""


@dataclass(frozen=True)
class Outcome:
    record: object
    replayed: bool  # True: the key was seen before; record is what the first request created


def request_key(request):
    """The key the request carries: the header wins over the form field; blank when it carries none."""
    return (request.headers.get(HEADER) or request.POST.get(FIELD) or "").strip()


def clean_key(key):
    if key and not KEY_PATTERN.match(key):
        raise ValidationError(_("幂等键（Idempotency-Key）应为8至64位字母、数字、“-”或“_”，例如一个UUID。"))
    return key


def _replay(*, actor, key, kind):
    row = IdempotencyKey.objects.select_related("content_type").get(user=actor, key=key)
    if row.kind != kind:
        raise IdempotencyKeyConflict(
            _("该幂等键（Idempotency-Key）已用于提交另一类记录，请为每条新记录生成新的键。"), code="conflict"
        )
    try:
        record = row.content_type.get_object_for_this_type(pk=row.object_id)
    except ObjectDoesNotExist:
        raise IdempotencyKeyConflict(_("该幂等键对应的记录已不存在。"), code="conflict") from None
    return Outcome(record=record, replayed=True)


def idempotent_create(*, actor, key, kind, create):
    """Call create() once per (actor, key); a repeated key answers with the first record and creates nothing."""
    key = clean_key(key)
    if not key:
        return Outcome(record=create(), replayed=False)
    with transaction.atomic():
        try:
            with transaction.atomic():  # a savepoint: a failed insert leaves the transaction usable
                row = IdempotencyKey.objects.create(user=actor, key=key, kind=kind)
        except IntegrityError:
            return _replay(actor=actor, key=key, kind=kind)
        record = create()
        row.content_type = ContentType.objects.get_for_model(record)
        row.object_id = record.pk
        row.save(update_fields=["content_type", "object_id"])
    return Outcome(record=record, replayed=False)


def create_once(request, *, kind, create):
    """idempotent_create with the request's user and key (header or form field)."""
    return idempotent_create(actor=request.user, key=request_key(request), kind=kind, create=create)


def idempotency_keys_purge(*, now=None):
    """Delete the keys older than IDEMPOTENCY_KEY_DAYS; returns how many. The records they created stay."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.IDEMPOTENCY_KEY_DAYS)
    deleted, _by_model = IdempotencyKey.objects.filter(created_at__lt=cutoff).delete()
    return deleted
