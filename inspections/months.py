"""Months as the bulletin and the penalty list take them: "2024-05" ↔ date(2024, 5, 1)."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MONTH_TEXT = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*$")


def parse_month(text):
    """The first day of the month that `text` names ("2024-05", "2024年5月"); a ValidationError otherwise."""
    match = MONTH_TEXT.match(text or "")
    if match:
        year, month = int(match[1]), int(match[2])
        if 2000 <= year <= 2100 and 1 <= month <= 12:
            return date(year, month, 1)
    raise ValidationError({"month": _("月份格式应为“年-月”，例如 2024-05。")})


def add_months(month, n):
    index = month.year * 12 + month.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def month_range(month):
    """(first day, first day of the next month): a half-open range for `__gte` / `__lt`."""
    return month, add_months(month, 1)


def month_text(month):
    return f"{month.year}-{month.month:02d}"


def month_label(month):
    return _("%(y)d年%(m)d月") % {"y": month.year, "m": month.month}
