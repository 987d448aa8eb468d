"""The half-year duty reports (半年述职报告): the leader's own account writes and submits; the county office
reviews or returns. Each step locks the row and checks the status, so two clicks make one transition."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from responsibilities.duty_services import may_keep_duties
from responsibilities.models import DutyReport, DutyReportStatus

EDITABLE = (DutyReportStatus.DRAFT, DutyReportStatus.RETURNED)


def may_write_report(user, leader):
    return user.is_authenticated and leader.user_id == user.pk


def _require_author(actor, leader):
    if not may_write_report(actor, leader):
        raise PermissionDenied(_("只有领导干部本人可以填写和提交述职报告。"))


def _locked(report):
    return DutyReport.objects.select_for_update().select_related("leader").get(pk=report.pk)


@transaction.atomic
def duty_report_save(*, actor, leader, year, half, text):
    """Creates the draft of the half-year, or rewrites it while it is a draft or returned."""
    _require_author(actor, leader)
    report = DutyReport.objects.select_for_update().filter(leader=leader, year=year, half=half).first()
    if report is None:
        report = DutyReport(leader=leader, year=year, half=half)
    elif report.status not in EDITABLE:
        raise ValidationError(_("述职报告已提交，不能再修改。"))
    report.text = text
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def duty_report_submit(*, actor, report):
    report = _locked(report)
    _require_author(actor, report.leader)
    if report.status not in EDITABLE:
        raise ValidationError(_("只有草稿或退回的述职报告可以提交。"))
    if not report.text.strip():
        raise ValidationError({"text": _("请填写述职内容后再提交。")})
    report.status = DutyReportStatus.SUBMITTED
    report.submitted_at = timezone.now()
    report.save(update_fields=["status", "submitted_at", "updated_at"])
    return report


@transaction.atomic
def duty_report_review(*, actor, report, note="", accept=True):
    """已审阅 (accept) or 退回 (return, with a note saying what to change)."""
    if not may_keep_duties(actor):
        raise PermissionDenied(_("只有县安委办可以审阅述职报告。"))
    report = _locked(report)
    if report.status != DutyReportStatus.SUBMITTED:
        raise ValidationError(_("只有已提交的述职报告可以审阅。"))
    if not accept and not note.strip():
        raise ValidationError({"review_note": _("退回时请填写审阅意见。")})
    report.status = DutyReportStatus.REVIEWED if accept else DutyReportStatus.RETURNED
    report.reviewed_by = actor
    report.reviewed_at = timezone.now()
    report.review_note = note
    report.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note", "updated_at"])
    return report


def duty_report_return(*, actor, report, note):
    return duty_report_review(actor=actor, report=report, note=note, accept=False)
