import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import OrgUnit, TimeStampedModel
from core.querysets import MembersOnlyQuerySet


@pghistory.track()
class Plan(TimeStampedModel):
    """工作要点: one county plan per year."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    title = models.CharField(_("标题"), max_length=200)
    document_number = models.CharField(_("文号"), max_length=50)
    issued_on = models.DateField(_("印发日期"))
    issuer = models.CharField(_("印发机关"), max_length=100)
    general_requirements = models.TextField(_("总体要求"), blank=True)

    objects = MembersOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("年度工作要点")
        verbose_name_plural = _("年度工作要点")
        ordering = ["-year"]

    def __str__(self):
        return self.title


@pghistory.track()
class System(TimeStampedModel):
    """体系: one of the six headings of part 二, pairing a system with a capability."""

    plan = models.ForeignKey(Plan, verbose_name=_("工作要点"), on_delete=models.CASCADE, related_name="systems")
    code = models.CharField(_("序号"), max_length=4, help_text=_("一至六"))
    order = models.PositiveSmallIntegerField(_("排序"))
    title = models.CharField(_("标题"), max_length=100)

    objects = MembersOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("体系")
        verbose_name_plural = _("体系")
        ordering = ["plan", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "order"], name="system_unique_order")]

    def __str__(self):
        return f"（{self.code}）{self.title}"


class PlanEntryQuerySet(MembersOnlyQuerySet):
    def for_unit(self, unit_id):
        """Entries the unit leads or shares."""
        return self.filter(models.Q(lead_unit_id=unit_id) | models.Q(co_units__id=unit_id)).distinct()


class PlanEntry(TimeStampedModel):
    """What work items and key actions share: a numbered paragraph with a lead unit and co-units."""

    number = models.PositiveSmallIntegerField(_("序号"))
    title = models.CharField(_("标题"), max_length=100)
    text = models.TextField(_("全文"))
    lead_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("牵头单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = PlanEntryQuerySet.as_manager()

    class Meta:
        abstract = True


@pghistory.track()
class WorkItem(PlanEntry):
    """工作任务: the 21 numbered paragraphs of part 二."""

    plan = models.ForeignKey(Plan, verbose_name=_("工作要点"), on_delete=models.CASCADE, related_name="work_items")
    system = models.ForeignKey(System, verbose_name=_("体系"), on_delete=models.PROTECT, related_name="work_items")
    co_units = models.ManyToManyField(
        OrgUnit, verbose_name=_("责任单位"), through="WorkItemCoUnit", related_name="co_work_items", blank=True
    )

    class Meta:
        verbose_name = _("工作任务")
        verbose_name_plural = _("工作任务")
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="workitem_unique_number")]

    def __str__(self):
        return f"{self.number}. {self.title}"


@pghistory.track()
class KeyAction(PlanEntry):
    """重点行动: the six actions of part 三."""

    plan = models.ForeignKey(Plan, verbose_name=_("工作要点"), on_delete=models.CASCADE, related_name="key_actions")
    code = models.CharField(_("序号"), max_length=4, help_text=_("一至六"))
    co_units = models.ManyToManyField(
        OrgUnit, verbose_name=_("责任单位"), through="KeyActionCoUnit", related_name="co_key_actions", blank=True
    )

    class Meta:
        verbose_name = _("重点行动")
        verbose_name_plural = _("重点行动")
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="keyaction_unique_number")]

    def __str__(self):
        return f"（{self.code}）{self.title}"


@pghistory.track()
class WorkItemCoUnit(models.Model):
    work_item = models.ForeignKey(WorkItem, verbose_name=_("工作任务"), on_delete=models.CASCADE)
    unit = models.ForeignKey(OrgUnit, verbose_name=_("责任单位"), on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("工作任务责任单位")
        verbose_name_plural = _("工作任务责任单位")
        constraints = [models.UniqueConstraint(fields=["work_item", "unit"], name="workitem_counit_unique")]

    def __str__(self):
        return f"{self.work_item} · {self.unit}"


@pghistory.track()
class KeyActionCoUnit(models.Model):
    key_action = models.ForeignKey(KeyAction, verbose_name=_("重点行动"), on_delete=models.CASCADE)
    unit = models.ForeignKey(OrgUnit, verbose_name=_("责任单位"), on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("重点行动责任单位")
        verbose_name_plural = _("重点行动责任单位")
        constraints = [models.UniqueConstraint(fields=["key_action", "unit"], name="keyaction_counit_unique")]

    def __str__(self):
        return f"{self.key_action} · {self.unit}"


@pghistory.track()
class QuantitativeTarget(TimeStampedModel):
    """量化指标 of the 年度工程治理任务清单 (work item 11), with its unit of measure as the plan writes it."""

    plan = models.ForeignKey(Plan, verbose_name=_("工作要点"), on_delete=models.CASCADE, related_name="targets")
    work_item = models.ForeignKey(
        WorkItem, verbose_name=_("所属工作任务"), on_delete=models.PROTECT, related_name="targets"
    )
    number = models.PositiveSmallIntegerField(_("序号"))
    name = models.CharField(_("指标名称"), max_length=100)
    value = models.DecimalField(_("目标值"), max_digits=12, decimal_places=2)
    unit_of_measure = models.CharField(_("计量单位"), max_length=20)
    source_text = models.CharField(_("原文"), max_length=200, blank=True)
    # A key of tasks.target_sources: the actual is counted from another app's records, not from reports.
    data_source = models.CharField(_("数据来源"), max_length=60, blank=True)

    objects = MembersOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("量化指标")
        verbose_name_plural = _("量化指标")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="target_unique_number"),
            models.CheckConstraint(condition=models.Q(value__gt=0), name="target_value_positive"),
        ]

    def __str__(self):
        return f"{self.name} {self.value.normalize():f}{self.unit_of_measure}"
