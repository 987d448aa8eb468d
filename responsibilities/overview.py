"""The duty overview (履职总览): for a unit and for a leader, what they are responsible for, what is open and
what is overdue, read from the plan's measures and from every app's registered deadlines."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from core.models import Enterprise, OrgUnit
from notifications.overview import deadline_overview
from responsibilities.duty_selectors import duty_list_detail_queryset, duty_report_queryset
from responsibilities.models import DutyList, DutyReportStatus, Leader, SectorSupervision
from responsibilities.models.duties import duty_report_due
from tasks.choices import MeasureStatus
from tasks.selectors import measure_queryset

OVERDUE_MEASURES_SHOWN = 10


@dataclass
class MeasureCounts:
    total: int = 0
    done: int = 0
    overdue: int = 0
    behind: int = 0

    @property
    def open(self):
        return self.total - self.done


def _measure_counts(measures):
    totals = measures.aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(status=MeasureStatus.DONE)),
        overdue=Count("pk", filter=Q(status=MeasureStatus.OVERDUE)),
        behind=Count("pk", filter=Q(status=MeasureStatus.BEHIND)),
    )
    return MeasureCounts(**totals)


@dataclass
class UnitOverview:
    unit: OrgUnit
    measures: MeasureCounts
    sectors: list
    leaders: list
    enterprise_count: int
    deadlines: list = field(default_factory=list)

    @property
    def overdue_total(self):
        return sum(line.overdue for line in self.deadlines)


def unit_overview(*, user, unit, today=None):
    today = today or timezone.localdate()
    measures = measure_queryset(user=user, today=today).filter(Q(owner_unit=unit) | Q(lead_unit=unit))
    territory = Q(township__path__startswith=unit.path) | Q(supervising_department=unit)
    sectors = SectorSupervision.objects.filter(department=unit).order_by("sector")
    return UnitOverview(
        unit=unit,
        measures=_measure_counts(measures),
        sectors=[s.get_sector_display() for s in sectors],
        leaders=list(Leader.objects.visible_to(user).filter(unit=unit, is_active=True)),
        enterprise_count=Enterprise.objects.visible_to(user).filter(territory).count(),
        deadlines=deadline_overview(user=user, unit=unit, today=today),
    )


@dataclass
class DutyLine:
    duty: object
    work_items: list  # (work item, MeasureCounts)
    key_actions: list  # (key action, MeasureCounts)


@dataclass
class ReportLine:
    half: int
    due: object
    report: object  # None when not written
    missing: bool  # due date passed with nothing submitted


@dataclass
class LeaderOverview:
    leader: Leader
    year: int
    lists: list  # (duty list, [DutyLine])
    measures: MeasureCounts
    overdue_measures: list
    reports: list


def _grouped_counts(measures, field_name):
    rows = measures.values(field_name).annotate(
        total=Count("pk"),
        done=Count("pk", filter=Q(status=MeasureStatus.DONE)),
        overdue=Count("pk", filter=Q(status=MeasureStatus.OVERDUE)),
        behind=Count("pk", filter=Q(status=MeasureStatus.BEHIND)),
    )
    return {row.pop(field_name): MeasureCounts(**row) for row in rows}


def _report_lines(*, user, leader, year, today):
    written = {r.half: r for r in duty_report_queryset(user=user).filter(leader=leader, year=year)}
    lines = []
    for half in (1, 2):
        report, due = written.get(half), duty_report_due(year, half)
        sent = report is not None and report.status in (DutyReportStatus.SUBMITTED, DutyReportStatus.REVIEWED)
        lines.append(ReportLine(half, due, report, missing=due < today and not sent))
    return lines


def leader_years(*, user, leader):
    """The years of the leader's duty lists, newest first."""
    lists = DutyList.objects.visible_to(user).filter(leader=leader)
    return list(lists.order_by("-year").values_list("year", flat=True).distinct())


def leader_overview(*, user, leader, year, today=None):
    """The leader's duty lists of the year, each duty with the measures of the work items and key actions it
    covers (as many as the person may see); their open and overdue measures; the year's two reports."""
    today = today or timezone.localdate()
    lists = list(duty_list_detail_queryset(user=user).filter(leader=leader, year=year).order_by("kind"))
    duties = [d for dl in lists for d in dl.duties.all()]
    item_ids = {w.pk for d in duties for w in d.work_items.all()}
    action_ids = {k.pk for d in duties for k in d.key_actions.all()}
    measures = measure_queryset(user=user, today=today).filter(Q(work_item__in=item_ids) | Q(key_action__in=action_ids))
    by_item = _grouped_counts(measures.filter(work_item__in=item_ids), "work_item")
    by_action = _grouped_counts(measures.filter(key_action__in=action_ids), "key_action")

    def line(duty):
        items = [(w, by_item.get(w.pk, MeasureCounts())) for w in duty.work_items.all()]
        actions = [(k, by_action.get(k.pk, MeasureCounts())) for k in duty.key_actions.all()]
        return DutyLine(duty, items, actions)

    overdue = measures.filter(status=MeasureStatus.OVERDUE).order_by("deadline", "pk")
    return LeaderOverview(
        leader=leader,
        year=year,
        lists=[(dl, [line(d) for d in dl.duties.all()]) for dl in lists],
        measures=_measure_counts(measures),
        overdue_measures=list(overdue[:OVERDUE_MEASURES_SHOWN]),
        reports=_report_lines(user=user, leader=leader, year=year, today=today),
    )
