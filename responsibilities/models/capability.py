"""基层应急能力 (plan item 9): a township's "五有" checklist for a year, its equipment and vehicles, and its grid
network (网格) village by village. Writes go through responsibilities.capability_services."""

import pghistory
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.choices import OrgUnitKind
from core.models import OrgUnit, TimeStampedModel
from core.querysets import ScopedQuerySet
from responsibilities.capability_choices import FIVE, AssetCondition, AssetKind, CapabilityLevel


def _level():
    return models.CharField(_("达标情况"), max_length=8, choices=CapabilityLevel.choices, blank=True)


@pghistory.track()
class TownshipCapability(TimeStampedModel):
    """One township's (street's) "五有" for one year: each requirement met, partly met or not met (blank: not
    filled in), with a note and what it rests on."""

    SCOPE_FIELDS = ("township",)

    township = models.ForeignKey(
        OrgUnit,
        verbose_name=_("乡镇（街道）"),
        on_delete=models.PROTECT,
        related_name="capabilities",
        limit_choices_to={"kind": OrgUnitKind.TOWNSHIP},
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    # 有机构
    organisation_level = _level()
    organisation_note = models.TextField(_("有机构说明"), blank=True)
    office_name = models.CharField(_("应急管理机构名称"), max_length=100, blank=True)
    office_document = models.CharField(_("设立文号"), max_length=100, blank=True)
    # 有人员
    staff_level = _level()
    staff_note = models.TextField(_("有人员说明"), blank=True)
    full_time_staff = models.PositiveSmallIntegerField(_("专职人员数"), default=0)
    part_time_staff = models.PositiveSmallIntegerField(_("兼职人员数"), default=0)
    # 有条件: the equipment and vehicles are CapabilityAsset rows
    conditions_level = _level()
    conditions_note = models.TextField(_("有条件说明"), blank=True)
    # 有能力
    ability_level = _level()
    ability_note = models.TextField(_("有能力说明"), blank=True)
    drills_held = models.PositiveSmallIntegerField(_("本年演练次数"), default=0)
    trainings_held = models.PositiveSmallIntegerField(_("本年培训次数"), default=0)
    # 有规则
    rules_level = _level()
    rules_note = models.TextField(_("有规则说明"), blank=True)
    rules_in_place = models.TextField(_("已建立的制度和预案"), blank=True, help_text=_("每行一项"))

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("基层应急能力（五有）")
        verbose_name_plural = _("基层应急能力（五有）")
        ordering = ["-year", "township__sort_order", "township__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["township", "year"],
                name="townshipcapability_unique_year",
                violation_error_message=_("该乡镇（街道）本年度已有“五有”记录。"),
            ),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="townshipcapability_year_range"),
        ]

    def __str__(self):
        return f"{self.township} {self.year}年基层应急能力"

    def clean(self):
        if self.township_id and self.township.kind != OrgUnitKind.TOWNSHIP:
            raise ValidationError({"township": _("请选择乡镇（街道）。")})

    @property
    def levels(self):
        """[(prefix, label, level, note)] of the five, in the plan's order."""
        return [
            (prefix, label, getattr(self, f"{prefix}_level"), getattr(self, f"{prefix}_note")) for prefix, label in FIVE
        ]

    @property
    def falls_short(self):
        return any(level != CapabilityLevel.MET for _p, _l, level, _n in self.levels)


@pghistory.track()
class CapabilityAsset(TimeStampedModel):
    """A line of 有条件: one kind of equipment or vehicle, how many and in what state."""

    SCOPE_FIELDS = ("capability__township",)

    capability = models.ForeignKey(
        TownshipCapability, verbose_name=_("五有记录"), on_delete=models.CASCADE, related_name="assets"
    )
    kind = models.CharField(_("类别"), max_length=16, choices=AssetKind.choices)
    name = models.CharField(_("名称"), max_length=100)
    quantity = models.PositiveIntegerField(_("数量"))
    condition = models.CharField(_("状况"), max_length=8, choices=AssetCondition.choices, default=AssetCondition.GOOD)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("应急装备车辆")
        verbose_name_plural = _("应急装备车辆")
        ordering = ["capability", "kind", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="capabilityasset_quantity_positive"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.name} ×{self.quantity}"


@pghistory.track()
class VillageGrid(TimeStampedModel):
    """网格化: a village's (community's) grids and grid workers in the year. A village counts as covered with at
    least one grid and a named grid worker."""

    SCOPE_FIELDS = ("capability__township",)

    capability = models.ForeignKey(
        TownshipCapability, verbose_name=_("五有记录"), on_delete=models.CASCADE, related_name="grids"
    )
    village = models.ForeignKey(
        OrgUnit,
        verbose_name=_("村（社区）"),
        on_delete=models.PROTECT,
        related_name="grid_counts",
        limit_choices_to={"kind": OrgUnitKind.VILLAGE},
    )
    grid_count = models.PositiveSmallIntegerField(_("网格数"), default=0)
    worker_count = models.PositiveSmallIntegerField(_("网格员数"), default=0)
    worker_names = models.CharField(_("网格员姓名"), max_length=500, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("村（社区）网格")
        verbose_name_plural = _("村（社区）网格")
        ordering = ["capability", "village__sort_order", "village__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["capability", "village"],
                name="villagegrid_unique_village",
                violation_error_message=_("同一村（社区）只能登记一次。"),
            ),
        ]

    def __str__(self):
        return f"{self.village} {self.grid_count}"

    @property
    def covered(self):
        return self.grid_count >= 1 and self.worker_count >= 1 and bool(self.worker_names.strip())
