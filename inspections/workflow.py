"""The three-step loop (三部曲) after an inspection is recorded: 整改中 → 已复查 (a passed 复查) → 已闭环.

A failed re-check keeps the inspection 整改中 with a new re-check date. Closing needs a passed re-check and every
hazard its findings opened closed in the hazard loop. Each step locks the row and writes an InspectionEvent.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hazards.choices import HazardStatus
from inspections.choices import InspectionEventKind, InspectionStatus, RecheckResult
from inspections.models import Inspection
from inspections.permissions import may_act_on
from inspections.services import record_event

S = InspectionStatus


def _locked(inspection, actor, refusal):
    inspection = Inspection.objects.select_for_update(of=("self",)).select_related("department").get(pk=inspection.pk)
    if not may_act_on(actor, inspection):
        raise PermissionDenied(refusal)
    if inspection.status == S.CLOSED:
        raise ValidationError({"status": _("该检查已闭环。")})
    return inspection


def open_hazard_count(inspection):
    return inspection.findings.filter(hazard__isnull=False).exclude(hazard__status=HazardStatus.CLOSED).count()


@transaction.atomic
def inspection_recheck(*, actor, inspection, rechecked_on, result, note="", next_due=None):
    """整改复查. `next_due` is the next re-check date after a failed one (default: INSPECTION_RECHECK_DAYS on)."""
    inspection = _locked(inspection, actor, _("只有检查部门或安委办可以记录复查。"))
    note = (note or "").strip()
    if rechecked_on is None:
        raise ValidationError({"rechecked_on": _("请填写复查日期。")})
    if rechecked_on < inspection.inspected_on:
        raise ValidationError({"rechecked_on": _("复查日期不能早于检查日期。")})
    if rechecked_on > timezone.localdate():
        raise ValidationError({"rechecked_on": _("复查日期不能晚于今天。")})
    if result not in RecheckResult.values:
        raise ValidationError({"result": _("请选择复查结论。")})
    if result == RecheckResult.FAILED and not note:
        raise ValidationError({"note": _("整改不到位的，须写明复查情况。")})
    before = inspection.status
    inspection.rechecked_on, inspection.recheck_result, inspection.recheck_note = rechecked_on, result, note
    if result == RecheckResult.PASSED:
        inspection.status = S.RECHECKED
    else:
        next_due = next_due or rechecked_on + datetime.timedelta(days=settings.INSPECTION_RECHECK_DAYS)
        if next_due <= rechecked_on:
            raise ValidationError({"next_due": _("下次复查期限须晚于本次复查日期。")})
        inspection.status, inspection.recheck_due = S.RECTIFYING, next_due
    inspection.full_clean(exclude=["number"])
    inspection.save()
    label = RecheckResult(result).label
    due = "" if result == RecheckResult.PASSED else _("下次复查期限%(d)s。") % {"d": inspection.recheck_due}
    record_event(
        inspection,
        kind=InspectionEventKind.RECHECK,
        actor=actor,
        from_status=before,
        to_status=inspection.status,
        comment=f"{rechecked_on} {label}。{due}{note}",
    )
    return inspection


@transaction.atomic
def inspection_close(*, actor, inspection, note=""):
    """闭环: only after a passed re-check, and with every hazard of the findings 已销号."""
    inspection = _locked(inspection, actor, _("只有检查部门或安委办可以闭环。"))
    still_open = open_hazard_count(inspection)
    if still_open:
        raise ValidationError({"status": _("还有%(n)d条隐患未销号，不能闭环。") % {"n": still_open}})
    if inspection.status != S.RECHECKED or inspection.recheck_result != RecheckResult.PASSED:
        raise ValidationError({"status": _("尚未记录“整改到位”的复查，不能闭环。")})
    inspection.status, inspection.closed_at = S.CLOSED, timezone.now()
    inspection.save(update_fields=["status", "closed_at", "updated_at"])
    record_event(
        inspection,
        kind=InspectionEventKind.CLOSED,
        actor=actor,
        from_status=S.RECHECKED,
        to_status=S.CLOSED,
        comment=(note or "").strip(),
    )
    return inspection
