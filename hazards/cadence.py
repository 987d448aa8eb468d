"""The periods of 日周月排查: a day, a week from Monday, or a calendar month, each named by its first day.

tasks.periods names reporting periods the same way, but it has no daily period and hazards does not import
from a neighbouring domain app.
"""

from datetime import timedelta

from django.utils.translation import gettext as _

from hazards.choices import Cadence


def period_start(day, cadence):
    if cadence == Cadence.DAILY:
        return day
    if cadence == Cadence.WEEKLY:
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def next_period_start(start, cadence):
    if cadence == Cadence.DAILY:
        return start + timedelta(days=1)
    if cadence == Cadence.WEEKLY:
        return start + timedelta(days=7)
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1)


def period_end(start, cadence):
    return next_period_start(start, cadence) - timedelta(days=1)


def period_label(start, cadence):
    if cadence == Cadence.DAILY:
        return _("%(year)d年%(month)d月%(day)d日") % {"year": start.year, "month": start.month, "day": start.day}
    if cadence == Cadence.WEEKLY:
        end = period_end(start, cadence)
        year, week, _weekday = start.isocalendar()
        return _("%(year)d年第%(week)d周（%(start)s—%(end)s）") % {
            "year": year,
            "week": week,
            "start": _("%(month)d月%(day)d日") % {"month": start.month, "day": start.day},
            "end": _("%(month)d月%(day)d日") % {"month": end.month, "day": end.day},
        }
    return _("%(year)d年%(month)d月") % {"year": start.year, "month": start.month}


def due_periods(since, today, cadence):
    """The starts of the periods a check was due in: those beginning on or after `since` (a duty that starts
    mid-week is due from the next week) and already over by `today` (the current one may still be done)."""
    start = period_start(since, cadence)
    if start < since:
        start = next_period_start(start, cadence)
    current = period_start(today, cadence)
    while start < current:
        yield start
        start = next_period_start(start, cadence)
