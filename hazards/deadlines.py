"""Hazard deadlines for the reminder engine, and the escalation ladder's steps sent as messages."""

from django.db.models import Q
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications.registry import DeadlineSource, WeeklySummary, register, register_event_source, register_summary


def open_hazards():
    from hazards.models import Hazard

    return Hazard.objects.open().select_related("territory")


def visible_hazards(user):
    from hazards.models import Hazard

    return Hazard.objects.visible_to(user)


def register_deadlines():
    register(
        DeadlineSource(
            key="hazard",
            label=gettext_lazy("隐患整改"),
            open_objects=open_hazards,
            deadline_field="deadline",
            units={"owner": "territory", "lead": "supervising_department"},
            describe=lambda h: f"{h.number} {h.title}",
            url=lambda h: reverse("hazards:detail", args=[h.pk]),
            visible_to=visible_hazards,
            related_keys=("hazard_escalation",),
        )
    )
    register_event_source("hazard_escalation", gettext_lazy("隐患逾期升级"))
    register_summary(WeeklySummary(key="hazard", counts=weekly_hazard_counts))


def weekly_hazard_counts(*, user, week_start, today):
    """Open hazards the person may see that are past their deadline to rectify."""
    from hazards.selectors import hazard_queryset

    return [(_("逾期未整改的隐患"), hazard_queryset(user=user).open().filter(deadline__lt=today).count())]


def _escalation_recipients(hazard):
    """The heads over the hazard's territory, its supervising department's head, and the county office."""
    from core.choices import Role
    from core.models import Membership

    over_territory = Q(unit__path__in=_ancestor_paths(hazard.territory.path), role=Role.TOWNSHIP_HEAD)
    supervisor = Q(unit_id=hazard.supervising_department_id, role=Role.DEPT_HEAD)
    county = Q(role=Role.COUNTY_ADMIN)
    return Membership.objects.filter(over_territory | supervisor | county, user__is_active=True).values_list(
        "user_id", flat=True
    )


def _ancestor_paths(path):
    codes = path.strip("/").split("/")
    return ["/".join(codes[: i + 1]) + "/" for i in range(len(codes))]


def escalation_sent(sender, event, **kwargs):
    from hazards.choices import EventKind
    from notifications.outbox import notify_once

    if event.kind != EventKind.ESCALATION:
        return
    hazard = event.hazard
    step_number = {"notice": 1, "letter": 2, "bulletin": 3}.get(event.step, 0)
    notify_once(
        source="hazard_escalation",
        object_id=hazard.pk,
        deadline=hazard.deadline,
        step=step_number,
        user_ids=list(_escalation_recipients(hazard)),
        title=_("【%(step)s】%(number)s %(title)s")
        % {"step": event.get_step_display(), "number": hazard.number, "title": hazard.title},
        body=event.comment,
        url=reverse("hazards:detail", args=[hazard.pk]),
    )


def connect():
    from hazards.signals import hazard_event_committed

    receiver(hazard_event_committed)(escalation_sent)
