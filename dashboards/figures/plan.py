"""The plan's completion on a date: its measures by status and colour, by system, work item and key action,
the units with overdue measures, and the quantitative targets against their figures."""

from dataclasses import dataclass, field

from django.db.models import Q
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


@dataclass
class MeasureRow:
    system: int | None
    work_item: int | None
    key_action: int | None
    owner_unit: int
    owner_name: str
    status: str
    colour: str


def _rows(measures):
    """Every measure's groups and its status on the day, in one query: the breakdowns are counted from it."""
    fields = ("work_item__system", "work_item", "key_action", "owner_unit", "owner_unit__name", "status", "colour")
    return [MeasureRow(*values) for values in measures.order_by().values_list(*fields)]


def _breakdown(rows, group, label, url):
    """One row per value of `group` that has measures: label(pk) names it, url(pk) lists its measures."""
    counted = {}
    for row in rows:
        key = getattr(row, group)
        if key is None:
            continue
        total, done, overdue = counted.get(key, (0, 0, 0))
        counted[key] = (
            total + 1,
            done + (row.status == MeasureStatus.DONE),
            overdue + (row.status == MeasureStatus.OVERDUE),
        )
    return [
        BreakdownRow(key=str(pk), label=label(pk), total=t, done=d, overdue=o, url=url(pk))
        for pk, (t, d, o) in counted.items()
    ]


def plan_figures(*, user, unit, on, links):
    plan = Plan.objects.filter(year=on.year).first()
    if plan is None:
        return PlanFigures(year=None)
    measures = measure_queryset(user=user, today=on).filter(plan=plan)
    if unit is not None:
        measures = measures.filter(Q(owner_unit=unit) | Q(lead_unit=unit))
    rows = _rows(measures)
    totals = {"total": len(rows)}
    totals.update({key: sum(1 for r in rows if r.status == key) for key in STATUS_KEYS})
    totals.update({c.value: sum(1 for r in rows if r.colour == c) for c in COLOURS})
    to_list = lambda **p: links.to("measure-list", year=plan.year, **links.unit_query(), **p)  # noqa: E731
    labels = dict(MeasureStatus.choices)
    figures = PlanFigures(
        year=plan.year,
        measures=[Figure("total", _("具体措施"), totals["total"], to_list())]
        + [Figure(k, str(labels[k]), totals[k], to_list(status=k)) for k in STATUS_KEYS],
        colours=[Figure(c.value, str(c.label), totals[c.value], to_list(colour=c.value)) for c in COLOURS],
    )
    _add_breakdowns(figures, plan, rows, to_list)
    figures.targets = _targets(plan, links) if unit is None else []
    return figures


def _add_breakdowns(figures, plan, rows, to_list):
    systems = {s.pk: f"{s.code}、{s.title}" for s in plan.systems.all()}
    items = {w.pk: f"{w.number}. {w.title}" for w in plan.work_items.all()}
    actions = {k.pk: f"{k.code}、{k.title}" for k in plan.key_actions.all()}
    figures.systems = _in_plan_order(_breakdown(rows, "system", systems.get, lambda pk: to_list(system=pk)), systems)
    figures.work_items = _in_plan_order(
        _breakdown(rows, "work_item", items.get, lambda pk: to_list(work_item=pk)), items
    )
    figures.key_actions = _in_plan_order(
        _breakdown(rows, "key_action", actions.get, lambda pk: to_list(key_action=pk)), actions
    )
    overdue = [r for r in rows if r.status == MeasureStatus.OVERDUE]
    units = {r.owner_unit: r.owner_name for r in overdue}
    by_unit = _breakdown(overdue, "owner_unit", units.get, lambda pk: to_list(owner_unit=pk, status="overdue"))
    figures.overdue_by_unit = sorted(by_unit, key=lambda row: (-row.overdue, row.label))


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
