"""动态清零: how many 重大事故隐患 were open at each month end, derived from found_on and closed_at (no snapshots
are kept), and the bars that draw it."""

import calendar
import datetime
from dataclasses import dataclass

from django.db.models import Count, Q

from hazards.choices import HazardLevel
from hazards.models import Hazard


@dataclass
class MonthPoint:
    day: datetime.date  # the month's last day, or today for the current month
    count: int
    x: float = 0
    y: float = 0
    height: float = 0


def month_ends(today, months=12):
    """The last day of each of the `months` months up to this one, oldest first; this month ends today."""
    ends = []
    year, month = today.year, today.month
    for _ in range(months):
        last = datetime.date(year, month, calendar.monthrange(year, month)[1])
        ends.append(min(last, today))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return ends[::-1]


def major_open_series(*, user, today, months=12):
    """Open major hazards at each month end, in one query."""
    ends = month_ends(today, months)
    open_at = {
        f"m{i}": Count("pk", filter=Q(found_on__lte=end) & (Q(closed_at=None) | Q(closed_at__date__gt=end)))
        for i, end in enumerate(ends)
    }
    counts = Hazard.objects.visible_to(user).filter(level=HazardLevel.MAJOR).aggregate(**open_at)
    return [MonthPoint(day=end, count=counts[f"m{i}"]) for i, end in enumerate(ends)]


def with_bars(points, *, width=360, height=120, gap=6, label_room=16):
    """Place each point's bar in a width × height SVG (room above each bar for its number)."""
    tallest = max((p.count for p in points), default=0) or 1
    step = width / max(len(points), 1)
    for i, point in enumerate(points):
        point.height = round((height - label_room) * point.count / tallest, 1)
        point.x = round(i * step + gap / 2, 1)
        point.y = round(height - point.height, 1)
    return {"points": points, "width": width, "height": height, "bar_width": round(step - gap, 1)}
