import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import OrgUnit, TimeStampedModel
from core.querysets import ScopedQuerySet
from tasks.choices import ExtensionStatus, ReportFrequency
from tasks.models.plan import KeyAction, Plan, QuantitativeTarget, WorkItem


class MeasureQuerySet(ScopedQuerySet):
    def for_entry(self, entry):
        field = "work_item" if isinstance(entry, WorkItem) else "key_action"
        return self.filter(**{field: entry})


@pghistory.track()
class Measure(TimeStampedModel):
    """具体措施: a piece of a work item or key action, owned by one unit and reviewed by its lead unit."""

    SCOPE_FIELDS = ("owner_unit", "lead_unit")

    plan = models.ForeignKey(Plan, verbose_name=_("工作要点"), on_delete=models.CASCADE, related_name="measures")
    work_item = models.ForeignKey(
        WorkItem, verbose_name=_("工作任务"), null=True, blank=True, on_delete=models.PROTECT, related_name="measures"
    )
    key_action = models.ForeignKey(
        KeyAction, verbose_name=_("重点行动"), null=True, blank=True, on_delete=models.PROTECT, related_name="measures"
    )
    title = models.CharField(_("具体措施"), max_length=300)
    deliverable = models.TextField(_("预期成果"), blank=True)
    owner_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=pgettext_lazy("measure", "责任单位"),
        on_delete=models.PROTECT,
        related_name="owned_measures",
    )
    lead_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("牵头（审核）单位"), on_delete=models.PROTECT, related_name="led_measures"
    )
    start_date = models.DateField(_("开始日期"))
    deadline = models.DateField(_("完成时限"), db_index=True)  # the reminder sweep selects by it
    original_deadline = models.DateField(_("原定完成时限"), editable=False)
    frequency = models.CharField(
        _("填报周期"), max_length=12, choices=ReportFrequency.choices, default=ReportFrequency.MONTHLY
    )
    target = models.ForeignKey(
        QuantitativeTarget,
        verbose_name=_("量化指标"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="measures",
    )
    planned_quantity = models.DecimalField(_("计划完成量"), max_digits=12, decimal_places=2, null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = MeasureQuerySet.as_manager()

    class Meta:
        verbose_name = _("具体措施")
        verbose_name_plural = _("具体措施")
        ordering = ["deadline", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(work_item__isnull=False, key_action__isnull=True)
                | models.Q(work_item__isnull=True, key_action__isnull=False),
                name="measure_under_one_entry",
            ),
            models.CheckConstraint(condition=models.Q(deadline__gte=models.F("start_date")), name="measure_dates"),
            models.CheckConstraint(
                condition=models.Q(target__isnull=True, planned_quantity__isnull=True)
                | models.Q(target__isnull=False, planned_quantity__gt=0),
                name="measure_quantity_with_target",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def entry(self):
        return self.work_item or self.key_action

    @property
    def reports_quantity(self):
        return self.target_id is not None


@pghistory.track()
class Milestone(TimeStampedModel):
    measure = models.ForeignKey(
        Measure, verbose_name=_("具体措施"), on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("节点内容"), max_length=200)
    due_date = models.DateField(_("节点时间"))

    class Meta:
        verbose_name = _("时间节点")
        verbose_name_plural = _("时间节点")
        ordering = ["due_date", "pk"]

    def __str__(self):
        return f"{self.due_date} {self.title}"


@pghistory.track()
class TargetAllocation(TimeStampedModel):
    """A unit's share of a quantitative target; the shares should add up to the target."""

    SCOPE_FIELDS = ("unit",)

    target = models.ForeignKey(
        QuantitativeTarget, verbose_name=_("量化指标"), on_delete=models.CASCADE, related_name="allocations"
    )
    unit = models.ForeignKey(OrgUnit, verbose_name=_("承担单位"), on_delete=models.PROTECT, related_name="+")
    quantity = models.DecimalField(_("分解任务量"), max_digits=12, decimal_places=2)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("指标分解")
        verbose_name_plural = _("指标分解")
        ordering = ["target", "unit__sort_order", "unit__code"]
        constraints = [
            models.UniqueConstraint(fields=["target", "unit"], name="allocation_unique_unit"),
            models.CheckConstraint(condition=models.Q(quantity__gt=0), name="allocation_positive"),
        ]

    def __str__(self):
        return f"{self.target.name} · {self.unit}"


@pghistory.track()
class ExtensionRequest(TimeStampedModel):
    """延期申请. Every deadline change is one of these, so the original and each change stay visible."""

    SCOPE_FIELDS = ("measure__owner_unit", "measure__lead_unit")

    measure = models.ForeignKey(
        Measure, verbose_name=_("具体措施"), on_delete=models.CASCADE, related_name="extension_requests"
    )
    previous_deadline = models.DateField(_("原完成时限"))
    requested_deadline = models.DateField(_("申请完成时限"))
    reason = models.TextField(_("延期理由"))
    status = models.CharField(
        _("状态"), max_length=10, choices=ExtensionStatus.choices, default=ExtensionStatus.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("申请人"), on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审批人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_note = models.TextField(_("审批意见"), blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("延期申请")
        verbose_name_plural = _("延期申请")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure"], condition=models.Q(status="pending"), name="extension_one_pending"
            ),
            models.CheckConstraint(
                condition=~models.Q(requested_deadline=models.F("previous_deadline")), name="extension_changes_date"
            ),
        ]

    def __str__(self):
        return f"{self.measure}：{self.previous_deadline} → {self.requested_deadline}"
