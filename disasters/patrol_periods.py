"""The periods a risk point's patrols are counted in: a week (Monday to Sunday) in the flood season, a month
outside it; a period never runs across the season's first or last day, so each day belongs to one period."""

import calendar
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Season:
    year: int
    starts_on: datetime.date
    ends_on: datetime.date
    is_default: bool  # no FloodSeason row: settings.FLOOD_SEASON_DEFAULT


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date  # inclusive
    in_season: bool

    @property
    def label(self):
        kind = _("汛期（按周）") if self.in_season else _("非汛期（按月）")
        return f"{self.start.isoformat()}至{self.end.isoformat()} {kind}"

    def bounds(self):
        """[start, end) as aware datetimes at local midnight, for a range condition on patrolled_at."""
        zone = timezone.get_current_timezone()
        begin = datetime.datetime.combine(self.start, datetime.time.min, tzinfo=zone)
        after = datetime.datetime.combine(self.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
        return begin, after


def default_season(year):
    (m1, d1), (m2, d2) = settings.FLOOD_SEASON_DEFAULT
    return Season(year, datetime.date(year, m1, d1), datetime.date(year, m2, d2), True)


def flood_season(year):
    from disasters.models import FloodSeason

    row = FloodSeason.objects.filter(year=year).first()
    if row is None:
        return default_season(year)
    return Season(year, row.starts_on, row.ends_on, False)


def period_for(on, season=None):
    season = season or flood_season(on.year)
    if season.starts_on <= on <= season.ends_on:
        monday = on - datetime.timedelta(days=on.weekday())
        start = max(monday, season.starts_on)
        end = min(monday + datetime.timedelta(days=6), season.ends_on)
        return Period(start, end, True)
    start = on.replace(day=1)
    end = on.replace(day=calendar.monthrange(on.year, on.month)[1])
    if on < season.starts_on:
        end = min(end, season.starts_on - datetime.timedelta(days=1))
    else:
        start = max(start, season.ends_on + datetime.timedelta(days=1))
    return Period(start, end, False)


def previous_period(period):
    return period_for(period.start - datetime.timedelta(days=1))
