import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.choices import OrgUnitKind
from core.models import OrgUnit, TimeStampedModel
from core.querysets import ScopedQuerySet
from disasters.choices import ACTIVE_STATES, KIND_COLOURS, STATE_COLOURS, RiskKind, RiskPointState, RiskZoneLevel
from disasters.geo import coordinate_errors


@pghistory.track()
class RiskZone(TimeStampedModel):
    """风险区: the area around one or more risk points that is managed as a whole ("隐患点+风险区" 双控)."""

    SCOPE_FIELDS = ("township",)

    code = models.CharField(_("编号"), max_length=30, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    township = models.ForeignKey(
        OrgUnit,
        verbose_name=_("乡镇（街道）"),
        on_delete=models.PROTECT,
        related_name="risk_zones",
        limit_choices_to={"kind": OrgUnitKind.TOWNSHIP},
    )
    level = models.CharField(_("风险等级"), max_length=8, choices=RiskZoneLevel.choices, default=RiskZoneLevel.MEDIUM)
    area_description = models.CharField(_("范围"), max_length=200, blank=True)
    households = models.PositiveIntegerField(_("影响户数"), default=0)
    people = models.PositiveIntegerField(_("影响人数"), default=0)
    responsible_person = models.CharField(_("责任人"), max_length=50, blank=True)
    responsible_phone = models.CharField(_("责任人电话"), max_length=20, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("风险区")
        verbose_name_plural = _("风险区")
        ordering = ["township__sort_order", "code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        return reverse("disasters:risk-zone-detail", args=[self.pk])

    def clean(self):
        if self.township_id and self.township.kind != OrgUnitKind.TOWNSHIP:
            raise ValidationError({"township": _("风险区应属于乡镇（街道）。")})


class RiskPointQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(state__in=ACTIVE_STATES)


@pghistory.track()
class RiskPoint(TimeStampedModel):
    """隐患点: a geological hazard point, dangerous rock, waterlogging point, flash-flood or forest-fire area.
    Its state changes through disasters.services.risk_point_update, which keeps the dates the targets count."""

    SCOPE_FIELDS = ("township", "supervising_department")

    code = models.CharField(_("统一编号"), max_length=30, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=16, choices=RiskKind.choices)
    township = models.ForeignKey(
        OrgUnit,
        verbose_name=_("乡镇（街道）"),
        on_delete=models.PROTECT,
        related_name="risk_points",
        limit_choices_to={"kind": OrgUnitKind.TOWNSHIP},
    )
    village = models.ForeignKey(
        OrgUnit,
        verbose_name=_("村（社区）"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="village_risk_points",
        limit_choices_to={"kind": OrgUnitKind.VILLAGE},
    )
    # 行业主管部门 (规划自然资源 for 地灾, 水利 for 山洪, 林业 for 森林火险 …): sees and updates the point too.
    supervising_department = models.ForeignKey(
        OrgUnit,
        verbose_name=_("主管部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervised_risk_points",
        limit_choices_to={"kind": OrgUnitKind.DEPARTMENT},
    )
    place = models.CharField(_("具体位置"), max_length=200, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6)
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6)
    households = models.PositiveIntegerField(_("威胁户数"), default=0)
    people = models.PositiveIntegerField(_("威胁人数"), default=0)
    property_value = models.DecimalField(_("威胁财产（万元）"), max_digits=12, decimal_places=2, default=0)
    monitor_name = models.CharField(_("群测群防员"), max_length=50, blank=True)
    monitor_phone = models.CharField(_("群测群防员电话"), max_length=20, blank=True)
    responsible_person = models.CharField(_("责任人"), max_length=50, blank=True)
    responsible_phone = models.CharField(_("责任人电话"), max_length=20, blank=True)
    has_monitoring = models.BooleanField(_("已建技防"), default=False)
    monitoring_installed_on = models.DateField(_("技防建成日期"), null=True, blank=True)
    state = models.CharField(
        _("状态"), max_length=12, choices=RiskPointState.choices, default=RiskPointState.MONITORING
    )
    governed_on = models.DateField(_("治理完成日期"), null=True, blank=True)
    written_off_on = models.DateField(_("核销日期"), null=True, blank=True)
    zones = models.ManyToManyField(RiskZone, verbose_name=_("所属风险区"), blank=True, related_name="points")
    # 巡查频次: required patrols a week in the flood season, and a month outside it.
    patrols_per_week_in_season = models.PositiveSmallIntegerField(_("汛期每周巡查次数"), default=2)
    patrols_per_month_off_season = models.PositiveSmallIntegerField(_("非汛期每月巡查次数"), default=1)
    note = models.TextField(_("备注"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = RiskPointQuerySet.as_manager()

    class Meta:
        verbose_name = _("隐患点")
        verbose_name_plural = _("隐患点")
        ordering = ["township__sort_order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(has_monitoring=False, monitoring_installed_on__isnull=True)
                | models.Q(has_monitoring=True, monitoring_installed_on__isnull=False),
                name="riskpoint_monitoring_date",
            ),
            models.CheckConstraint(
                condition=~models.Q(state=RiskPointState.GOVERNED) | models.Q(governed_on__isnull=False),
                name="riskpoint_governed_date",
            ),
            models.CheckConstraint(
                condition=~models.Q(state=RiskPointState.WRITTEN_OFF) | models.Q(written_off_on__isnull=False),
                name="riskpoint_written_off_date",
            ),
            models.CheckConstraint(condition=models.Q(property_value__gte=0), name="riskpoint_property_positive"),
        ]
        indexes = [models.Index(fields=["state", "kind"], name="riskpoint_state_kind")]

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        return reverse("disasters:risk-point-detail", args=[self.pk])

    @property
    def state_colour(self):
        return STATE_COLOURS[self.state]

    @property
    def kind_colour(self):
        return KIND_COLOURS[self.kind]

    def clean(self):
        errors = coordinate_errors(self.longitude, self.latitude)
        if self.township_id and self.township.kind != OrgUnitKind.TOWNSHIP:
            errors["township"] = _("隐患点应属于乡镇（街道）。")
        if self.village_id and self.township_id and self.village.parent_id != self.township_id:
            errors["village"] = _("所选村（社区）不属于%(township)s。") % {"township": self.township.name}
        dept = self.supervising_department
        if dept is not None and dept.kind != OrgUnitKind.DEPARTMENT:
            errors["supervising_department"] = _("主管部门必须是县级部门。")
        if self.has_monitoring and not self.monitoring_installed_on:
            errors["monitoring_installed_on"] = _("已建技防的隐患点须填写技防建成日期。")
        if not self.has_monitoring and self.monitoring_installed_on:
            errors["monitoring_installed_on"] = _("未建技防的隐患点不应填写技防建成日期。")
        if self.state == RiskPointState.GOVERNED and not self.governed_on:
            errors["governed_on"] = _("状态为已治理时须填写治理完成日期。")
        if self.state == RiskPointState.WRITTEN_OFF and not self.written_off_on:
            errors["written_off_on"] = _("状态为已核销时须填写核销日期。")
        if errors:
            raise ValidationError(errors)
