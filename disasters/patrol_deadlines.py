"""Patrols for the reminder engine: the weekly digest counts the risk points that fell short of their cadence."""

import datetime

from django.utils.translation import gettext as _

from notifications.registry import WeeklySummary, register_summary


def register_patrol_deadlines():
    register_summary(WeeklySummary(key="patrol", counts=weekly_patrol_counts))


def last_complete_period(week_start):
    """The latest period ended before the digest's Monday: last week in the flood season; outside it the last
    whole month (a week or a month still running would show every point behind on a Monday morning)."""
    from disasters.patrol_periods import period_for

    period = period_for(week_start - datetime.timedelta(days=1))
    while period.end >= week_start:
        period = period_for(period.start - datetime.timedelta(days=1))
    return period


def weekly_patrol_counts(*, user, week_start, today):
    """本周未按要求巡查的隐患点: active points the person may see, behind in the last complete period."""
    from django.db.models import Count, Q

    from disasters.models import RiskPoint
    from disasters.patrol_selectors import cadence_points

    period = last_complete_period(week_start)
    totals = cadence_points(RiskPoint.objects.visible_to(user), period).aggregate(
        points=Count("pk"), behind=Count("pk", filter=Q(missing__gt=0))
    )
    if not totals["points"]:
        return []  # nobody's risk points: no line about them
    label = _("未按要求巡查的隐患点（%(start)s至%(end)s）") % {
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
    }
    return [(label, totals["behind"])]
