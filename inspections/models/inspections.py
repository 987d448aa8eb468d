import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.choices import OrgUnitKind, Sector
from core.models import Enterprise, OrgUnit, TimeStampedModel, YearCounter
from core.querysets import ScopedQuerySet
from inspections.choices import AnswerValue, InspectionEventKind, InspectionKind, InspectionStatus, RecheckResult


@pghistory.track()
class ChecklistTemplate(TimeStampedModel):
    """检查表 of a sector, kept by the county office. Editing makes a new version; an inspection keeps the
    answers to the version it used (InspectionAnswer copies each item's text and legal basis)."""

    sector = models.CharField(_("行业领域"), max_length=32, choices=Sector.choices)
    name = models.CharField(_("名称"), max_length=100)
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    is_current = models.BooleanField(_("现行"), default=True)

    class Meta:
        verbose_name = _("检查表")
        verbose_name_plural = _("检查表")
        ordering = ["sector", "name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["sector", "name", "version"], name="checklist_template_version"),
            models.UniqueConstraint(
                fields=["sector", "name"], condition=models.Q(is_current=True), name="checklist_template_one_current"
            ),
        ]

    def __str__(self):
        return f"{self.name}（第{self.version}版）"


@pghistory.track()
class ChecklistItem(models.Model):
    template = models.ForeignKey(
        ChecklistTemplate, verbose_name=_("检查表"), on_delete=models.CASCADE, related_name="items"
    )
    order = models.PositiveSmallIntegerField(_("序号"))
    text = models.CharField(_("检查内容"), max_length=300)
    legal_basis = models.CharField(_("依据"), max_length=300)

    class Meta:
        verbose_name = _("检查项")
        verbose_name_plural = _("检查项")
        ordering = ["template", "order"]
        constraints = [models.UniqueConstraint(fields=["template", "order"], name="checklist_item_order")]

    def __str__(self):
        return self.text


class InspectionNumber(YearCounter):
    """The last inspection number given in a year; taken under a row lock, never given back."""

    class Meta:
        verbose_name = _("检查编号计数")
        verbose_name_plural = _("检查编号计数")


@pghistory.track(model_name="InspectionHistory", obj_field=pghistory.ObjForeignKey(related_name="history"))
class Inspection(TimeStampedModel):
    """检查 of an enterprise or a place by a department. Its status moves only through
    inspections.workflow: 整改中 → 已复查 (复查 recorded) → 已闭环 (every hazard of its findings closed)."""

    SCOPE_FIELDS = ("department", "township")

    number = models.CharField(_("编号"), max_length=20, unique=True, editable=False)
    kind = models.CharField(_("检查类型"), max_length=12, choices=InspectionKind.choices)
    department = models.ForeignKey(
        OrgUnit,
        verbose_name=_("检查部门"),
        on_delete=models.PROTECT,
        related_name="inspections",
        limit_choices_to={"kind": OrgUnitKind.DEPARTMENT},
    )
    inspectors = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("检查人员"), related_name="+")
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("被检查单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    place = models.CharField(_("检查地点"), max_length=200, blank=True)
    township = models.ForeignKey(
        OrgUnit,
        verbose_name=_("所在乡镇（街道）"),
        on_delete=models.PROTECT,
        related_name="township_inspections",
        limit_choices_to={"kind": OrgUnitKind.TOWNSHIP},
    )
    inspected_on = models.DateField(_("检查日期"), db_index=True)
    checklist = models.ForeignKey(
        ChecklistTemplate,
        verbose_name=_("检查表"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    summary = models.TextField(_("检查情况"), blank=True)
    status = models.CharField(
        _("状态"), max_length=12, choices=InspectionStatus.choices, default=InspectionStatus.RECTIFYING
    )
    recheck_due = models.DateField(_("复查期限"), null=True, blank=True, db_index=True)
    rechecked_on = models.DateField(_("复查日期"), null=True, blank=True)
    recheck_result = models.CharField(_("复查结论"), max_length=8, choices=RecheckResult.choices, blank=True)
    recheck_note = models.TextField(_("复查情况"), blank=True)
    closed_at = models.DateTimeField(_("闭环时间"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    plan = models.ForeignKey(
        "inspections.InspectionPlan",
        verbose_name=_("执法计划"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inspections",
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("检查")
        verbose_name_plural = _("检查")
        ordering = ["-inspected_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rechecked_on__isnull=True) | models.Q(rechecked_on__gte=models.F("inspected_on")),
                name="inspection_recheck_after",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=InspectionStatus.CLOSED) | models.Q(closed_at__isnull=False),
                name="inspection_closed_at",
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.enterprise.name if self.enterprise_id else self.place}"

    def get_absolute_url(self):
        return reverse("inspections:inspection-detail", args=[self.pk])


class InspectionAnswer(models.Model):
    """One checklist item as answered; the item's text and basis are copied, so later edits of the template
    never change what this inspection checked (the frozen version)."""

    inspection = models.ForeignKey(Inspection, verbose_name=_("检查"), on_delete=models.CASCADE, related_name="answers")
    order = models.PositiveSmallIntegerField(_("序号"))
    text = models.CharField(_("检查内容"), max_length=300)
    legal_basis = models.CharField(_("依据"), max_length=300)
    value = models.CharField(_("结果"), max_length=4, choices=AnswerValue.choices)
    note = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("检查表答复")
        verbose_name_plural = _("检查表答复")
        ordering = ["inspection", "order"]
        constraints = [models.UniqueConstraint(fields=["inspection", "order"], name="inspection_answer_order")]

    def __str__(self):
        return f"{self.text}：{self.get_value_display()}"


@pghistory.track()
class Finding(TimeStampedModel):
    """A problem found (发现问题); it opens a hazard in the hazard loop (hazards.services.hazard_create)."""

    SCOPE_FIELDS = ("inspection__department", "inspection__township")

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("检查"), on_delete=models.CASCADE, related_name="findings"
    )
    description = models.CharField(_("问题描述"), max_length=200)
    legal_basis = models.CharField(_("违反的规定"), max_length=300, blank=True)
    deadline = models.DateField(_("整改期限"))
    hazard = models.OneToOneField(
        "hazards.Hazard",
        verbose_name=_("隐患"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspection_finding",
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("检查发现的问题")
        verbose_name_plural = _("检查发现的问题")
        ordering = ["inspection", "pk"]

    def __str__(self):
        return self.description


class InspectionEvent(models.Model):
    """The inspection's timeline: who did what, when and why (检查, 处罚, 复查, 闭环 …)."""

    inspection = models.ForeignKey(Inspection, verbose_name=_("检查"), on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("事项"), max_length=12, choices=InspectionEventKind.choices)
    from_status = models.CharField(_("原状态"), max_length=12, choices=InspectionStatus.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=12, choices=InspectionStatus.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    comment = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("检查处置记录")
        verbose_name_plural = _("检查处置记录")
        ordering = ["inspection", "at", "pk"]

    def __str__(self):
        return f"{self.inspection} {self.get_kind_display()}"
