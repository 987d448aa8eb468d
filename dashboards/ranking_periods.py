"""The period a ranking covers: a month ("2024-05") or a quarter ("2024Q2"); never one that has not begun,
never one that ends before the first plan the portal holds."""

import calendar
import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from dashboards.dates import first_plan_day

MONTH = "month"
QUARTER = "quarter"
MONTH_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")
QUARTER_TEXT = re.compile(r"^(\d{4})\s*(?:-?\s*Q|年第?)\s*([1-4])\s*(?:季度?)?$", re.IGNORECASE)


@dataclass(frozen=True)
class RankingPeriod:
    kind: str  # MONTH or QUARTER
    first: date
    last: date

    @classmethod
    def month(cls, year, month):
        return cls(MONTH, date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))

    @classmethod
    def quarter(cls, year, quarter):
        last_month = 3 * quarter
        return cls(QUARTER, date(year, last_month - 2, 1), cls.month(year, last_month).last)

    @property
    def number(self):
        return self.first.month if self.kind == MONTH else (self.first.month - 1) // 3 + 1

    @property
    def text(self):
        """The value of ?period=: 2024-05 or 2024Q2."""
        if self.kind == MONTH:
            return f"{self.first.year}-{self.first.month:02d}"
        return f"{self.first.year}Q{self.number}"

    @property
    def label(self):
        if self.kind == MONTH:
            return _("%(year)d年%(month)d月") % {"year": self.first.year, "month": self.number}
        return _("%(year)d年第%(quarter)d季度") % {"year": self.first.year, "quarter": self.number}


def _parsed(raw):
    text = (raw or "").strip()
    if match := MONTH_TEXT.match(text):
        year, month = int(match[1]), int(match[2])
        if 2000 <= year <= 2100 and 1 <= month <= 12:
            return RankingPeriod.month(year, month)
    elif match := QUARTER_TEXT.match(text):
        year = int(match[1])
        if 2000 <= year <= 2100:
            return RankingPeriod.quarter(year, int(match[2]))
    message = _("统计周期应为月份（如 2024-05）或季度（如 2024Q2）。")
    raise ValidationError({"period": message}, code="invalid")


def ranking_period(raw, *, today=None):
    """The period `raw` names, or ValidationError {"period": …} in the person's language; empty → last month
    (this month while the first plan's first month runs)."""
    today = today or timezone.localdate()
    if not (raw or "").strip():
        return default_period(today)
    period = _parsed(raw)
    if period.first > today:
        message = _("%(period)s 尚未开始，不能查看未来的排名。") % {"period": period.label}
        raise ValidationError({"period": message}, code="future")
    first = first_plan_day()
    if first is not None and period.last < first:
        message = _("%(period)s 早于平台中最早的工作要点（%(year)d年），没有数据。")
        raise ValidationError({"period": message % {"period": period.label, "year": first.year}}, code="before_plan")
    return period


def default_period(today):
    this_month = RankingPeriod.month(today.year, today.month)
    previous = today.replace(day=1).toordinal() - 1
    last_month = date.fromordinal(previous)
    first = first_plan_day()
    if first is not None and last_month < first:
        return this_month
    return RankingPeriod.month(last_month.year, last_month.month)


def ranking_kind(raw):
    """township (the default) or department; ValidationError {"kind": …} otherwise."""
    from core.choices import OrgUnitKind

    value = (raw or "").strip() or OrgUnitKind.TOWNSHIP
    if value not in (OrgUnitKind.TOWNSHIP, OrgUnitKind.DEPARTMENT):
        message = _("排名对象应为 township（乡镇、街道）或 department（县级部门）。")
        raise ValidationError({"kind": message}, code="invalid")
    return OrgUnitKind(value)


def ranking_params(query, *, today=None):
    """(kind, period) from a request's query (?kind=…&period=…); ValidationError naming the bad one."""
    return ranking_kind(query.get("kind")), ranking_period(query.get("period"), today=today)
