"""The ladder for an overdue hazard: 整改通知 the day after its deadline, a 督办函 from the county office
HAZARD_LETTER_DAYS after it and a 通报 HAZARD_BULLETIN_DAYS after it. Each step is a HazardEvent, and the unique
(hazard, step) constraint makes the daily sweep idempotent: running it twice, or after a missed day, adds each
step once."""

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _

from hazards.choices import EscalationStep, EventKind
from hazards.models import Hazard, HazardEvent
from hazards.signals import hazard_event_committed

# Two sweeps at once would each re-read the other's rows as their own; this key serialises them.
SWEEP_LOCK = 0x48415A01


def ladder():
    """(step, days after the deadline from which it is due), read when the sweep runs."""
    return [
        (EscalationStep.NOTICE, 1),
        (EscalationStep.LETTER, settings.HAZARD_LETTER_DAYS),
        (EscalationStep.BULLETIN, settings.HAZARD_BULLETIN_DAYS),
    ]


def _comment(step, days, deadline):
    action = {
        EscalationStep.NOTICE: _("下发整改通知"),
        EscalationStep.LETTER: _("安委办发出督办函"),
        EscalationStep.BULLETIN: _("予以通报"),
    }[step]
    return _("已逾期%(days)d天（整改期限%(deadline)s），%(action)s。") % {
        "days": days,
        "deadline": deadline.isoformat(),
        "action": action,
    }


def _due_events(today):
    steps = ladder()
    overdue = Hazard.objects.open().filter(deadline__lt=today).values_list("pk", "deadline")
    with translation.override(settings.LANGUAGE_CODE):  # the comment is stored, not shown to one reader
        return [
            HazardEvent(
                hazard_id=pk,
                kind=EventKind.ESCALATION,
                step=step,
                actor=None,
                comment=_comment(step, (today - deadline).days, deadline),
            )
            for pk, deadline in overdue
            for step, days in steps
            if (today - deadline).days >= days
        ]


def _announce(events):
    for event in events:
        hazard_event_committed.send(sender=HazardEvent, event=event)


@transaction.atomic
def escalate_overdue(*, today):
    """Add every step each open, overdue hazard has reached by `today`; returns the events added."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SWEEP_LOCK])
    watermark = HazardEvent.objects.aggregate(last=Max("pk"))["last"] or 0
    HazardEvent.objects.bulk_create(_due_events(today), ignore_conflicts=True)
    # With ignore_conflicts the rows come back without keys: the new ones are those above the watermark.
    created = list(
        HazardEvent.objects.filter(pk__gt=watermark, kind=EventKind.ESCALATION)
        .exclude(step="")
        .select_related("hazard")
        .order_by("pk")
    )
    transaction.on_commit(lambda: _announce(created))
    return created
