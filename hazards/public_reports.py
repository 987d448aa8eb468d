"""群众举报: sent by anyone without logging in; accepted into a hazard or turned down (with a reason the
reporter sees) by the chosen township or the county office; the reward (举报奖励) set by the county office.

The pages and the API call only these.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.choices import OrgUnitKind
from core.evidence import check_evidence_file
from hazards.choices import HazardSource, PublicReportStatus, RewardStatus
from hazards.models import PublicReport, PublicReportPhoto
from hazards.models_public import new_receipt_code
from hazards.permissions import may_set_reward, may_triage_public_report
from hazards.public_guard import address_hash
from hazards.services import hazard_create

# What the person triaging decides; what and where come from the report itself.
ACCEPT_FIELDS = (
    "title",
    "sector",
    "level",
    "problem_list",
    "enterprise",
    "territory",
    "supervising_department",
    "responsible_person",
    "responsible_phone",
    "deadline",
    "measures",
    "funds",
)


def _checked_photos(photos):
    """[(upload, mime)] of the photos, or a ValidationError on "photos" naming every refused file."""
    limit = settings.PUBLIC_REPORT_MAX_PHOTOS
    if len(photos) > limit:
        raise ValidationError(
            {"photos": _("最多上传%(limit)d张照片，您选择了%(count)d张。") % {"limit": limit, "count": len(photos)}}
        )
    checked, errors = [], []
    for upload in photos:
        try:
            mime = check_evidence_file(upload)
        except ValidationError as exc:
            errors.extend(exc.messages)
            continue
        if not mime.startswith("image/"):
            errors.append(_("文件“%(name)s”不是照片，只能上传图片。") % {"name": upload.name})
        checked.append((upload, mime))
    if errors:
        raise ValidationError({"photos": errors})
    return checked


def _validate_submission(report):
    errors = {}
    if not report.description:
        errors["description"] = _("请填写举报内容：发现了什么隐患。")
    if not report.place:
        errors["place"] = _("请填写隐患地点。")
    if report.township is not None and report.township.kind != OrgUnitKind.TOWNSHIP:
        errors["township"] = _("请选择乡镇（街道）。")
    if report.latitude is not None and not -90 <= report.latitude <= 90:
        errors["latitude"] = _("纬度应在-90到90之间。")
    if report.longitude is not None and not -180 <= report.longitude <= 180:
        errors["longitude"] = _("经度应在-180到180之间。")
    if errors:
        raise ValidationError(errors)
    report.full_clean(exclude=["receipt_code", "address_hash"])


def _unused_receipt_code():
    while True:  # a clash is about one in 10**17; the unique constraint still guards it
        code = new_receipt_code()
        if not PublicReport.objects.filter(receipt_code=code).exists():
            return code


@transaction.atomic
def public_report_submit(
    *,
    description,
    place,
    township=None,
    latitude=None,
    longitude=None,
    contact_name="",
    contact_phone="",
    photos=(),
    client_address="",
):
    """Keep a report and its photos (all or nothing); the address is kept only as a keyed hash."""
    report = PublicReport(
        description=(description or "").strip(),
        place=(place or "").strip(),
        township=township,
        latitude=latitude,
        longitude=longitude,
        contact_name=(contact_name or "").strip(),
        contact_phone=(contact_phone or "").strip(),
        address_hash=address_hash(client_address) if client_address else "",
    )
    _validate_submission(report)
    checked = _checked_photos(list(photos))
    report.receipt_code = _unused_receipt_code()
    report.save()
    for upload, mime in checked:
        PublicReportPhoto.objects.create(
            report=report, file=upload, original_name=upload.name[:255], content_type=mime, size=upload.size
        )
    return report


def _lock_for_triage(actor, report):
    report = PublicReport.objects.select_for_update().get(pk=report.pk)
    if not may_triage_public_report(actor, report):
        raise PermissionDenied(_("只有举报所选乡镇（街道）的负责人、工作人员或安委办可以处理该举报。"))
    if report.status != PublicReportStatus.PENDING:
        raise ValidationError(_("该举报已处理（%(status)s），不能重复处理。") % {"status": report.get_status_display()})
    return report


def _mark_triaged(report, actor, status):
    report.status, report.triaged_by, report.triaged_at = status, actor, timezone.now()


@transaction.atomic
def public_report_accept(*, actor, report, **hazard_values):
    """Register the hazard (source 群众举报, the photos as before-evidence) and link the report to it."""
    report = _lock_for_triage(actor, report)
    values = {name: value for name, value in hazard_values.items() if name in ACCEPT_FIELDS}
    files = [File(photo.file.open("rb"), name=photo.original_name) for photo in report.photos.all()]
    try:
        hazard = hazard_create(
            actor=actor,
            files=files,
            source=HazardSource.PUBLIC_REPORT,
            description=report.description,
            place=report.place,
            latitude=report.latitude,
            longitude=report.longitude,
            found_on=timezone.localdate(report.created_at),
            **values,
        )
    finally:
        for upload in files:
            upload.close()
    _mark_triaged(report, actor, PublicReportStatus.ACCEPTED)
    report.hazard = hazard
    report.save(update_fields=["status", "hazard", "triaged_by", "triaged_at", "updated_at"])
    return report


@transaction.atomic
def public_report_reject(*, actor, report, reason):
    report = _lock_for_triage(actor, report)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("不予受理必须说明理由，举报人凭回执码可以看到该理由。")})
    _mark_triaged(report, actor, PublicReportStatus.REJECTED)
    report.reject_reason = reason
    report.save(update_fields=["status", "reject_reason", "triaged_by", "triaged_at", "updated_at"])
    return report


@transaction.atomic
def public_report_set_reward(*, actor, report, status, amount=None, note=""):
    """举报奖励: none, to be paid or paid, with the amount in 元; only on reports that became hazards."""
    if not may_set_reward(actor):
        raise PermissionDenied(_("举报奖励由安委办登记。"))
    report = PublicReport.objects.select_for_update().get(pk=report.pk)
    if report.status != PublicReportStatus.ACCEPTED:
        raise ValidationError({"reward_status": _("只有已转为隐患的举报可以登记奖励。")})
    if status not in RewardStatus.values:
        raise ValidationError({"reward_status": _("请选择奖励状态。")})
    if status == RewardStatus.NONE:
        amount = None
    elif amount is None or Decimal(amount) <= 0:
        raise ValidationError({"reward_amount": _("待发放或已发放的奖励须填写大于零的金额（元）。")})
    report.reward_status, report.reward_amount = status, amount
    report.reward_note = (note or "").strip()
    report.reward_set_by, report.reward_set_at = actor, timezone.now()
    report.full_clean(exclude=["receipt_code", "address_hash"])
    report.save(
        update_fields=["reward_status", "reward_amount", "reward_note", "reward_set_by", "reward_set_at", "updated_at"]
    )
    return report
