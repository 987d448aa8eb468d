"""Reads of 群众举报: the staff's scoped triage queue, and the outcome a reporter sees with the receipt code."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch
from django.utils import timezone

from hazards.choices import HazardStatus, PublicReportStatus, RewardStatus
from hazards.filtersets import PublicReportFilterSet
from hazards.models import PublicReport, PublicReportPhoto
from hazards.models_public import RECEIPT_ALPHABET, RECEIPT_LENGTH, format_receipt_code, normalize_receipt_code


def public_report_queryset(*, user):
    """County-wide roles see every report; a township the reports that chose it; departments none."""
    return (
        PublicReport.objects.visible_to(user)
        .select_related("township", "hazard", "triaged_by", "reward_set_by")
        .annotate(photo_count=Count("photos"))
        .order_by("-created_at", "-pk")  # a GROUP BY query drops Meta.ordering
    )


def public_report_list(*, user, filters=None):
    return PublicReportFilterSet(filters, queryset=public_report_queryset(user=user))


def public_report_detail_queryset(*, user):
    return public_report_queryset(user=user).prefetch_related(
        Prefetch("photos", queryset=PublicReportPhoto.objects.order_by("uploaded_at", "pk"))
    )


def public_report_photo_queryset(*, user):
    return PublicReportPhoto.objects.filter(report__in=PublicReport.objects.visible_to(user))


@dataclass(frozen=True)
class PublicReportOutcome:
    """All a reporter learns: nothing of the hazard but its number and status, no names of officials."""

    receipt_code: str
    submitted_on: object
    status: str
    status_display: str
    reject_reason: str
    hazard_number: str
    hazard_status: str
    hazard_status_display: str
    reward_status: str
    reward_status_display: str


def public_report_outcome(*, code):
    """The outcome for a receipt code, or None; a malformed code and an unknown one look the same."""
    code = normalize_receipt_code(code)
    if len(code) != RECEIPT_LENGTH or set(code) - set(RECEIPT_ALPHABET):
        return None
    report = (
        PublicReport.objects.select_related("hazard")
        .only(
            "receipt_code", "created_at", "status", "reject_reason", "reward_status", "hazard__number", "hazard__status"
        )
        .filter(receipt_code=code)
        .first()
    )
    if report is None:
        return None
    hazard = report.hazard
    return PublicReportOutcome(
        receipt_code=format_receipt_code(report.receipt_code),
        submitted_on=timezone.localdate(report.created_at),
        status=report.status,
        status_display=str(PublicReportStatus(report.status).label),
        reject_reason=report.reject_reason if report.status == PublicReportStatus.REJECTED else "",
        hazard_number=hazard.number if hazard else "",
        hazard_status=hazard.status if hazard else "",
        hazard_status_display=str(HazardStatus(hazard.status).label) if hazard else "",
        reward_status=report.reward_status,
        reward_status_display=str(RewardStatus(report.reward_status).label),
    )
