"""Demo patrols: the 2024 flood season and a few patrols of the demo risk points (demo/disasters.py makes the
points; without them this loads only the season). Written through the services, dated back from today, so the
missing-patrols page shows points that are up to date and points that are behind."""

import datetime

from django.utils import timezone

from core.models import User
from disasters import patrol_services
from disasters.models import FloodSeason, Patrol, RiskPoint
from disasters.patrol_periods import period_for

# (days ago, hour, kind, situation, findings, measures)
PATROLS = [
    (1, 9, "in_season", "normal", "", ""),
    (3, 16, "after_rain", "normal", "", ""),
    (9, 10, "in_season", "abnormal", "后缘新增一条拉张裂缝，长约3米（演示）", "已设置警示牌，告知下方住户注意观察"),
    (40, 9, "pre_season", "normal", "", ""),
]


def load_patrols(loader):
    admin = User.objects.get(username="county_admin")
    if not FloodSeason.objects.filter(year=2024).exists():
        patrol_services.flood_season_set(
            actor=admin, year=2024, starts_on=datetime.date(2024, 5, 1), ends_on=datetime.date(2024, 9, 30)
        )
        loader.counter["created"] += 1
    if not RiskPoint.objects.exists():
        return  # the demo risk points are not loaded (yet)
    points = list(RiskPoint.objects.active().filter(code__startswith="500231").order_by("code")[:6])
    now = timezone.localtime()
    routine = "in_season" if period_for(now.date()).in_season else "routine"
    for index, point in enumerate(points[:4]):  # the last two points have no patrols: behind
        if Patrol.objects.filter(risk_point=point).exists():
            continue
        for days, hour, kind, situation, findings, measures in PATROLS[index % 2 :]:
            at = (now - datetime.timedelta(days=days)).replace(hour=hour, minute=30, second=0, microsecond=0)
            patrol_services.patrol_record(
                actor=admin,
                risk_point=point,
                kind=routine if kind == "in_season" else kind,
                patrolled_at=min(at, now),
                findings=findings,
                situation=situation,
                measures=measures,
                patroller_name=point.monitor_name,
            )
            loader.counter["created"] += 1
