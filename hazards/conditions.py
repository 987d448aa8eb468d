"""Derived conditions of a hazard as Q objects: how long it has been open, and which part of a unit's score it
counts in. The filters, the counts and the scores use the same ones, so a number and the list behind it agree."""

import datetime

from django.db.models import F, Q

from core.days import day_end
from hazards.choices import AGE_BUCKET_DAYS, HazardSource, HazardStatus, ScorePart

OPEN = ~Q(status=HazardStatus.CLOSED)


def age_q(bucket, today):
    """Open hazards whose age (today − found_on, in days) falls in the bucket."""
    fewest, most = AGE_BUCKET_DAYS[bucket]
    condition = OPEN
    if most is not None:
        condition &= Q(found_on__gte=today - datetime.timedelta(days=most))
    if fewest is not None:
        condition &= Q(found_on__lte=today - datetime.timedelta(days=fewest))
    return condition


def overdue_q(today):
    """Still open after its deadline, or closed (on the local calendar) after it."""
    return (OPEN & Q(deadline__lt=today)) | Q(status=HazardStatus.CLOSED, closed_at__date__gt=F("deadline"))


def score_part_q(part, today):
    return {
        ScorePart.SELF_FOUND: Q(source=HazardSource.SELF_REPORTED),
        ScorePart.BY_OTHERS: ~Q(source=HazardSource.SELF_REPORTED),
        ScorePart.ON_TIME: Q(status=HazardStatus.CLOSED, closed_at__date__lte=F("deadline")),
        ScorePart.OVERDUE: overdue_q(today),
    }[ScorePart(part)]


def open_on_q(day):
    """Found by `day` and not closed by its end (on the local calendar): the problem list as it stood then."""
    return Q(found_on__lte=day) & (Q(closed_at__isnull=True) | Q(closed_at__gte=day_end(day)))
