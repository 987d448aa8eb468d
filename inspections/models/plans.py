import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.choices import OrgUnitKind
from core.models import Enterprise, OrgUnit, TimeStampedModel
from core.querysets import ScopedQuerySet
from inspections.plan_choices import PlanFocus, SelectionMethod


@pghistory.track()
class InspectionPlan(TimeStampedModel):
    """执法计划 of a department for a period: the enterprises it means to visit and how many inspections.
    Its coverage is derived from the inspections (inspections.plan_selectors), never stored."""

    SCOPE_FIELDS = ("department",)

    department = models.ForeignKey(
        OrgUnit,
        verbose_name=_("执法部门"),
        on_delete=models.PROTECT,
        related_name="inspection_plans",
        limit_choices_to={"kind": OrgUnitKind.DEPARTMENT},
    )
    title = models.CharField(_("计划名称"), max_length=150)
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    focus = models.CharField(_("执法重点"), max_length=16, choices=PlanFocus.choices, default=PlanFocus.ROUTINE)
    focus_note = models.CharField(_("重点内容"), max_length=300, blank=True)
    planned_count = models.PositiveIntegerField(_("计划检查次数"), default=0)
    enterprises = models.ManyToManyField(
        Enterprise, verbose_name=_("计划检查单位"), through="PlannedVisit", related_name="inspection_plans"
    )
    selection = models.CharField(
        _("选取方式"), max_length=8, choices=SelectionMethod.choices, default=SelectionMethod.MANUAL
    )
    # The rule's parameters as used (sectors, scales, townships, months, limit, the day it ran), for the record.
    selection_rule = models.JSONField(_("选取条件"), default=dict, blank=True)
    note = models.TextField(_("备注"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("制定人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("执法计划")
        verbose_name_plural = _("执法计划")
        ordering = ["-starts_on", "department__sort_order", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="plan_period_order"),
            models.CheckConstraint(condition=models.Q(planned_count__gte=0), name="plan_planned_count_gte_0"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("inspections:plan-detail", args=[self.pk])

    def clean_fields(self, exclude=None):
        # A negative count gets one message (clean's), not the field validator's as well.
        if self.planned_count is not None and self.planned_count < 0:
            exclude = {*(exclude or ()), "planned_count"}
        super().clean_fields(exclude=exclude)

    def clean(self):
        errors = {}
        if self.department_id and self.department.kind != OrgUnitKind.DEPARTMENT:
            errors["department"] = _("执法计划只能由县级部门制定。")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("结束日期不能早于开始日期。")
        if self.planned_count is not None and self.planned_count < 0:
            errors["planned_count"] = _("计划检查次数不能为负数。")
        if errors:
            raise ValidationError(errors)


@pghistory.track()
class PlannedVisit(models.Model):
    """An enterprise on a plan's list, with the day the visit is planned for, if one is."""

    plan = models.ForeignKey(
        InspectionPlan, verbose_name=_("执法计划"), on_delete=models.CASCADE, related_name="visits"
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("检查单位"), on_delete=models.PROTECT, related_name="planned_visits"
    )
    planned_on = models.DateField(_("计划检查日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("计划检查单位")
        verbose_name_plural = _("计划检查单位")
        ordering = ["plan", "planned_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["plan", "enterprise"], name="planned_visit_unique")]

    def __str__(self):
        return f"{self.plan} · {self.enterprise}"
