"""Incremental sync for external systems: `?updated_after=<ISO 8601 date-time>` on every list whose records
carry `updated_at` (core.models.TimeStampedModel).

Given, the list holds the records changed strictly after that moment, oldest change first, ordered by
(updated_at, id) so that paging through a long answer neither skips nor repeats a row. A client keeps the
largest `updated_at` it has stored and asks again from there. A write commits a little after it stamps
`updated_at`, so a client should ask from a minute or so before its mark and treat records by `id` as
upserts. A time without an offset is read in the portal's time zone (Asia/Shanghai); `+08:00` may be sent
unescaped (a `+` in a query string arrives as a space, which is read back as `+`).
"""

import re
from datetime import UTC

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend

PARAM = "updated_after"
_SPACED_OFFSET = re.compile(r"([ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}:?\d{2})$")


def parse_updated_after(raw):
    value = _SPACED_OFFSET.sub(r"\1+\2", raw.strip())
    try:
        moment = parse_datetime(value)
    except ValueError:
        moment = None
    if moment is not None:
        moment = timezone.make_aware(moment) if timezone.is_naive(moment) else moment
        try:  # in UTC: PostgreSQL takes offsets up to ±15:59 only, Python up to ±23:59
            return moment.astimezone(UTC)
        except OverflowError:  # 0001-01-01T00:00+08:00 falls before year 1
            pass
    message = _("“%(value)s”不是有效的时间，请使用 ISO 8601 格式，如 2024-06-01T08:00:00+08:00。")
    raise ValidationError({PARAM: [message % {"value": raw}]})


def has_updated_at(model):
    return any(f.name == "updated_at" for f in model._meta.concrete_fields)


def _is_list(view):
    if getattr(view, "action", "list") not in ("list", None):
        return False
    lookup = getattr(view, "lookup_url_kwarg", None) or getattr(view, "lookup_field", None)
    return lookup not in (getattr(view, "kwargs", None) or {})


class UpdatedAfterFilter(BaseFilterBackend):
    """`updated_after` on list views (not on a record's own URL, nor on custom actions)."""

    def filter_queryset(self, request, queryset, view):
        raw = request.query_params.get(PARAM, "")
        if not raw.strip() or not _is_list(view) or not has_updated_at(queryset.model):
            return queryset
        moment = parse_updated_after(raw)
        return queryset.filter(updated_at__gt=moment).order_by("updated_at", "pk")

    def get_schema_operation_parameters(self, view):
        try:
            model = view.get_queryset().model
        except Exception:  # a view the schema generator cannot build a queryset for: no parameter
            return []
        if not _is_list(view) or not has_updated_at(model):
            return []
        return [
            {
                "name": PARAM,
                "required": False,
                "in": "query",
                "description": "增量同步：只返回此时间之后有变动的记录，按 (updated_at, id) 升序。"
                "ISO 8601 时间，如 2024-06-01T08:00:00+08:00；无时区时按 Asia/Shanghai。格式错误返回 400。",
                "schema": {"type": "string", "format": "date-time"},
            }
        ]
