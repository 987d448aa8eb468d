"""Copy a year's plan into a new year: its structure, targets and measures; never its reports or extensions."""

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tasks.models import (
    KeyAction,
    KeyActionCoUnit,
    Measure,
    Milestone,
    Plan,
    QuantitativeTarget,
    TargetAllocation,
    WorkItem,
    WorkItemCoUnit,
)
from tasks.permissions import may_copy_plans

# Every other column is copied, so a field added to a model later comes along unless it is named here
# or overridden by the caller.
NOT_COPIED = {"id", "created_at", "updated_at"}


def shift_years(day, years):
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _year_taken(year):
    return ValidationError({"year": _("%(year)d年度的工作要点已存在，不能再复制到该年度。") % {"year": year}})


def _copy_rows(queryset, changes):
    """Insert a copy of each row with `changes(row)` applied; returns {old pk: new pk}."""
    rows = list(queryset.order_by("pk"))
    copies = []
    for row in rows:
        values = {f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields if f.name not in NOT_COPIED}
        copies.append(queryset.model(**{**values, **changes(row)}))
    queryset.model.objects.bulk_create(copies)
    return {row.pk: copy.pk for row, copy in zip(rows, copies, strict=True)}


def _copy_plan_row(source, year):
    # The number and issue date are required by the model, so they stay as the source's until the new
    # plan is issued and the office corrects them.
    title = source.title.replace(f"{source.year}年", f"{year}年")
    try:
        with transaction.atomic():
            return Plan.objects.create(
                year=year,
                title=title if title != source.title else f"{year}年{title}",
                document_number=source.document_number,
                issued_on=source.issued_on,
                issuer=source.issuer,
                general_requirements=source.general_requirements,
            )
    except IntegrityError:  # another copy into the same year committed after our check
        raise _year_taken(year) from None


def _copy_structure(source, plan):
    """Systems, work items, key actions (with their co-units), targets and their allocations."""
    in_plan = {"plan_id": plan.pk}
    systems = _copy_rows(source.systems.all(), lambda s: in_plan)
    items = _copy_rows(source.work_items.all(), lambda w: {**in_plan, "system_id": systems[w.system_id]})
    actions = _copy_rows(source.key_actions.all(), lambda a: in_plan)
    targets = _copy_rows(source.targets.all(), lambda t: {**in_plan, "work_item_id": items[t.work_item_id]})
    _copy_rows(WorkItemCoUnit.objects.filter(work_item__plan=source), lambda c: {"work_item_id": items[c.work_item_id]})
    _copy_rows(
        KeyActionCoUnit.objects.filter(key_action__plan=source), lambda c: {"key_action_id": actions[c.key_action_id]}
    )
    _copy_rows(TargetAllocation.objects.filter(target__plan=source), lambda a: {"target_id": targets[a.target_id]})
    return {WorkItem: items, KeyAction: actions, QuantitativeTarget: targets}


def _copy_measures(source, plan, ids, actor, years):
    def changes(m):
        deadline = shift_years(m.deadline, years)
        return {
            "plan_id": plan.pk,
            "work_item_id": ids[WorkItem].get(m.work_item_id),
            "key_action_id": ids[KeyAction].get(m.key_action_id),
            "target_id": ids[QuantitativeTarget].get(m.target_id),
            "start_date": shift_years(m.start_date, years),
            "deadline": deadline,
            "original_deadline": deadline,
            "created_by_id": actor.pk,
        }

    measures = _copy_rows(Measure.objects.filter(plan=source), changes)
    _copy_rows(
        Milestone.objects.filter(measure__plan=source),
        lambda s: {"measure_id": measures[s.measure_id], "due_date": shift_years(s.due_date, years)},
    )


@transaction.atomic
def plan_copy(*, actor, source, year):
    """Make the plan of `year` from `source`, all or nothing; dates move by the difference in years."""
    if not may_copy_plans(actor):
        raise PermissionDenied(_("只有安委办管理员可以复制年度工作要点。"))
    if Plan.objects.filter(year=year).exists():
        raise _year_taken(year)
    with pghistory.context(command="plan_copy", source_year=source.year, year=year, user=actor.pk):
        plan = _copy_plan_row(source, year)
        ids = _copy_structure(source, plan)
        _copy_measures(source, plan, ids, actor, year - source.year)
    return plan
