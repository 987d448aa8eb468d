"""The date a figure is read for (?on=2024-06-30): today unless asked; never in the future, never before the
first plan the portal holds."""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _


def first_plan_day():
    from tasks.models import Plan

    year = Plan.objects.aggregate(first=Min("year"))["first"]
    return datetime.date(year, 1, 1) if year else None


def figure_date(raw, *, today=None):
    """The date of `raw` (YYYY-MM-DD, or empty for today), or ValidationError in the person's language."""
    today = today or timezone.localdate()
    if not raw:
        return today
    try:
        on = datetime.date.fromisoformat(raw.strip())
    except ValueError:
        raise ValidationError(_("日期格式应为“年-月-日”，例如 2024-06-30。"), code="invalid") from None
    if on > today:
        raise ValidationError(_("不能查看未来日期（%(day)s）的数据。") % {"day": on.isoformat()}, code="future")
    first = first_plan_day()
    if first is not None and on < first:
        message = _("%(day)s 早于平台中最早的工作要点（%(year)d年），没有数据。")
        raise ValidationError(message % {"day": on.isoformat(), "year": first.year}, code="before_plan")
    return on
