"""The plan's completion on a date: its measures by status and colour, by system, work item and key action,
the units with overdue measures, and the quantitative targets against their figures."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from dashboards.figures.base import BreakdownRow, Figure, TargetRow
from tasks.choices import MeasureStatus, SupervisionColour
from tasks.models import Plan
from tasks.selectors import measure_queryset, target_progress

STATUS_KEYS = ("done", "in_progress", "behind", "overdue", "not_started")
COLOURS = (SupervisionColour.RED, SupervisionColour.YELLOW, SupervisionColour.BLUE)


@dataclass
class PlanFigures:
    year: int | None
    measures: list = field(default_factory=list)  # Figure: total and one per status
    colours: list = field(default_factory=list)  # Figure: red, yellow, blue
    systems: list = field(default_factory=list)  # BreakdownRow
    work_items: list = field(default_factory=list)
    key_actions: list = field(default_factory=list)
    overdue_by_unit: list = field(default_factory=list)
    targets: list = field(default_factory=list)  # TargetRow


def _by_status():
    counts = {"total": Count("pk")}
    counts.update({key: Count("pk", filter=Q(status=MeasureStatus(key))) for key in STATUS_KEYS})
    counts.update({c.value: Count("pk", filter=Q(colour=c)) for c in COLOURS})
    return counts


def _breakdown(measures, group, label, url):
    """One row per value of `group` that has measures: label(pk) names it, url(pk) lists its measures."""
    rows = (
        measures.order_by()
        .values(group)
        .annotate(
            total=Count("pk"),
            done=Count("pk", filter=Q(status=MeasureStatus.DONE)),
            overdue=Count("pk", filter=Q(status=MeasureStatus.OVERDUE)),
        )
    )
    counted = {row[group]: row for row in rows if row[group] is not None}
    return [
        BreakdownRow(
            key=str(pk),
            label=label(pk),
            total=counted[pk]["total"],
            done=counted[pk]["done"],
            overdue=counted[pk]["overdue"],
            url=url(pk),
        )
        for pk in counted
    ]


def plan_figures(*, user, unit, on, links):
    plan = Plan.objects.filter(year=on.year).first()
    if plan is None:
        return PlanFigures(year=None)
    measures = measure_queryset(user=user, today=on).filter(plan=plan)
    if unit is not None:
        measures = measures.filter(Q(owner_unit=unit) | Q(lead_unit=unit))
    totals = measures.aggregate(**_by_status())
    to_list = lambda **p: links.to("measure-list", year=plan.year, **links.unit_query(), **p)  # noqa: E731
    labels = dict(MeasureStatus.choices)
    figures = PlanFigures(
        year=plan.year,
        measures=[Figure("total", _("具体措施"), totals["total"], to_list())]
        + [Figure(k, str(labels[k]), totals[k], to_list(status=k)) for k in STATUS_KEYS],
        colours=[Figure(c.value, str(c.label), totals[c.value], to_list(colour=c.value)) for c in COLOURS],
    )
    _add_breakdowns(figures, plan, measures, to_list)
    figures.targets = _targets(plan, links) if unit is None else []
    return figures


def _add_breakdowns(figures, plan, measures, to_list):
    systems = {s.pk: f"{s.code}、{s.title}" for s in plan.systems.all()}
    items = {w.pk: f"{w.number}. {w.title}" for w in plan.work_items.all()}
    actions = {k.pk: f"{k.code}、{k.title}" for k in plan.key_actions.all()}
    figures.systems = _in_plan_order(
        _breakdown(measures, "work_item__system", systems.get, lambda pk: to_list(system=pk)), systems
    )
    figures.work_items = _in_plan_order(
        _breakdown(measures, "work_item", items.get, lambda pk: to_list(work_item=pk)), items
    )
    figures.key_actions = _in_plan_order(
        _breakdown(measures, "key_action", actions.get, lambda pk: to_list(key_action=pk)), actions
    )
    overdue = measures.filter(status=MeasureStatus.OVERDUE)
    units = dict(overdue.order_by().values_list("owner_unit", "owner_unit__name").distinct())
    rows = _breakdown(overdue, "owner_unit", units.get, lambda pk: to_list(owner_unit=pk, status="overdue"))
    figures.overdue_by_unit = sorted(rows, key=lambda row: (-row.overdue, row.label))


def _in_plan_order(rows, labels):
    order = {pk: i for i, pk in enumerate(labels)}
    return sorted(rows, key=lambda row: order[int(row.key)])


def _targets(plan, links):
    rows = []
    for target in plan.targets.order_by("number"):
        progress = target_progress(target=target)
        rows.append(
            TargetRow(
                number=target.number,
                name=target.name,
                unit_of_measure=target.unit_of_measure,
                value=target.value,
                actual=progress["actual"],
                url=links.to("target-detail", target.pk) if links.live else "",
            )
        )
    return rows
