import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.choices import OrgUnitKind
from core.models import OrgUnit, TimeStampedModel
from core.querysets import ScopedQuerySet
from disasters.geo import coordinate_errors

STATION_OWNER_KINDS = (OrgUnitKind.DEPARTMENT, OrgUnitKind.TOWNSHIP)


class StationKind(models.TextChoices):
    """监测站点类型 (item 20: 雨水情监测站点, video at risk points and key sites, other devices)."""

    RAIN = "rain", _("雨量站")
    WATER_LEVEL = "water_level", _("水位站")
    RAIN_WATER = "rain_water", _("雨量水位站")
    GEO = "geo", _("地灾监测设备")
    VIDEO = "video", _("视频监控点")
    OTHER = "other", _("其他设备")


class StationState(models.TextChoices):
    ONLINE = "online", _("在线")
    OFFLINE = "offline", _("离线")
    FAULTY = "faulty", _("故障")


# Bootstrap colour names of the states: the list's badges and the detail page.
STATION_STATE_COLOURS = {
    StationState.ONLINE: "success",
    StationState.OFFLINE: "danger",
    StationState.FAULTY: "warning",
}
# What a reading may report about the device; offline is never reported, it is concluded from silence.
REPORTED_STATES = (StationState.ONLINE, StationState.FAULTY)


# The station's state moves with each reading (and the offline sweep); the readings themselves are the log,
# so the history keeps the changes people and state make, not one event per reading.
@pghistory.track(exclude=["last_reading_at", "last_value", "last_unit", "updated_at"])
class MonitoringStation(TimeStampedModel):
    """监测站点: a rain or water-level station, a video point or another device at a risk point or key site.
    Its readings come through the API from the external system that owns it; a station silent for longer than
    STATION_OFFLINE_MINUTES is marked offline by disasters.tasks.mark_stations_offline and its unit is told."""

    SCOPE_FIELDS = ("township", "owner_unit")

    code = models.CharField(_("站点编码"), max_length=40, unique=True)
    name = models.CharField(_("站点名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=16, choices=StationKind.choices)
    township = models.ForeignKey(
        OrgUnit,
        verbose_name=_("乡镇（街道）"),
        on_delete=models.PROTECT,
        related_name="monitoring_stations",
        limit_choices_to={"kind": OrgUnitKind.TOWNSHIP},
    )
    village = models.ForeignKey(
        OrgUnit,
        verbose_name=_("村（社区）"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="village_monitoring_stations",
        limit_choices_to={"kind": OrgUnitKind.VILLAGE},
    )
    risk_point = models.ForeignKey(
        "disasters.RiskPoint",
        verbose_name=_("所在隐患点"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stations",
    )
    site = models.CharField(_("重点部位"), max_length=200, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6)
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6)
    # 责任单位: told when the device goes offline; empty means the township itself.
    owner_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("责任单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_monitoring_stations",
    )
    source_system = models.CharField(_("所属系统"), max_length=100, blank=True)
    external_id = models.CharField(_("系统内设备编号"), max_length=100, blank=True)
    state = models.CharField(_("状态"), max_length=10, choices=StationState.choices, default=StationState.ONLINE)
    offline_since = models.DateTimeField(_("离线时间"), null=True, blank=True)
    last_reading_at = models.DateTimeField(_("最近数据时间"), null=True, blank=True)
    last_value = models.DecimalField(_("最近数值"), max_digits=12, decimal_places=3, null=True, blank=True)
    last_unit = models.CharField(_("计量单位"), max_length=16, blank=True)
    is_active = models.BooleanField(_("在用"), default=True)
    note = models.TextField(_("备注"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("监测站点")
        verbose_name_plural = _("监测站点")
        ordering = ["township__sort_order", "code"]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=[s.value for s in StationState]), name="station_state_valid"),
            models.CheckConstraint(
                condition=~Q(state=StationState.OFFLINE) | Q(offline_since__isnull=False),
                name="station_offline_since",
            ),
        ]
        indexes = [models.Index(fields=["is_active", "state"], name="station_active_state")]

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        return reverse("disasters:station-detail", args=[self.pk])

    @property
    def state_colour(self):
        return STATION_STATE_COLOURS[self.state]

    @property
    def responsible_unit(self):
        return self.owner_unit or self.township

    def clean(self):
        errors = coordinate_errors(self.longitude, self.latitude)
        if self.township_id and self.township.kind != OrgUnitKind.TOWNSHIP:
            errors["township"] = _("监测站点应属于乡镇（街道）。")
        if self.village_id and self.township_id and self.village.parent_id != self.township_id:
            errors["village"] = _("所选村（社区）不属于%(township)s。") % {"township": self.township.name}
        if self.risk_point_id and self.township_id and self.risk_point.township_id != self.township_id:
            errors["risk_point"] = _("所选隐患点不属于%(township)s。") % {"township": self.township.name}
        if self.owner_unit_id and self.owner_unit.kind not in STATION_OWNER_KINDS:
            errors["owner_unit"] = _("责任单位应为县级部门或乡镇（街道）。")
        if errors:
            raise ValidationError(errors)


class StationReading(models.Model):
    """One reading or status report of a station, as its system sent it. (station, measured_at) is unique: the
    same reading sent again is the one already kept, never a second row."""

    station = models.ForeignKey(
        MonitoringStation, verbose_name=_("监测站点"), on_delete=models.CASCADE, related_name="readings"
    )
    measured_at = models.DateTimeField(_("监测时间"))
    value = models.DecimalField(_("数值"), max_digits=12, decimal_places=3, null=True, blank=True)
    unit = models.CharField(_("计量单位"), max_length=16, blank=True)
    state = models.CharField(_("上报状态"), max_length=10, choices=StationState.choices, blank=True)
    raw = models.JSONField(_("原始数据"), default=dict, blank=True)
    received_at = models.DateTimeField(_("接收时间"))
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上报账号"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("监测数据")
        verbose_name_plural = _("监测数据")
        ordering = ["-measured_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["station", "measured_at"], name="station_reading_once"),
            models.CheckConstraint(condition=Q(state__in=["", *REPORTED_STATES]), name="station_reading_state_valid"),
        ]

    def __str__(self):
        return f"{self.station_id} {self.measured_at:%Y-%m-%d %H:%M}"
