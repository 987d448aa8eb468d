"""Writes of measures and allocations (plan copies: tasks.plan_copy); pages, API and importer all call these."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.choices import OrgUnitKind
from core.scoping import scope_for
from tasks.choices import ExtensionStatus, ReportFrequency
from tasks.models import ExtensionRequest, KeyAction, Measure, Milestone, TargetAllocation, WorkItem
from tasks.permissions import may_manage_measures

OWNER_KINDS = {OrgUnitKind.TOWNSHIP, OrgUnitKind.DEPARTMENT}
MEASURE_FIELDS = ("title", "deliverable", "start_date", "frequency", "planned_quantity")


@dataclass
class MilestoneInput:
    title: str
    due_date: object


def _check_units(owner_units, lead_unit):
    errors = {}
    if not owner_units:
        errors["owner_units"] = _("请至少选择一个责任单位。")
    elif any(u.kind not in OWNER_KINDS for u in owner_units):
        bad = "、".join(u.name for u in owner_units if u.kind not in OWNER_KINDS)
        errors["owner_units"] = _("责任单位必须是乡镇（街道）或县级部门：%(names)s不是。") % {"names": bad}
    if lead_unit is None:
        errors["lead_unit"] = _("请指定牵头（审核）单位。")
    elif lead_unit.kind not in OWNER_KINDS:
        errors["lead_unit"] = _("牵头单位必须是县级部门或乡镇（街道）。")
    if errors:
        raise ValidationError(errors)


def _default_quantity(target, owner_unit):
    allocation = TargetAllocation.objects.filter(target=target, unit=owner_unit).first()
    return allocation.quantity if allocation else target.value


def _check_milestones(milestones, start_date, deadline):
    for m in milestones:
        if not (start_date <= m.due_date <= deadline):
            raise ValidationError(
                {
                    "milestones": _("时间节点“%(title)s”（%(date)s）应在开始日期和完成时限之间。")
                    % {"title": m.title, "date": m.due_date}
                }
            )


def measure_create_check(
    *,
    actor,
    entry,
    owner_units,
    start_date,
    deadline,
    lead_unit=None,
    target=None,
    planned_quantity=None,
    milestones=(),
):
    """The rules of `measure_create` that need no query, so the importer can preview a whole file with them.

    Returns the lead unit the measures will have.
    """
    lead_unit = lead_unit or entry.lead_unit
    _check_units(owner_units, lead_unit)
    if not may_manage_measures(actor, lead_unit.pk):
        raise PermissionDenied(_("只有安委办管理员或牵头单位人员可以分解、分配具体措施。"))
    if start_date and deadline and deadline < start_date:
        raise ValidationError({"deadline": _("完成时限不能早于开始日期。")})
    if target is not None and target.plan_id != entry.plan_id:
        raise ValidationError({"target": _("量化指标不属于该年度工作要点。")})
    if target is None and planned_quantity is not None:
        raise ValidationError({"planned_quantity": _("只有关联量化指标的措施才填写计划完成量。")})
    _check_milestones(milestones, start_date, deadline)
    return lead_unit


@transaction.atomic
def measure_create(
    *,
    actor,
    entry,
    title,
    owner_units,
    start_date,
    deadline,
    lead_unit=None,
    deliverable="",
    frequency=ReportFrequency.MONTHLY,
    target=None,
    planned_quantity=None,
    milestones=(),
):
    """Create one measure per owner unit ("many townships at once"); all or none."""
    lead_unit = measure_create_check(
        actor=actor,
        entry=entry,
        owner_units=owner_units,
        start_date=start_date,
        deadline=deadline,
        lead_unit=lead_unit,
        target=target,
        planned_quantity=planned_quantity,
        milestones=milestones,
    )
    created = []
    for owner in owner_units:
        measure = Measure(
            plan_id=entry.plan_id,
            work_item=entry if isinstance(entry, WorkItem) else None,
            key_action=entry if isinstance(entry, KeyAction) else None,
            title=title,
            deliverable=deliverable,
            owner_unit=owner,
            lead_unit=lead_unit,
            start_date=start_date,
            deadline=deadline,
            original_deadline=deadline,
            frequency=frequency,
            target=target,
            created_by=actor,
            planned_quantity=(planned_quantity or _default_quantity(target, owner)) if target else None,
        )
        measure.full_clean(exclude=["original_deadline"])
        measure.save()
        Milestone.objects.bulk_create(
            Milestone(measure=measure, title=m.title, due_date=m.due_date) for m in milestones
        )
        created.append(measure)
    return created


def measure_update(*, actor, measure, **values):
    """Change what a measure says; its deadline changes only through `deadline_change` or an extension."""
    if not may_manage_measures(actor, measure.lead_unit_id):
        raise PermissionDenied(_("只有安委办管理员或牵头单位人员可以修改具体措施。"))
    if "deadline" in values and values["deadline"] != measure.deadline:
        raise ValidationError({"deadline": _("完成时限不能直接修改，请通过延期申请或调整时限（须说明理由）。")})
    for name in MEASURE_FIELDS:
        if name in values:
            setattr(measure, name, values[name])
    if measure.start_date > measure.deadline:
        raise ValidationError({"start_date": _("开始日期不能晚于完成时限。")})
    measure.full_clean()
    measure.save()
    return measure


@transaction.atomic
def deadline_change(*, actor, measure, new_deadline, reason):
    """A lead unit or the county office moves a deadline itself: kept as an approved extension request."""
    if not may_manage_measures(actor, measure.lead_unit_id):
        raise PermissionDenied(_("只有安委办管理员或牵头单位人员可以调整完成时限。"))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("调整完成时限必须说明理由。")})
    measure = Measure.objects.select_for_update().get(pk=measure.pk)
    if new_deadline < measure.start_date:
        raise ValidationError({"deadline": _("完成时限不能早于开始日期。")})
    if new_deadline == measure.deadline:
        raise ValidationError({"deadline": _("新的完成时限与现时限相同。")})
    ExtensionRequest.objects.create(
        measure=measure,
        previous_deadline=measure.deadline,
        requested_deadline=new_deadline,
        reason=reason,
        status=ExtensionStatus.APPROVED,
        requested_by=actor,
        decided_by=actor,
        decided_at=timezone.now(),
        decision_note=_("牵头单位直接调整"),
    )
    measure.deadline = new_deadline
    measure.save(update_fields=["deadline", "updated_at"])
    return measure


@transaction.atomic
def allocations_set(*, actor, target, shares):
    """Replace a target's split: `shares` is [(unit, quantity)]. Returns the warning when they do not add up."""
    if not scope_for(actor).changes_all:
        raise PermissionDenied(_("只有安委办管理员可以分解量化指标。"))
    units = [unit for unit, _q in shares]
    if len(set(units)) != len(units):
        raise ValidationError({"allocations": _("同一单位只能分配一次。")})
    for unit, quantity in shares:
        if unit.kind not in OWNER_KINDS:
            raise ValidationError({"allocations": _("%(name)s不是乡镇（街道）或县级部门。") % {"name": unit.name}})
        if quantity is None or quantity <= 0:
            raise ValidationError({"allocations": _("%(name)s的分解任务量必须大于0。") % {"name": unit.name}})
    TargetAllocation.objects.filter(target=target).exclude(unit__in=units).delete()
    for unit, quantity in shares:
        TargetAllocation.objects.update_or_create(target=target, unit=unit, defaults={"quantity": quantity})
    return allocation_warning(target, sum((q for _u, q in shares), Decimal("0")))


def allocation_warning(target, allocated):
    if allocated == target.value:
        return ""
    return _("各单位分解量合计%(allocated)s%(unit)s，与指标%(value)s%(unit)s不一致（相差%(diff)s）。") % {
        "allocated": f"{allocated.normalize():f}",
        "value": f"{target.value.normalize():f}",
        "unit": target.unit_of_measure,
        "diff": f"{(target.value - allocated).normalize():f}",
    }
