"""A bulletin (通报) asked for by a person: which period, which unit (none: the county), its 文号, and the
generation job's state; the .docx and the PDF once generated. Files are served only by the portal's views."""

import uuid

import pghistory
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import OrgUnit, TimeStampedModel, YearCounter
from core.querysets import ScopedQuerySet
from dashboards.bulletin_choices import BULLETIN_MAX_ATTEMPTS, BULLETIN_STATUS_CSS, BulletinKind, BulletinStatus
from dashboards.bulletin_periods import period_label


class BulletinNumber(YearCounter):
    """The last 文号 number given in a year. Numbers are taken under a row lock and never given back."""

    class Meta:
        verbose_name = _("通报文号计数")
        verbose_name_plural = _("通报文号计数")


def bulletin_upload_path(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"dashboards/bulletins/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


@pghistory.track(exclude=["progress", "updated_at"], obj_field=pghistory.ObjForeignKey(related_name="history"))
class Bulletin(TimeStampedModel):
    SCOPE_FIELDS = ("unit",)  # a county bulletin (no unit) is seen by county-wide roles only

    kind = models.CharField(_("类型"), max_length=10, choices=BulletinKind.choices)
    period_start = models.DateField(_("期间起始日"), help_text=_("月份或季度的第一天"))
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    number_year = models.PositiveSmallIntegerField(_("文号年份"))
    number = models.PositiveIntegerField(_("文号序号"))
    status = models.CharField(_("状态"), max_length=10, choices=BulletinStatus.choices, default=BulletinStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("进度（%）"), default=0)
    attempts = models.PositiveSmallIntegerField(_("生成次数"), default=0)
    started_at = models.DateTimeField(_("开始生成时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("生成完成时间"), null=True, blank=True)
    error = models.TextField(_("失败原因"), blank=True)
    docx = models.FileField(_("Word 文件"), upload_to=bulletin_upload_path, blank=True)
    pdf = models.FileField(_("PDF 文件"), upload_to=bulletin_upload_path, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("申请人"), on_delete=models.PROTECT, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("通报")
        verbose_name_plural = _("通报")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["number_year", "number"], name="bulletin_number_unique"),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="bulletin_progress_range"),
            models.CheckConstraint(
                condition=~models.Q(status=BulletinStatus.DONE) | (~models.Q(docx="") & ~models.Q(pdf="")),
                name="bulletin_done_has_files",
            ),
        ]

    def __str__(self):
        return f"{self.document_number} {self.title}"

    @property
    def document_number(self):
        """The 文号, e.g. 垫安办〔2024〕12号."""
        return f"{settings.BULLETIN_NUMBER_PREFIX}〔{self.number_year}〕{self.number}号"

    @property
    def period_label(self):
        return period_label(self.kind, self.period_start)

    @property
    def subject(self):
        return self.unit.display_name if self.unit_id else _("全县")

    @property
    def title(self):
        return _("%(who)s安全生产和自然灾害防治工作%(kind)s（%(period)s）") % {
            "who": self.subject if self.unit_id else _("垫江县"),
            "kind": self.get_kind_display(),
            "period": self.period_label,
        }

    @property
    def is_finished(self):
        """Done, or failed with no automatic retry left: the page stops polling."""
        if self.status == BulletinStatus.FAILED:
            return self.attempts >= BULLETIN_MAX_ATTEMPTS
        return self.status == BulletinStatus.DONE

    @property
    def status_css(self):
        return BULLETIN_STATUS_CSS.get(self.status, "secondary")
