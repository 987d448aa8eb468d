"""日周月排查: checklists, who is expected to go through which, and the checks recorded against them.

Imported at the end of hazards.models, so Django finds the models in the hazards app.
"""

import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.choices import Sector
from core.models import Enterprise, TimeStampedModel
from core.querysets import ScopedQuerySet
from hazards.choices import Cadence, InspectionResult

ENTERPRISE_SCOPE = ("enterprise__township", "enterprise__supervising_department")


@pghistory.track()
class Checklist(TimeStampedModel):
    """检查表: the items an enterprise goes through every day, week or month."""

    name = models.CharField(_("检查表名称"), max_length=100, unique=True)
    sector = models.CharField(_("行业领域"), max_length=32, choices=Sector.choices, blank=True)
    cadence = models.CharField(_("检查频次"), max_length=8, choices=Cadence.choices)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("自查检查表")
        verbose_name_plural = _("自查检查表")
        ordering = ["name"]

    def __str__(self):
        return self.name


@pghistory.track()
class ChecklistItem(models.Model):
    checklist = models.ForeignKey(Checklist, verbose_name=_("检查表"), on_delete=models.CASCADE, related_name="items")
    text = models.CharField(_("检查内容"), max_length=300)
    order = models.PositiveSmallIntegerField(_("序号"))

    class Meta:
        verbose_name = _("检查项")
        verbose_name_plural = _("检查项")
        ordering = ["checklist", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["checklist", "order"], name="checklist_item_order_unique")]

    def __str__(self):
        return f"{self.order}. {self.text}"


@pghistory.track()
class EnterpriseChecklist(TimeStampedModel):
    """Which checklist an enterprise is expected to go through, from which day: what a missed check is
    measured against."""

    SCOPE_FIELDS = ENTERPRISE_SCOPE

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("生产经营单位"), on_delete=models.CASCADE, related_name="checklist_assignments"
    )
    checklist = models.ForeignKey(
        Checklist, verbose_name=_("检查表"), on_delete=models.PROTECT, related_name="assignments"
    )
    since = models.DateField(_("起始日期"))

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("企业自查任务")
        verbose_name_plural = _("企业自查任务")
        ordering = ["enterprise__name", "checklist__name"]
        constraints = [models.UniqueConstraint(fields=["enterprise", "checklist"], name="enterprise_checklist_unique")]

    def __str__(self):
        return f"{self.enterprise} · {self.checklist}"


class SelfInspection(TimeStampedModel):
    """One check of one period. Written once by hazards.self_inspection.self_inspection_record, never edited."""

    SCOPE_FIELDS = ENTERPRISE_SCOPE

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("生产经营单位"), on_delete=models.PROTECT, related_name="self_inspections"
    )
    checklist = models.ForeignKey(
        Checklist, verbose_name=_("检查表"), on_delete=models.PROTECT, related_name="inspections"
    )
    cadence = models.CharField(_("检查频次"), max_length=8, choices=Cadence.choices)
    period_start = models.DateField(_("检查周期"))
    performed_on = models.DateField(_("检查日期"))
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("记录人"), on_delete=models.PROTECT, related_name="+"
    )
    result = models.CharField(_("检查结果"), max_length=10, choices=InspectionResult.choices)
    note = models.TextField(_("备注"), blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("日周月自查记录")
        verbose_name_plural = _("日周月自查记录")
        ordering = ["-performed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "checklist", "period_start"], name="self_inspection_once_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(performed_on__gte=models.F("period_start")), name="self_inspection_in_period"
            ),
        ]

    def __str__(self):
        return f"{self.enterprise} · {self.checklist} · {self.performed_on}"

    @property
    def period_label(self):
        from hazards.cadence import period_label

        return period_label(self.period_start, self.cadence)


class SelfInspectionFinding(models.Model):
    """A problem found in a check: against one checklist item or, with no item, written freely. It opens a
    hazard marked 自查自报."""

    inspection = models.ForeignKey(
        SelfInspection, verbose_name=_("自查记录"), on_delete=models.CASCADE, related_name="findings"
    )
    item = models.ForeignKey(
        ChecklistItem,
        verbose_name=_("检查项"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="findings",
    )
    description = models.TextField(_("问题描述"))
    hazard = models.ForeignKey(
        "hazards.Hazard",
        verbose_name=_("登记的隐患"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="self_inspection_findings",
    )

    class Meta:
        verbose_name = _("自查发现问题")
        verbose_name_plural = _("自查发现问题")
        ordering = ["inspection", "pk"]

    def __str__(self):
        return self.description[:50]
