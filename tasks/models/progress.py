import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import EvidenceFile, OrgUnit, TimeStampedModel
from core.querysets import ScopedQuerySet
from tasks.choices import ReportStatus
from tasks.models.measures import Measure


@pghistory.track()
class ProgressReport(TimeStampedModel):
    """进展填报: one per measure and period, written by the owner unit, reviewed by the lead unit."""

    SCOPE_FIELDS = ("measure__owner_unit", "measure__lead_unit")

    measure = models.ForeignKey(Measure, verbose_name=_("具体措施"), on_delete=models.PROTECT, related_name="reports")
    unit = models.ForeignKey(OrgUnit, verbose_name=_("填报单位"), on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField(_("填报周期"))
    percent = models.DecimalField(_("完成进度（%）"), max_digits=5, decimal_places=2, null=True, blank=True)
    quantity = models.DecimalField(_("本期完成量"), max_digits=12, decimal_places=2, null=True, blank=True)
    done_text = models.TextField(_("完成情况"))
    problems = models.TextField(_("存在问题"), blank=True)
    next_steps = models.TextField(_("下步打算"), blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    return_reason = models.TextField(_("退回理由"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("填报人"), on_delete=models.PROTECT, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("进展填报")
        verbose_name_plural = _("进展填报")
        ordering = ["-period_start", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "period_start"], name="report_one_per_period"),
            models.CheckConstraint(
                condition=models.Q(percent__isnull=True) | models.Q(percent__gte=0, percent__lte=100),
                name="report_percent_range",
            ),
            models.CheckConstraint(
                condition=models.Q(quantity__isnull=True) | models.Q(quantity__gte=0), name="report_quantity_positive"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="returned") | ~models.Q(return_reason=""), name="report_return_has_reason"
            ),
        ]
        # A measure's latest approved percent as of a day (tasks.status) is read from this index alone.
        indexes = [
            models.Index(
                fields=["measure", "-period_start"],
                name="report_approved_latest",
                condition=models.Q(status="approved"),
                include=["percent", "quantity", "reviewed_at"],
            ),
            models.Index(fields=["-period_start", "-id"], name="report_newest_first"),  # the list's order
        ]

    def __str__(self):
        return f"{self.measure} · {self.period_start:%Y-%m-%d}"


@pghistory.track()
class ReportEvidence(EvidenceFile):
    """佐证材料. Files are checked by content on upload and served only to those who may see the report."""

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("进展填报"), on_delete=models.CASCADE, related_name="evidence"
    )
    # Always someone: a report's evidence is uploaded by the person writing it.
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("上传人"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta(EvidenceFile.Meta):
        verbose_name = _("佐证材料")
        verbose_name_plural = _("佐证材料")


class ReportTransition(models.Model):
    """One row per state change of a report: who, when, from what to what, and why."""

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("进展填报"), on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(_("原状态"), max_length=10, choices=ReportStatus.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=10, choices=ReportStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("填报流转记录")
        verbose_name_plural = _("填报流转记录")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.report}：{self.from_status or '—'} → {self.to_status}"
