"""The state machines of progress reports and extension requests: one function per change.

草稿 → 已提交 → 已通过 | 已退回 (with a reason); a returned report keeps its content and goes back to
已提交 when fixed. Each change locks the row, checks the transition and the actor's role, and writes a
ReportTransition row (who, when, from, to, why).
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from core.evidence import evidence_attach
from tasks.choices import ExtensionStatus, ReportStatus
from tasks.models import ExtensionRequest, Measure, ProgressReport, ReportEvidence, ReportTransition
from tasks.periods import period_start
from tasks.permissions import may_review, may_write_reports
from tasks.signals import report_approved

OWNER, REVIEWER = "owner", "reviewer"
TRANSITIONS = {
    (ReportStatus.DRAFT, ReportStatus.SUBMITTED): OWNER,
    (ReportStatus.RETURNED, ReportStatus.SUBMITTED): OWNER,
    (ReportStatus.SUBMITTED, ReportStatus.APPROVED): REVIEWER,
    (ReportStatus.SUBMITTED, ReportStatus.RETURNED): REVIEWER,
}
EDITABLE = {ReportStatus.DRAFT, ReportStatus.RETURNED}
REPORT_FIELDS = ("percent", "quantity", "done_text", "problems", "next_steps")


def quantity_left(measure, *, excluding=None):
    """What is left of the measure's planned quantity after the other submitted and approved reports."""
    others = measure.reports.filter(status__in=[ReportStatus.SUBMITTED, ReportStatus.APPROVED])
    if excluding is not None:
        others = others.exclude(pk=excluding.pk)
    used = others.aggregate(total=Sum("quantity"))["total"] or Decimal("0")
    return measure.planned_quantity - used


def _report_values(values):
    cleaned = {k: values.get(k) for k in REPORT_FIELDS}
    for text in ("done_text", "problems", "next_steps"):
        cleaned[text] = (cleaned[text] or "").strip()
    return cleaned


def _check_values(measure, report, values):
    errors = {}
    if not (values.get("done_text") or "").strip():
        errors["done_text"] = _("请填写完成情况。")
    if measure.reports_quantity:
        quantity = values.get("quantity")
        if quantity is None:
            errors["quantity"] = _("该措施关联量化指标，请填写本期完成量（%(unit)s）。") % {
                "unit": measure.target.unit_of_measure
            }
        elif quantity < 0:
            errors["quantity"] = _("本期完成量不能小于0。")
        elif quantity > (left := quantity_left(measure, excluding=report)):
            errors["quantity"] = _("本期完成量%(q)s超过尚未完成的%(left)s%(unit)s。") % {
                "q": f"{quantity.normalize():f}",
                "left": f"{left.normalize():f}",
                "unit": measure.target.unit_of_measure,
            }
    else:
        percent = values.get("percent")
        if percent is None:
            errors["percent"] = _("请填写完成进度（0—100）。")
        elif not (0 <= percent <= 100):
            errors["percent"] = _("完成进度应在0到100之间。")
    if errors:
        raise ValidationError(errors)


def _check_period(measure, start, today):
    if start > period_start(today, measure.frequency):
        raise ValidationError({"period_start": _("不能填报尚未到来的周期。")})
    if start < period_start(measure.start_date, measure.frequency):
        raise ValidationError({"period_start": _("该周期早于措施开始日期。")})


def _attach(report, files, actor):
    evidence_attach(ReportEvidence, files, actor=actor, report=report)


@transaction.atomic
def report_create(*, actor, measure, period=None, files=(), **values):
    """A new draft for the period containing `period` (today's period by default)."""
    if not may_write_reports(actor, measure):
        raise PermissionDenied(_("只有责任单位可以填报该措施的进展。"))
    today = timezone.localdate()
    start = period_start(period or today, measure.frequency)
    _check_period(measure, start, today)
    if ProgressReport.objects.filter(measure=measure, period_start=start).exists():
        raise ValidationError({"period_start": _("该周期已有填报，请修改原填报。")})
    values = _report_values(values)
    _check_values(measure, None, values)
    report = ProgressReport.objects.create(
        measure=measure, unit_id=measure.owner_unit_id, period_start=start, created_by=actor, **values
    )
    ReportTransition.objects.create(report=report, to_status=ReportStatus.DRAFT, actor=actor)
    _attach(report, files, actor)
    return report


@transaction.atomic
def report_update(*, actor, report, files=(), **values):
    report = ProgressReport.objects.select_for_update(of=("self",)).select_related("measure__target").get(pk=report.pk)
    if not may_write_reports(actor, report.measure):
        raise PermissionDenied(_("只有责任单位可以修改该填报。"))
    if report.status not in EDITABLE:
        raise ValidationError({"status": _("“%(status)s”的填报不能修改。") % {"status": report.get_status_display()}})
    merged = _report_values({k: values.get(k, getattr(report, k)) for k in REPORT_FIELDS})
    _check_values(report.measure, report, merged)
    for k, v in merged.items():
        setattr(report, k, v)
    report.save()
    _attach(report, files, actor)
    return report


def _transition(*, actor, report, to, note=""):
    report = ProgressReport.objects.select_for_update(of=("self",)).select_related("measure__target").get(pk=report.pk)
    who = TRANSITIONS.get((report.status, to))
    if who is None:
        raise ValidationError(
            {
                "status": _("填报不能从“%(from)s”变为“%(to)s”。")
                % {"from": report.get_status_display(), "to": ReportStatus(to).label}
            }
        )
    allowed = may_write_reports(actor, report.measure) if who == OWNER else may_review(actor, report.measure)
    if not allowed:
        raise PermissionDenied(
            _("只有责任单位可以提交填报。") if who == OWNER else _("只有牵头单位负责人可以审核填报。")
        )
    ReportTransition.objects.create(report=report, from_status=report.status, to_status=to, actor=actor, note=note)
    report.status = to
    return report


@transaction.atomic
def report_submit(*, actor, report):
    report = _transition(actor=actor, report=report, to=ReportStatus.SUBMITTED)
    # Checked again: another report of the measure may have been approved since this one was written.
    _check_values(report.measure, report, {k: getattr(report, k) for k in REPORT_FIELDS})
    report.submitted_at = timezone.now()
    report.save(update_fields=["status", "submitted_at", "updated_at"])
    return report


@transaction.atomic
def report_approve(*, actor, report, note=""):
    report = _transition(actor=actor, report=report, to=ReportStatus.APPROVED, note=note)
    report.reviewed_at, report.reviewed_by = timezone.now(), actor
    report.save(update_fields=["status", "reviewed_at", "reviewed_by", "updated_at"])
    report.measure.save(update_fields=["updated_at"])  # its approved progress changed: syncing clients see it
    transaction.on_commit(lambda: report_approved.send(sender=ProgressReport, report=report))
    return report


@transaction.atomic
def report_return(*, actor, report, reason):
    if not (reason or "").strip():
        raise ValidationError({"reason": _("退回时必须填写退回理由。")})
    report = _transition(actor=actor, report=report, to=ReportStatus.RETURNED, note=reason)
    report.reviewed_at, report.reviewed_by, report.return_reason = timezone.now(), actor, reason
    report.save(update_fields=["status", "reviewed_at", "reviewed_by", "return_reason", "updated_at"])
    return report


@transaction.atomic
def extension_request(*, actor, measure, requested_deadline, reason):
    if not may_write_reports(actor, measure):
        raise PermissionDenied(_("只有责任单位可以申请延期。"))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("请说明延期理由。")})
    measure = Measure.objects.select_for_update().get(pk=measure.pk)
    if requested_deadline is None or requested_deadline <= measure.deadline:
        raise ValidationError({"requested_deadline": _("申请的完成时限应晚于现时限%(d)s。") % {"d": measure.deadline}})
    if measure.extension_requests.filter(status=ExtensionStatus.PENDING).exists():
        raise ValidationError({"measure": _("该措施已有待审批的延期申请。")})
    return ExtensionRequest.objects.create(
        measure=measure,
        previous_deadline=measure.deadline,
        requested_deadline=requested_deadline,
        reason=reason,
        requested_by=actor,
    )


def _decide(*, actor, request, status, note):
    request = ExtensionRequest.objects.select_for_update(of=("self",)).select_related("measure").get(pk=request.pk)
    if not may_review(actor, request.measure):
        raise PermissionDenied(_("只有牵头单位负责人可以审批延期申请。"))
    if request.status != ExtensionStatus.PENDING:
        raise ValidationError({"status": _("该申请已“%(s)s”，不能再审批。") % {"s": request.get_status_display()}})
    request.status, request.decided_by, request.decided_at, request.decision_note = status, actor, timezone.now(), note
    request.save()
    return request


@transaction.atomic
def extension_approve(*, actor, request, note=""):
    request = _decide(actor=actor, request=request, status=ExtensionStatus.APPROVED, note=note)
    measure = Measure.objects.select_for_update().get(pk=request.measure_id)
    if measure.deadline != request.previous_deadline:
        raise ValidationError({"status": _("完成时限在申请后已被调整，请重新申请。")})
    measure.deadline = request.requested_deadline
    measure.save(update_fields=["deadline", "updated_at"])
    return request


@transaction.atomic
def extension_refuse(*, actor, request, note):
    if not (note or "").strip():
        raise ValidationError({"note": _("不批准时请说明理由。")})
    return _decide(actor=actor, request=request, status=ExtensionStatus.REFUSED, note=note)
