"""The closed loop of a hazard: 待交办 → 整改中 → 待验收 → 已销号, and 待验收 → 整改中 (退回).

`hazard_transition` is the one way a status changes: it locks the row, checks the move against TRANSITIONS
and the actor's part in it, applies the move's own rules, writes a HazardEvent (who, when, from, to, why,
files) and, after commit, tells the listeners (hazard_event_committed) so reminders can go out.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.evidence import evidence_attach
from hazards.choices import EventKind, EvidenceStage, HazardStatus
from hazards.models import Hazard, HazardEvent, HazardEvidence
from hazards.permissions import is_supervisor, is_territory
from hazards.signals import hazard_event_committed, hazard_events_committed

S = HazardStatus
TERRITORY, SUPERVISOR = "territory", "supervisor"

# (from, to): (who may make the move, its name, whether a comment is required)
TRANSITIONS = {
    (S.PENDING, S.RECTIFYING): (SUPERVISOR, _("交办"), False),
    (S.RECTIFYING, S.VERIFYING): (TERRITORY, _("提交整改"), False),
    (S.VERIFYING, S.CLOSED): (SUPERVISOR, _("验收销号"), False),
    (S.VERIFYING, S.RECTIFYING): (SUPERVISOR, _("退回整改"), True),
}
ACTOR_CHECKS = {TERRITORY: is_territory, SUPERVISOR: is_supervisor}
REFUSALS = {
    TERRITORY: _("只有属地单位可以提交整改。"),
    SUPERVISOR: _("只有行业监管部门或安委办可以交办、验收和退回。"),
}


def allowed_moves(user, hazard):
    """The moves this person may offer on this hazard's page."""
    return [
        (to, name)
        for (frm, to), (who, name, _c) in TRANSITIONS.items()
        if frm == hazard.status and ACTOR_CHECKS[who](user, hazard)
    ]


def attach_files(hazard, event, files, stage, actor):
    evidence_attach(HazardEvidence, files, actor=actor, hazard=hazard, event=event, stage=stage)


def record_event(hazard, **fields):
    event = HazardEvent.objects.create(hazard=hazard, **fields)
    transaction.on_commit(lambda: hazard_event_committed.send(sender=HazardEvent, event=event))
    return event


def record_events(events):
    """Many unsaved events in one insert; the listeners hear of them together (hazard_events_committed)."""
    HazardEvent.objects.bulk_create(events)
    transaction.on_commit(lambda: hazard_events_committed.send(sender=HazardEvent, events=events))
    return events


def _check_close(hazard, actor, files):
    if not files and not hazard.evidence.filter(stage=EvidenceStage.AFTER).exists():
        raise ValidationError({"files": _("销号前必须有整改后的佐证材料（照片或文件）。")})
    rectified = hazard.events.filter(to_status=S.VERIFYING).order_by("-at", "-pk").first()
    if rectified is not None and rectified.actor_id == actor.pk:
        raise ValidationError({"to": _("不能验收自己提交的整改，请由其他人员验收。")})


@transaction.atomic
def hazard_transition(*, hazard, to, actor, comment="", files=()):
    hazard = Hazard.objects.select_for_update(of=("self",)).select_related("territory").get(pk=hazard.pk)
    move = TRANSITIONS.get((hazard.status, to))
    if move is None:
        target = S(to).label if to in S.values else to
        raise ValidationError(
            {"to": _("隐患不能从“%(from)s”变为“%(to)s”。") % {"from": hazard.get_status_display(), "to": target}}
        )
    who, name, needs_comment = move
    if not ACTOR_CHECKS[who](actor, hazard):
        raise PermissionDenied(REFUSALS[who])
    if needs_comment and not (comment or "").strip():
        raise ValidationError({"comment": _("“%(move)s”必须说明理由。") % {"move": name}})
    if to == S.CLOSED:
        _check_close(hazard, actor, files)
    event = record_event(
        hazard,
        kind=EventKind.TRANSITION,
        from_status=hazard.status,
        to_status=to,
        actor=actor,
        comment=(comment or "").strip(),
    )
    attach_files(hazard, event, files, EvidenceStage.AFTER, actor)
    hazard.status = to
    hazard.closed_at = timezone.now() if to == S.CLOSED else None
    hazard.save(update_fields=["status", "closed_at", "updated_at"])
    return hazard
