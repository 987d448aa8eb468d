"""Checklists and inspections: every write with a rule. The loop after recording (复查, 闭环) is in
inspections.workflow; a finding opens its hazard through hazards.services, never the other way round."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core.choices import OrgUnitKind, Sector
from core.models import Membership
from hazards.choices import HazardLevel, HazardSource
from hazards.services import hazard_create
from inspections.choices import (
    MIN_INSPECTORS,
    AnswerValue,
    InspectionEventKind,
    InspectionKind,
    InspectionStatus,
)
from inspections.models import (
    ChecklistItem,
    ChecklistTemplate,
    Finding,
    Inspection,
    InspectionAnswer,
    InspectionEvent,
    InspectionNumber,
)
from inspections.permissions import may_act_on, may_edit_checklists, may_record_for

# The hazard a finding opens says where it came from, in the hazards' own words.
HAZARD_SOURCE_BY_KIND = {
    InspectionKind.ENFORCEMENT: HazardSource.ENFORCEMENT,
    InspectionKind.UNDERCOVER: HazardSource.UNANNOUNCED,
}


# ---- checklists ----------------------------------------------------------------------------------------------


def _clean_items(items):
    """[(text, legal_basis)] stripped; every item needs both (an item without its basis is no use in the field)."""
    cleaned = []
    for n, item in enumerate(items, 1):
        text, basis = (item.get("text", ""), item.get("legal_basis", "")) if isinstance(item, dict) else item
        text, basis = (text or "").strip(), (basis or "").strip()
        if not text and not basis:
            continue
        if not text or not basis:
            raise ValidationError({"items": _("第%(n)d项：检查内容和依据都必须填写。") % {"n": n}})
        if len(text) > 300 or len(basis) > 300:
            raise ValidationError({"items": _("第%(n)d项：检查内容和依据各不超过300字。") % {"n": n}})
        cleaned.append((text, basis))
    if not cleaned:
        raise ValidationError({"items": _("检查表至少要有一项检查内容。")})
    return cleaned


def _check_name(sector, name, exclude_pk=None):
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("请填写检查表名称。")})
    if sector not in Sector.values:
        raise ValidationError({"sector": _("请选择行业领域。")})
    clash = ChecklistTemplate.objects.filter(sector=sector, name=name, is_current=True).exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError({"name": _("该行业领域已有同名的检查表。")})
    return name


def _write_items(template, items):
    ChecklistItem.objects.bulk_create(
        ChecklistItem(template=template, order=n, text=text, legal_basis=basis)
        for n, (text, basis) in enumerate(items, 1)
    )


@transaction.atomic
def checklist_create(*, actor, sector, name, items):
    if not may_edit_checklists(actor):
        raise PermissionDenied(_("只有安委办可以编制检查表。"))
    name = _check_name(sector, name)
    items = _clean_items(items)
    template = ChecklistTemplate(sector=sector, name=name)
    template.full_clean()
    template.save()
    _write_items(template, items)
    return template


@transaction.atomic
def checklist_update(*, actor, template, name, items):
    """An unused template is edited in place; one an inspection used gets a new version, so what that inspection
    checked stays as it was (its answers are copies, and its template row is kept)."""
    if not may_edit_checklists(actor):
        raise PermissionDenied(_("只有安委办可以修改检查表。"))
    template = ChecklistTemplate.objects.select_for_update().get(pk=template.pk)
    if not template.is_current:
        raise ValidationError({"name": _("这是旧版本，只能修改现行版本。")})
    name = _check_name(template.sector, name, exclude_pk=template.pk)
    items = _clean_items(items)
    if not template.inspections.exists():
        template.name = name
        template.full_clean()
        template.save()
        template.items.all().delete()
        _write_items(template, items)
        return template
    template.is_current = False  # first, so the new version may be the one current template of its name
    template.save(update_fields=["is_current", "updated_at"])
    latest = ChecklistTemplate.objects.filter(sector=template.sector, name=name).aggregate(v=Max("version"))["v"]
    new = ChecklistTemplate(sector=template.sector, name=name, version=max(latest or 0, template.version) + 1)
    new.full_clean()
    new.save()
    _write_items(new, items)
    return new


# ---- inspections ---------------------------------------------------------------------------------------------


def next_number(year):
    """JC2024-000123: taken under the year's row lock, so two records never share one, and never reused."""
    return f"JC{year}-{InspectionNumber.take(year):06d}"


def _check_inspectors(kind, department, inspectors):
    inspectors = list({u.pk: u for u in inspectors}.values())
    needed = MIN_INSPECTORS.get(kind, 1)
    if len(inspectors) < needed:
        if needed > 1:
            raise ValidationError({"inspectors": _("执法检查至少须两名执法人员。")})
        raise ValidationError({"inspectors": _("请选择检查人员。")})
    # 联合检查 brings people of several departments; every other kind is done by the department's own people.
    members = Membership.objects.filter(user__in=inspectors, user__is_active=True, unit__is_active=True)
    if kind == InspectionKind.JOINT:
        members = members.filter(unit__kind=OrgUnitKind.DEPARTMENT)
    else:
        members = members.filter(unit=department)
    qualified = set(members.values_list("user_id", flat=True))
    strangers = [str(u) for u in inspectors if u.pk not in qualified]
    if strangers:
        raise ValidationError(
            {"inspectors": _("检查人员须为本部门在岗人员：%(names)s 不是。") % {"names": "、".join(strangers)}}
        )
    return inspectors


def _check_place(enterprise, place, township):
    place = (place or "").strip()
    if enterprise is None and not place:
        raise ValidationError({"enterprise": _("请选择被检查单位或填写检查地点。")})
    if township is None:
        if enterprise is None:
            raise ValidationError({"township": _("请选择检查地点所在的乡镇（街道）。")})
        township = enterprise.township
    if township.kind != OrgUnitKind.TOWNSHIP:
        raise ValidationError({"township": _("所在乡镇（街道）须为乡镇或街道。")})
    if enterprise is not None and enterprise.township_id != township.pk:
        raise ValidationError({"township": _("所在乡镇（街道）与被检查单位不一致。")})
    return place, township


def _check_answers(checklist, answers):
    if not answers:
        return []
    if checklist is None:
        raise ValidationError({"answers": _("没有选择检查表，不能填写检查表答复。")})
    items = {item.pk: item for item in checklist.items.all()}
    frozen, seen = [], set()
    for answer in answers:
        item = answer.get("item")
        item_id = getattr(item, "pk", item)
        if item_id not in items or item_id in seen:
            raise ValidationError({"answers": _("检查表答复与所选检查表不符。")})
        seen.add(item_id)
        if answer.get("value") not in AnswerValue.values:
            raise ValidationError({"answers": _("第%(n)d项：请选择检查结果。") % {"n": items[item_id].order}})
        item = items[item_id]
        frozen.append(
            InspectionAnswer(
                order=item.order,
                text=item.text,
                legal_basis=item.legal_basis,
                value=answer["value"],
                note=(answer.get("note") or "").strip()[:300],
            )
        )
    return frozen


def _check_findings(findings, inspected_on):
    checked = []
    for n, finding in enumerate(findings, 1):
        description = (finding.get("description") or "").strip()
        deadline = finding.get("deadline")
        if not description:
            raise ValidationError({"findings": _("第%(n)d条问题：请填写问题描述。") % {"n": n}})
        if deadline is None:
            raise ValidationError({"findings": _("第%(n)d条问题：请填写整改期限。") % {"n": n}})
        if deadline < inspected_on:
            raise ValidationError({"findings": _("第%(n)d条问题：整改期限不能早于检查日期。") % {"n": n}})
        level = finding.get("level") or HazardLevel.GENERAL
        if level not in HazardLevel.values:
            raise ValidationError({"findings": _("第%(n)d条问题：隐患等级不正确。") % {"n": n}})
        basis = (finding.get("legal_basis") or "").strip()
        checked.append(
            {"description": description[:200], "legal_basis": basis[:300], "deadline": deadline, "level": level}
        )
    return checked


def record_event(inspection, *, kind, actor, comment="", from_status="", to_status=""):
    return InspectionEvent.objects.create(
        inspection=inspection, kind=kind, actor=actor, comment=comment, from_status=from_status, to_status=to_status
    )


def _open_hazard(inspection, actor, finding):
    """The finding's hazard, in the hazard loop: the inspection's place, its department supervising."""
    enterprise = inspection.enterprise
    sector = (
        enterprise.sector if enterprise else (inspection.checklist.sector if inspection.checklist else Sector.OTHER)
    )
    basis = _("违反：%(basis)s。") % {"basis": finding["legal_basis"]} if finding["legal_basis"] else ""
    hazard = hazard_create(
        actor=actor,
        title=finding["description"],
        description=_("%(kind)s %(number)s 发现。%(basis)s")
        % {"kind": inspection.get_kind_display(), "number": inspection.number, "basis": basis},
        sector=sector,
        level=finding["level"],
        source=HAZARD_SOURCE_BY_KIND.get(inspection.kind, HazardSource.DEPARTMENT_CHECK),
        enterprise=enterprise,
        place=inspection.place,
        territory=inspection.township,
        supervising_department=inspection.department,
        found_on=inspection.inspected_on,
        deadline=finding["deadline"],
    )
    row = Finding.objects.create(
        inspection=inspection,
        description=finding["description"],
        legal_basis=finding["legal_basis"],
        deadline=finding["deadline"],
        hazard=hazard,
    )
    record_event(
        inspection,
        kind=InspectionEventKind.FINDING,
        actor=actor,
        comment=_("%(desc)s（整改期限%(deadline)s，隐患%(hazard)s）")
        % {"desc": row.description, "deadline": row.deadline, "hazard": hazard.number},
    )
    return row


def default_recheck_due(inspected_on, findings):
    if findings:
        return max(f["deadline"] for f in findings)
    return inspected_on + datetime.timedelta(days=settings.INSPECTION_RECHECK_DAYS)


@transaction.atomic
def inspection_record(
    *,
    actor,
    kind,
    department,
    inspectors,
    enterprise=None,
    place="",
    township=None,
    inspected_on,
    checklist=None,
    answers=(),
    summary="",
    findings=(),
    plan=None,
):
    """检查诊断: the inspection, its frozen checklist answers and its findings, each opening a hazard; all or
    nothing. `plan`: the 执法计划 it carries out (of the same department)."""
    if department is None or department.kind != OrgUnitKind.DEPARTMENT:
        raise ValidationError({"department": _("检查部门须为县级部门。")})
    if not may_record_for(actor, department):
        raise PermissionDenied(_("您只能登记本部门的检查。"))
    if kind not in InspectionKind.values:
        raise ValidationError({"kind": _("请选择检查类型。")})
    if inspected_on is None:
        raise ValidationError({"inspected_on": _("请填写检查日期。")})
    if inspected_on > timezone.localdate():
        raise ValidationError({"inspected_on": _("检查日期不能晚于今天。")})
    inspectors = _check_inspectors(kind, department, inspectors)
    place, township = _check_place(enterprise, place, township)
    if checklist is not None and not checklist.is_current:
        raise ValidationError({"checklist": _("该检查表已有新版本，请使用现行版本。")})
    frozen = _check_answers(checklist, answers)
    findings = _check_findings(findings, inspected_on)
    _check_plan(plan, department, inspected_on)
    inspection = Inspection(
        plan=plan,
        kind=kind,
        department=department,
        enterprise=enterprise,
        place=place,
        township=township,
        inspected_on=inspected_on,
        checklist=checklist,
        summary=(summary or "").strip(),
        recheck_due=default_recheck_due(inspected_on, findings),
        recorded_by=actor,
    )
    inspection.full_clean(exclude=["number"])
    inspection.number = next_number(inspected_on.year)
    inspection.save()
    inspection.inspectors.set(inspectors)
    for answer in frozen:
        answer.inspection = inspection
    InspectionAnswer.objects.bulk_create(frozen)
    record_event(
        inspection,
        kind=InspectionEventKind.RECORDED,
        actor=actor,
        to_status=InspectionStatus.RECTIFYING,
        comment=_("检查人员：%(names)s；发现问题%(n)d条。")
        % {"names": "、".join(str(u) for u in inspectors), "n": len(findings)},
    )
    for finding in findings:
        _open_hazard(inspection, actor, finding)
    return inspection


def _check_plan(plan, department, inspected_on):
    if plan is None:
        return
    if plan.department_id != department.pk:
        raise ValidationError({"plan": _("所选执法计划不属于%(d)s。") % {"d": department.display_name}})
    if not plan.starts_on <= inspected_on <= plan.ends_on:
        message = _("检查日期不在执法计划期间（%(start)s至%(end)s）内。")
        raise ValidationError({"plan": message % {"start": plan.starts_on, "end": plan.ends_on}})


@transaction.atomic
def finding_add(*, actor, inspection, description, deadline, legal_basis="", level=HazardLevel.GENERAL):
    """A problem found later (e.g. in the evidence reviewed after the visit); it opens its hazard, puts the
    re-check back on the list and moves its deadline out to this finding's if later."""
    inspection = (
        Inspection.objects.select_for_update(of=("self",))
        .select_related("enterprise", "township", "department", "checklist")
        .get(pk=inspection.pk)
    )
    if not may_act_on(actor, inspection):
        raise PermissionDenied(_("只有检查部门或安委办可以补充发现的问题。"))
    if inspection.status == InspectionStatus.CLOSED:
        raise ValidationError({"description": _("已闭环的检查不能再补充问题。")})
    (finding,) = _check_findings(
        [{"description": description, "deadline": deadline, "legal_basis": legal_basis, "level": level}],
        inspection.inspected_on,
    )
    row = _open_hazard(inspection, actor, finding)
    before = inspection.status
    inspection.status = InspectionStatus.RECTIFYING
    inspection.recheck_due = max(d for d in (inspection.recheck_due, finding["deadline"]) if d)
    inspection.save(update_fields=["status", "recheck_due", "updated_at"])
    if before != inspection.status:
        record_event(
            inspection,
            kind=InspectionEventKind.REOPENED,
            actor=actor,
            from_status=before,
            to_status=inspection.status,
            comment=_("补充发现问题，须重新复查。"),
        )
    return row
