"""What is open and overdue for one unit, read from every registered deadline source: the hazards it must
rectify, the re-checks it owes, the measures it leads, its leaders' missing reports … whatever the apps have
registered, without this module knowing any of them.

A record counts for a unit when any of its source's unit paths (owner, lead) lies at or under the unit, so a
township's page includes its villages' hazards. Only records the person may see are counted: a source's
`visible_to`, or, for a source without one, only when the unit lies in the person's own subtrees.
"""

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Count, Q
from django.utils import timezone

from core.scoping import scope_for
from notifications.registry import SOURCES


@dataclass
class DeadlineItem:
    text: str
    url: str
    deadline: object


@dataclass
class DeadlineLine:
    key: str
    label: str
    open: int
    overdue: int
    overdue_items: list = field(default_factory=list)  # the most overdue first, at most `items`


def _unit_filter(source, unit):
    return reduce(or_, (Q(**{f"{path}__path__startswith": unit.path}) for path in source.units.values()))


def _records(source, *, user, unit):
    records = source.open_objects().filter(_unit_filter(source, unit))
    if source.visible_to is not None:
        return records.filter(pk__in=source.visible_to(user).values("pk"))
    return records if scope_for(user).sees_unit(unit.pk) else records.none()


def deadline_overview(*, user, unit, today=None, items=5):
    """One line per registered source that has open records for the unit (two queries a source at most)."""
    today = today or timezone.localdate()
    lines = []
    for source in SOURCES.values():
        if not source.units:
            continue
        records = _records(source, user=user, unit=unit)
        late = Q(**{f"{source.deadline_field}__lt": today})
        counts = records.aggregate(open=Count("pk"), overdue=Count("pk", filter=late))
        if not counts["open"]:
            continue
        line = DeadlineLine(source.key, str(source.label), counts["open"], counts["overdue"])
        if counts["overdue"]:
            oldest = records.filter(late).order_by(source.deadline_field, "pk")[:items]
            line.overdue_items = [
                DeadlineItem(source.describe(r), source.url(r), getattr(r, source.deadline_field)) for r in oldest
            ]
        lines.append(line)
    return lines
