"""The period a bulletin covers: a month ("2024-05") or a quarter ("2024-Q2"), held as its first day."""

import re
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from dashboards.bulletin_choices import BulletinKind
from inspections.months import add_months, month_label, parse_month

QUARTER_TEXT = re.compile(r"^\s*(\d{4})\s*[-/.年]?\s*(?:Q|q|第)?\s*([1-4一二三四])\s*(?:季度)?\s*$")
QUARTER_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4}
QUARTER_NAMES = {1: "一", 2: "二", 3: "三", 4: "四"}


def parse_period(kind, text):
    """The first day of the month or quarter `text` names; ValidationError with the expected form otherwise."""
    if kind == BulletinKind.MONTHLY:
        try:
            return parse_month(text)
        except ValidationError:
            raise ValidationError(_("月度通报的期间应为“年-月”，例如 2024-05。"), code="period") from None
    match = QUARTER_TEXT.match(text or "")
    if match and 2000 <= int(match[1]) <= 2100:
        quarter = QUARTER_DIGITS.get(match[2]) or int(match[2])
        return date(int(match[1]), 3 * quarter - 2, 1)
    raise ValidationError(_("季度通报的期间应为“年-Q季度”，例如 2024-Q2。"), code="period")


def period_months(kind, start):
    """The first days of the months the period spans."""
    count = 1 if kind == BulletinKind.MONTHLY else 3
    return [add_months(start, n) for n in range(count)]


def period_end(kind, start):
    return add_months(period_months(kind, start)[-1], 1) - timedelta(days=1)


def period_label(kind, start):
    if kind == BulletinKind.MONTHLY:
        return month_label(start)
    quarter = (start.month - 1) // 3 + 1
    return _("%(y)d年第%(q)s季度") % {"y": start.year, "q": QUARTER_NAMES[quarter]}


def period_text(kind, start):
    """The form's spelling of a period: 2024-05 or 2024-Q2."""
    if kind == BulletinKind.MONTHLY:
        return f"{start.year}-{start.month:02d}"
    return f"{start.year}-Q{(start.month - 1) // 3 + 1}"


def month_ends(kind, start, *, today):
    """The date each month of the period is read on: its last day, or today for the month under way; months
    that have not begun are left out."""
    ends = []
    for month in period_months(kind, start):
        if month > today:
            break
        ends.append(min(add_months(month, 1) - timedelta(days=1), today))
    return ends
