"""群众举报: hazards reported by the public without logging in, triaged by the township or the county office.

Imported at the end of hazards/models.py. Writes go through hazards.public_reports only.
"""

import secrets
import uuid

import pghistory
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.choices import OrgUnitKind
from core.models import OrgUnit, TimeStampedModel
from core.querysets import ScopedQuerySet
from hazards.choices import PUBLIC_REPORT_STATUS_CSS, PublicReportStatus, RewardStatus

# No 0/O, 1/I/L: read aloud over the phone or copied from paper without doubt. 31**12 ≈ 8e17 codes.
RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
RECEIPT_LENGTH = 12
PHOTO_EXTENSIONS = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/heic": ".heic",
}


def new_receipt_code():
    return "".join(secrets.choice(RECEIPT_ALPHABET) for _i in range(RECEIPT_LENGTH))


def normalize_receipt_code(text):
    """What a person types (lower case, with dashes or spaces) to the stored form."""
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())


def format_receipt_code(code):
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def photo_upload_path(photo, filename):
    # Uploads may be served straight from /media/ by the proxy: a random name, nothing of the reporter's.
    extension = PHOTO_EXTENSIONS.get(photo.content_type, ".img")
    return f"public_reports/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


class PublicReportQuerySet(ScopedQuerySet):
    def pending(self):
        return self.filter(status=PublicReportStatus.PENDING)


@pghistory.track()
class PublicReport(TimeStampedModel):
    """One report from the public: what and where, optional photos and contact; the outcome and the reward."""

    # Only the township the reporter chose and the county-wide roles see a report.
    SCOPE_FIELDS = ("township",)

    receipt_code = models.CharField(_("回执码"), max_length=16, unique=True, editable=False)
    description = models.TextField(_("举报内容"))
    place = models.CharField(_("隐患地点"), max_length=200)
    township = models.ForeignKey(
        OrgUnit,
        verbose_name=_("所在乡镇（街道）"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="public_reports",
        limit_choices_to={"kind": OrgUnitKind.TOWNSHIP},
    )
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    # A keyed hash of the sender's address: shows repeated reports from one source, never the address itself.
    address_hash = models.CharField(_("来源标识"), max_length=64, blank=True, editable=False, db_index=True)
    status = models.CharField(
        _("处理状态"), max_length=10, choices=PublicReportStatus.choices, default=PublicReportStatus.PENDING
    )
    hazard = models.ForeignKey(
        "hazards.Hazard",
        verbose_name=_("转为隐患"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="public_reports",
    )
    reject_reason = models.TextField(_("不予受理理由"), blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("处理人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    triaged_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    reward_status = models.CharField(
        _("举报奖励"), max_length=10, choices=RewardStatus.choices, default=RewardStatus.NONE
    )
    reward_amount = models.DecimalField(_("奖励金额（元）"), max_digits=10, decimal_places=2, null=True, blank=True)
    reward_note = models.TextField(_("奖励说明"), blank=True)
    reward_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("奖励登记人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reward_set_at = models.DateTimeField(_("奖励登记时间"), null=True, blank=True)

    objects = PublicReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("群众举报")
        verbose_name_plural = _("群众举报")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status=PublicReportStatus.ACCEPTED, hazard__isnull=False)
                | (~models.Q(status=PublicReportStatus.ACCEPTED) & models.Q(hazard__isnull=True)),
                name="public_report_hazard_when_accepted",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=PublicReportStatus.REJECTED) | ~models.Q(reject_reason=""),
                name="public_report_reject_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(reward_status=RewardStatus.NONE) | models.Q(status=PublicReportStatus.ACCEPTED),
                name="public_report_reward_when_accepted",
            ),
            models.CheckConstraint(
                condition=models.Q(reward_amount__isnull=True) | models.Q(reward_amount__gte=0),
                name="public_report_reward_positive",
            ),
        ]

    def __str__(self):
        return f"{self.display_code} {self.place}"

    @property
    def display_code(self):
        return format_receipt_code(self.receipt_code)

    @property
    def status_css(self):
        return PUBLIC_REPORT_STATUS_CSS[self.status]


class PublicReportPhoto(models.Model):
    """A photo sent with a report, accepted by its content (images only). Copied to the hazard on acceptance."""

    report = models.ForeignKey(
        PublicReport, verbose_name=_("群众举报"), on_delete=models.CASCADE, related_name="photos"
    )
    file = models.FileField(_("照片"), upload_to=photo_upload_path)
    original_name = models.CharField(_("文件名"), max_length=255)
    content_type = models.CharField(_("文件类型"), max_length=100)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("群众举报照片")
        verbose_name_plural = _("群众举报照片")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name
