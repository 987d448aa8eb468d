"""Reporting periods: a report covers one week, month or quarter, named by its first day."""

import calendar
from datetime import date, timedelta

from django.utils.translation import gettext as _

from tasks.choices import ReportFrequency


def period_start(day, frequency):
    if frequency == ReportFrequency.WEEKLY:
        return day - timedelta(days=day.weekday())
    if frequency == ReportFrequency.QUARTERLY:
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return day.replace(day=1)


def period_end(start, frequency):
    if frequency == ReportFrequency.WEEKLY:
        return start + timedelta(days=6)
    last_month = start.month + (2 if frequency == ReportFrequency.QUARTERLY else 0)
    return date(start.year, last_month, calendar.monthrange(start.year, last_month)[1])


def period_label(start, frequency):
    if frequency == ReportFrequency.WEEKLY:
        end = start + timedelta(days=6)
        return _("%(year)d年第%(week)d周（%(start)s—%(end)s）") % {
            "year": start.isocalendar()[0],
            "week": start.isocalendar()[1],
            "start": f"{start.month}月{start.day}日",
            "end": f"{end.month}月{end.day}日",
        }
    if frequency == ReportFrequency.QUARTERLY:
        return _("%(year)d年第%(quarter)d季度") % {"year": start.year, "quarter": (start.month - 1) // 3 + 1}
    return _("%(year)d年%(month)d月") % {"year": start.year, "month": start.month}


def _month_day(day):
    return _("%(month)d月%(day)d日") % {"month": day.month, "day": day.day}


def periods_between(first, last, frequency):
    """The starts of every period touching [first, last], oldest first."""
    start = period_start(first, frequency)
    while start <= last:
        yield start
        start = period_end(start, frequency) + timedelta(days=1)
