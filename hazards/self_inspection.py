"""日周月排查: recording an enterprise's check. Each problem found opens a hazard marked 自查自报, so it counts
in the unit's favour ("自查自报自改不处").
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hazards.cadence import period_label, period_start
from hazards.choices import HazardLevel, HazardSource, InspectionResult
from hazards.models import SelfInspection, SelfInspectionFinding
from hazards.permissions import may_record_self_inspection
from hazards.services import hazard_create


def _check_checklist_and_date(checklist, performed_on, items):
    errors = {}
    if not checklist.is_active:
        errors["checklist"] = _("检查表“%(name)s”已停用。") % {"name": checklist.name}
    elif not items:
        errors["checklist"] = _("检查表“%(name)s”还没有检查项。") % {"name": checklist.name}
    today = timezone.localdate()
    if performed_on is None:
        errors["performed_on"] = _("请填写检查日期。")
    elif performed_on > today:
        errors["performed_on"] = _("检查日期不能晚于今天（%(today)s）。") % {"today": today.isoformat()}
    if errors:
        raise ValidationError(errors)


def _answer_errors(answer, item, seen, n, checklist):
    ok, text = answer
    if item is None:
        return _("第%(n)d条：检查项不属于“%(checklist)s”。") % {"n": n, "checklist": checklist.name}
    if item.pk in seen:
        return _("“%(item)s”填写了两次。") % {"item": item}
    if not ok and not text:
        return _("“%(item)s”有问题，请写明发现的问题。") % {"item": item}
    if ok and text:
        return _("“%(item)s”选择了正常，却写了问题：请改选“有问题”或删去问题说明。") % {"item": item}
    return None


def _findings(checklist, items, results):
    """[(item or None, text)] of the problems found; every item answered once, or all the reasons why not."""
    by_id = {item.pk: item for item in items}
    seen, findings, errors = set(), [], []
    for n, result in enumerate(results, 1):
        ref = result.get("item")
        ok, text = bool(result.get("ok")), (result.get("finding") or "").strip()
        if ref is None:  # a problem outside the checklist, written freely
            if ok or not text:
                errors.append(_("第%(n)d条：检查表以外的问题须选“有问题”并写明问题。") % {"n": n})
            else:
                findings.append((None, text))
            continue
        item = by_id.get(getattr(ref, "pk", ref))
        error = _answer_errors((ok, text), item, seen, n, checklist)
        if error:
            errors.append(error)
            continue
        seen.add(item.pk)
        if not ok:
            findings.append((item, text))
    missing = [str(item) for item in items if item.pk not in seen]
    if missing:
        errors.append(_("以下检查项还没有填写结果：%(items)s。") % {"items": "；".join(missing)})
    if errors:
        raise ValidationError({"results": errors})
    return findings


def _duplicate_error(checklist, start, existing=None):
    period = period_label(start, checklist.cadence)
    if existing is None:
        message = _("“%(checklist)s”%(period)s的自查已经记录，同一周期不能重复记录。")
    else:
        message = _("“%(checklist)s”%(period)s的自查已于%(date)s由%(who)s记录，同一周期不能重复记录。")
    who = existing.performed_by if existing else ""
    date = existing.performed_on.isoformat() if existing else ""
    return ValidationError(
        {"performed_on": message % {"checklist": checklist.name, "period": period, "date": date, "who": who}}
    )


def _save_once(inspection):
    existing = (
        SelfInspection.objects.filter(
            enterprise=inspection.enterprise, checklist=inspection.checklist, period_start=inspection.period_start
        )
        .select_related("performed_by")
        .first()
    )
    if existing is not None:
        raise _duplicate_error(inspection.checklist, inspection.period_start, existing)
    try:
        with transaction.atomic():  # two people recording the same period at once: the constraint decides
            inspection.save()
    except IntegrityError:
        raise _duplicate_error(inspection.checklist, inspection.period_start) from None


def _open_hazard(*, actor, inspection, item, text):
    checklist, enterprise = inspection.checklist, inspection.enterprise
    context = _("日周月自查（%(checklist)s，%(period)s）发现。") % {
        "checklist": checklist.name,
        "period": inspection.period_label,
    }
    if item is not None:
        context += _("检查项：%(item)s。") % {"item": item.text}
    return hazard_create(
        actor=actor,
        title=text[:200],
        description=f"{context}\n{text}",
        sector=checklist.sector or enterprise.sector,
        level=HazardLevel.GENERAL,
        source=HazardSource.SELF_REPORTED,
        enterprise=enterprise,
        territory=enterprise.township,
        supervising_department=enterprise.supervising_department,
        found_on=inspection.performed_on,
        deadline=inspection.performed_on + timedelta(days=settings.SELF_INSPECTION_FINDING_DAYS),
    )


@transaction.atomic
def self_inspection_record(*, actor, enterprise, checklist, performed_on, results, note=""):
    """Record one check of one period. `results` is a list of {"item": item or its id (None for a problem
    outside the checklist), "ok": bool, "finding": text}; every item is answered once. Nothing is kept unless
    the check and every hazard it opens are."""
    if not may_record_self_inspection(actor, enterprise):
        raise PermissionDenied(_("您只能为本乡镇（街道）属地或本部门监管的生产经营单位记录自查。"))
    items = list(checklist.items.order_by("order", "pk"))
    _check_checklist_and_date(checklist, performed_on, items)
    findings = _findings(checklist, items, results)
    inspection = SelfInspection(
        enterprise=enterprise,
        checklist=checklist,
        cadence=checklist.cadence,
        period_start=period_start(performed_on, checklist.cadence),
        performed_on=performed_on,
        performed_by=actor,
        result=InspectionResult.FINDINGS if findings else InspectionResult.OK,
        note=(note or "").strip(),
    )
    _save_once(inspection)
    for item, text in findings:
        hazard = _open_hazard(actor=actor, inspection=inspection, item=item, text=text)
        SelfInspectionFinding.objects.create(inspection=inspection, item=item, description=text, hazard=hazard)
    return inspection
