"""Local calendar days as instants: a condition on a timestamp against a day compares with the day's end
instant instead of casting every row's timestamp to a local date (which no index can serve)."""

import datetime

from django.utils import timezone


def day_end(day):
    """The first instant after `day` on the local calendar (its next midnight, local time)."""
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min))


def day_start(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
