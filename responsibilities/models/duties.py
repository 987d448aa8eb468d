"""Duty lists (责任清单) of leaders and the departments' supervision duties (部门监管职责, "三管三必须").
Writes go through responsibilities.duty_services."""

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.choices import OrgUnitKind, Sector
from core.models import OrgUnit, TimeStampedModel
from core.querysets import MembersOnlyQuerySet


class DutyListKind(models.TextChoices):
    LEADER = "leader", _("党政领导干部责任清单")
    ANNUAL_TASKS = "annual_tasks", _("年度重点任务清单")


@pghistory.track()
class Leader(TimeStampedModel):
    """A person with a post (县长, 分管副县长 …) whose duties are listed; the account is optional."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("账号"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="leader_posts",
    )
    name = models.CharField(_("姓名"), max_length=50)
    post = models.CharField(_("职务"), max_length=100)
    unit = models.ForeignKey(OrgUnit, verbose_name=_("所在单位"), on_delete=models.PROTECT, related_name="leaders")
    is_active = models.BooleanField(_("在任"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    objects = MembersOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("领导干部")
        verbose_name_plural = _("领导干部")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "name", "post"],
                name="leader_unique_post",
                violation_error_message=_("该单位已登记同名同职务的领导干部。"),
            )
        ]

    def __str__(self):
        return f"{self.name}（{self.post}）"


@pghistory.track()
class DutyList(TimeStampedModel):
    leader = models.ForeignKey(Leader, verbose_name=_("领导干部"), on_delete=models.PROTECT, related_name="duty_lists")
    year = models.PositiveSmallIntegerField(_("年度"))
    kind = models.CharField(_("清单类别"), max_length=16, choices=DutyListKind.choices)
    note = models.TextField(_("备注"), blank=True)

    objects = MembersOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("责任清单")
        verbose_name_plural = _("责任清单")
        ordering = ["-year", "leader__sort_order", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["leader", "year", "kind"],
                name="dutylist_unique_leader_year_kind",
                violation_error_message=_("该领导干部本年度已有这一类责任清单。"),
            ),
            models.CheckConstraint(condition=models.Q(year__gte=2000, year__lte=2100), name="dutylist_year_range"),
        ]

    def __str__(self):
        return f"{self.leader.name} {self.year}年{self.get_kind_display()}"


@pghistory.track()
class Duty(TimeStampedModel):
    duty_list = models.ForeignKey(DutyList, verbose_name=_("责任清单"), on_delete=models.CASCADE, related_name="duties")
    order = models.PositiveSmallIntegerField(_("序号"))
    text = models.TextField(_("职责内容"))
    work_items = models.ManyToManyField(
        "tasks.WorkItem", verbose_name=_("关联工作任务"), blank=True, related_name="duties"
    )
    key_actions = models.ManyToManyField(
        "tasks.KeyAction", verbose_name=_("关联重点行动"), blank=True, related_name="duties"
    )

    objects = MembersOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("职责")
        verbose_name_plural = _("职责")
        ordering = ["duty_list", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["duty_list", "order"],
                name="duty_unique_order",
                violation_error_message=_("该清单中已有相同序号的职责。"),
            )
        ]

    def __str__(self):
        return f"{self.order}. {self.text[:30]}"


@pghistory.track()
class SectorSupervision(TimeStampedModel):
    """A department's supervision duty for a sector (管行业必须管安全 …)."""

    sector = models.CharField(_("行业领域"), max_length=32, choices=Sector.choices)
    department = models.ForeignKey(
        OrgUnit,
        verbose_name=_("监管部门"),
        on_delete=models.PROTECT,
        related_name="sector_supervisions",
        limit_choices_to={"kind": OrgUnitKind.DEPARTMENT},
    )
    duty_text = models.TextField(_("监管职责"), blank=True)

    objects = MembersOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("部门监管职责")
        verbose_name_plural = _("部门监管职责")
        ordering = ["sector", "department__sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["sector", "department"],
                name="sectorsupervision_unique",
                violation_error_message=_("该部门已登记这一行业领域的监管职责。"),
            )
        ]

    def __str__(self):
        return f"{self.get_sector_display()}：{self.department}"

    def clean(self):
        if self.department_id and self.department.kind != OrgUnitKind.DEPARTMENT:
            raise ValidationError({"department": _("监管部门应为县级部门。")})


class DutyReportStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")
    REVIEWED = "reviewed", _("已审阅")
    RETURNED = "returned", _("退回")


def duty_report_due(year, half):
    """H1 report due 15 July; H2 report due 15 January of the next year."""
    import datetime

    return datetime.date(year, 7, 15) if half == 1 else datetime.date(year + 1, 1, 15)


@pghistory.track()
class DutyReport(TimeStampedModel):
    """半年述职报告: a leader's report on the duty list for one half-year, submitted and reviewed."""

    leader = models.ForeignKey(Leader, verbose_name=_("领导干部"), on_delete=models.PROTECT, related_name="reports")
    year = models.PositiveSmallIntegerField(_("年度"))
    half = models.PositiveSmallIntegerField(_("半年"), choices=[(1, _("上半年")), (2, _("下半年"))])
    text = models.TextField(_("述职内容"), blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=DutyReportStatus.choices, default=DutyReportStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审阅人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("审阅时间"), null=True, blank=True)
    review_note = models.TextField(_("审阅意见"), blank=True)

    objects = MembersOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("半年述职报告")
        verbose_name_plural = _("半年述职报告")
        ordering = ["-year", "-half", "leader__sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["leader", "year", "half"],
                name="dutyreport_unique_half",
                violation_error_message=_("该领导干部本半年度已有述职报告。"),
            ),
            models.CheckConstraint(condition=models.Q(half__in=[1, 2]), name="dutyreport_half_valid"),
        ]

    def __str__(self):
        return f"{self.leader.name} {self.year}年{self.get_half_display()}述职报告"

    @property
    def due_on(self):
        return duty_report_due(self.year, self.half)
