import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.choices import Sector
from core.models import Enterprise, EvidenceFile, OrgUnit, TimeStampedModel, YearCounter
from core.querysets import ScopedQuerySet
from hazards.choices import EscalationStep, EventKind, EvidenceStage, HazardLevel, HazardSource, HazardStatus


@pghistory.track()
class ProblemList(TimeStampedModel):
    """One of the 八张问题清单; hazards belong to 安全生产和自然灾害问题清单 unless said otherwise."""

    code = models.SlugField(_("编码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=60, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("问题清单类别")
        verbose_name_plural = _("问题清单类别")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.name


class HazardNumber(YearCounter):
    """The last number given in a year. Numbers are taken under a row lock and never given back."""

    class Meta:
        verbose_name = _("隐患编号计数")
        verbose_name_plural = _("隐患编号计数")


class HazardQuerySet(ScopedQuerySet):
    def open(self):
        return self.exclude(status=HazardStatus.CLOSED)


# "HazardEvent" and hazard.events are the timeline below; pghistory's snapshots take other names.
@pghistory.track(model_name="HazardHistory", obj_field=pghistory.ObjForeignKey(related_name="history"))
class Hazard(TimeStampedModel):
    """隐患 / 问题. Its status changes only through hazards.workflow.hazard_transition."""

    SCOPE_FIELDS = ("territory", "supervising_department")

    number = models.CharField(_("编号"), max_length=20, unique=True, editable=False)
    title = models.CharField(_("问题描述"), max_length=200)
    description = models.TextField(_("详细情况"), blank=True)
    sector = models.CharField(_("行业领域"), max_length=32, choices=Sector.choices)
    level = models.CharField(_("隐患等级"), max_length=10, choices=HazardLevel.choices, default=HazardLevel.GENERAL)
    source = models.CharField(_("发现来源"), max_length=12, choices=HazardSource.choices)
    problem_list = models.ForeignKey(
        ProblemList, verbose_name=_("问题清单"), on_delete=models.PROTECT, related_name="hazards"
    )
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("生产经营单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hazards",
    )
    place = models.CharField(_("地点"), max_length=200, blank=True)
    territory = models.ForeignKey(OrgUnit, verbose_name=_("属地单位"), on_delete=models.PROTECT, related_name="hazards")
    supervising_department = models.ForeignKey(
        OrgUnit,
        verbose_name=_("行业监管部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervised_hazards",
    )
    responsible_person = models.CharField(_("整改责任人"), max_length=50, blank=True)
    responsible_phone = models.CharField(_("责任人电话"), max_length=20, blank=True)
    found_on = models.DateField(_("发现日期"))
    deadline = models.DateField(_("整改期限"), db_index=True)  # the reminder sweep selects by it
    measures = models.TextField(_("整改措施"), blank=True)
    funds = models.DecimalField(_("整改资金（万元）"), max_digits=12, decimal_places=2, null=True, blank=True)
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=HazardStatus.choices, default=HazardStatus.PENDING)
    closed_at = models.DateTimeField(_("销号时间"), null=True, blank=True)
    # 挂牌督办, for major hazards
    is_listed = models.BooleanField(_("挂牌督办"), default=False)
    listing_leader = models.CharField(_("督办领导"), max_length=50, blank=True)
    listing_deadline = models.DateField(_("督办期限"), null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = HazardQuerySet.as_manager()

    class Meta:
        verbose_name = _("隐患")
        verbose_name_plural = _("隐患")
        ordering = ["-found_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(deadline__gte=models.F("found_on")), name="hazard_dates"),
            models.CheckConstraint(
                condition=models.Q(is_listed=False) | models.Q(level=HazardLevel.MAJOR), name="hazard_listing_major"
            ),
            models.CheckConstraint(
                condition=models.Q(funds__isnull=True) | models.Q(funds__gte=0), name="hazard_funds_positive"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "deadline"]),
            models.Index(fields=["level", "status"]),
            models.Index(fields=["-found_on", "-id"], name="hazard_newest_first"),  # the list's order
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def is_self_reported(self):
        return self.source == HazardSource.SELF_REPORTED


class HazardEvent(models.Model):
    """The hazard's timeline: every registration, move, edit, listing and escalation, with who and why."""

    hazard = models.ForeignKey(Hazard, verbose_name=_("隐患"), on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("类型"), max_length=12, choices=EventKind.choices)
    from_status = models.CharField(_("原状态"), max_length=12, choices=HazardStatus.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=12, choices=HazardStatus.choices, blank=True)
    step = models.CharField(_("督促环节"), max_length=10, choices=EscalationStep.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    comment = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("隐患处置记录")
        verbose_name_plural = _("隐患处置记录")
        ordering = ["at", "pk"]
        constraints = [
            # Each escalation step happens once per hazard, however often the sweep runs.
            models.UniqueConstraint(
                fields=["hazard", "step"], condition=~models.Q(step=""), name="hazard_escalation_once"
            ),
        ]

    def __str__(self):
        return f"{self.hazard.number} {self.get_kind_display()}"


@pghistory.track()
class HazardEvidence(EvidenceFile):
    """Photos and documents before and after rectification, checked by content."""

    hazard = models.ForeignKey(Hazard, verbose_name=_("隐患"), on_delete=models.CASCADE, related_name="evidence")
    event = models.ForeignKey(
        HazardEvent,
        verbose_name=_("处置记录"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="files",
    )
    stage = models.CharField(_("阶段"), max_length=8, choices=EvidenceStage.choices)

    class Meta(EvidenceFile.Meta):
        verbose_name = _("隐患佐证材料")
        verbose_name_plural = _("隐患佐证材料")


# 群众举报 lives in its own module; imported here so Django finds its models in this app.
# 日周月排查 lives in its own module; importing it here registers its models with the hazards app.
from hazards.models_inspection import (  # noqa: E402, F401
    Checklist,
    ChecklistItem,
    EnterpriseChecklist,
    SelfInspection,
    SelfInspectionFinding,
)
from hazards.models_public import PublicReport, PublicReportPhoto  # noqa: E402, F401
