"""Reads of 日周月排查, scoped to the person asking; the pages and the API share them.

A missed check is derived, never stored: an assignment's due periods (hazards.cadence.due_periods) less the
periods that have a SelfInspection. Two queries whatever the number of enterprises.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, Q

from core.models import Enterprise
from hazards.cadence import due_periods, period_label, period_start
from hazards.filtersets_inspection import EnterpriseChecklistFilterSet
from hazards.models import Checklist, EnterpriseChecklist, SelfInspection, SelfInspectionFinding


def self_inspection_queryset(*, user):
    return (
        SelfInspection.objects.visible_to(user)
        .select_related("enterprise__township", "enterprise__supervising_department", "checklist", "performed_by")
        .prefetch_related(
            Prefetch("findings", queryset=SelfInspectionFinding.objects.select_related("item", "hazard").order_by("pk"))
        )
    )


def assignment_queryset(*, user):
    return (
        EnterpriseChecklist.objects.visible_to(user)
        .filter(checklist__is_active=True)
        .select_related("enterprise__township", "enterprise__supervising_department", "checklist")
        .order_by("enterprise__name", "checklist__name", "pk")
    )


def assignment_list(*, user, filters=None):
    return EnterpriseChecklistFilterSet(filters, queryset=assignment_queryset(user=user))


@dataclass
class CheckStatus:
    """Where one enterprise stands with one checklist."""

    assignment: EnterpriseChecklist
    missed: list = field(default_factory=list)  # starts of the due periods with no check, newest first
    last_performed_on: date | None = None
    last_inspection_id: int | None = None
    current_done: bool = False  # the period still running already has its check

    @property
    def enterprise(self):
        return self.assignment.enterprise

    @property
    def checklist(self):
        return self.assignment.checklist

    @property
    def missed_count(self):
        return len(self.missed)

    def missed_labels(self, limit=None):
        return [period_label(start, self.checklist.cadence) for start in self.missed[:limit]]

    @property
    def recent_missed_labels(self):
        return self.missed_labels(limit=5)


def check_statuses(assignments, *, today):
    """A CheckStatus for each assignment, with one query for the checks of all of them."""
    assignments = list(assignments)
    if not assignments:
        return []
    done, last = defaultdict(set), {}
    # enterprises × checklists may fetch a few checks of pairs not assigned; they are simply not looked at.
    rows = SelfInspection.objects.filter(
        enterprise_id__in={a.enterprise_id for a in assignments},
        checklist_id__in={a.checklist_id for a in assignments},
    ).values_list("enterprise_id", "checklist_id", "period_start", "performed_on", "pk")
    for enterprise_id, checklist_id, start, performed_on, pk in rows:
        key = (enterprise_id, checklist_id)
        done[key].add(start)
        if key not in last or (performed_on, pk) > last[key]:
            last[key] = (performed_on, pk)
    statuses = []
    for a in assignments:
        key = (a.enterprise_id, a.checklist_id)
        due = due_periods(a.since, today, a.checklist.cadence)
        missed = sorted((start for start in due if start not in done[key]), reverse=True)
        performed_on, pk = last.get(key, (None, None))
        current = period_start(today, a.checklist.cadence) in done[key]
        statuses.append(CheckStatus(a, missed, performed_on, pk, current))
    return statuses


def missed_among(assignments, *, today):
    return [status for status in check_statuses(assignments, today=today) if status.missed]


def missed_checks(*, user, today, filters=None):
    """The assignments the person may see that have a due period with no check, each with those periods."""
    filterset = assignment_list(user=user, filters={} if filters is None else filters)  # None: an unbound set
    return missed_among(filterset.qs if filterset.is_valid() else filterset.queryset.none(), today=today)


def enterprise_self_inspections(*, user, enterprise, today, recent=10):
    """What the enterprise page shows: its checklists with their missed periods, and its latest checks."""
    assignments = assignment_queryset(user=user).filter(enterprise=enterprise)
    inspections = self_inspection_queryset(user=user).filter(enterprise=enterprise)[:recent]
    return {"statuses": check_statuses(assignments, today=today), "recent": list(inspections)}


def recordable_checklists(*, enterprise):
    """The checklists offered when recording for an enterprise: its own first, then those of its sector and
    the general ones."""
    assigned = set(enterprise.checklist_assignments.values_list("checklist_id", flat=True))
    checklists = Checklist.objects.filter(is_active=True).filter(
        Q(pk__in=assigned) | Q(sector=enterprise.sector) | Q(sector="")
    )
    return sorted(checklists, key=lambda c: (c.pk not in assigned, c.name))


def enterprise_queryset(*, user):
    return Enterprise.objects.visible_to(user).select_related("township", "supervising_department")
