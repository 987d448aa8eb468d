import pghistory
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.choices import OrgUnitKind
from core.models import OrgUnit, TimeStampedModel
from core.querysets import ScopedQuerySet
from disasters.geo import coordinate_errors


class ShelterKind(models.TextChoices):
    """应急避难场所 by the time people stay (GB 21734 and the 应急管理部 grading): 紧急 (hours), 固定 (days to
    weeks), 中心 (the county's central one, with command and medical functions)."""

    EMERGENCY = "emergency", _("紧急避难场所")
    FIXED = "fixed", _("固定避难场所")
    CENTRAL = "central", _("中心避难场所")


@pghistory.track()
class Shelter(TimeStampedModel):
    """应急避难场所, and the natural villages (村/社区) whose people it takes in (自然村全覆盖, item 11)."""

    SCOPE_FIELDS = ("township",)

    code = models.CharField(_("编号"), max_length=30, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=12, choices=ShelterKind.choices, default=ShelterKind.EMERGENCY)
    township = models.ForeignKey(
        OrgUnit,
        verbose_name=_("乡镇（街道）"),
        on_delete=models.PROTECT,
        related_name="shelters",
        limit_choices_to={"kind": OrgUnitKind.TOWNSHIP},
    )
    village = models.ForeignKey(
        OrgUnit,
        verbose_name=_("所在村（社区）"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="village_shelters",
        limit_choices_to={"kind": OrgUnitKind.VILLAGE},
    )
    address = models.CharField(_("地址"), max_length=200, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6)
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6)
    capacity = models.PositiveIntegerField(_("可容纳人数"))
    area_m2 = models.DecimalField(_("面积（平方米）"), max_digits=10, decimal_places=1, default=0)
    manager_name = models.CharField(_("管理人"), max_length=50, blank=True)
    manager_phone = models.CharField(_("管理人电话"), max_length=20, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)
    covered_villages = models.ManyToManyField(
        OrgUnit,
        verbose_name=_("覆盖村（社区）"),
        blank=True,
        through="ShelterCoverage",
        related_name="covering_shelters",
    )
    note = models.TextField(_("备注"), blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("应急避难场所")
        verbose_name_plural = _("应急避难场所")
        ordering = ["township__sort_order", "code"]
        constraints = [
            models.CheckConstraint(condition=models.Q(capacity__gt=0), name="shelter_capacity_positive"),
            models.CheckConstraint(condition=models.Q(area_m2__gte=0), name="shelter_area_not_negative"),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def clean(self):
        errors = coordinate_errors(self.longitude, self.latitude)
        if self.township_id and self.township.kind != OrgUnitKind.TOWNSHIP:
            errors["township"] = _("应急避难场所应属于乡镇（街道）。")
        if self.village_id and self.township_id and self.village.parent_id != self.township_id:
            errors["village"] = _("所选村（社区）不属于%(township)s。") % {"township": self.township.name}
        if self.capacity is not None and self.capacity <= 0:
            errors["capacity"] = _("可容纳人数应大于0。")
        if errors:
            raise ValidationError(errors)


@pghistory.track()
class ShelterCoverage(models.Model):
    """One village a shelter serves; a row of its own so that adding or dropping a village is in the history."""

    shelter = models.ForeignKey(Shelter, verbose_name=_("应急避难场所"), on_delete=models.CASCADE)
    village = models.ForeignKey(
        OrgUnit,
        verbose_name=_("村（社区）"),
        on_delete=models.PROTECT,
        related_name="shelter_coverages",
        limit_choices_to={"kind": OrgUnitKind.VILLAGE},
    )

    class Meta:
        verbose_name = _("避难场所覆盖村")
        verbose_name_plural = _("避难场所覆盖村")
        constraints = [models.UniqueConstraint(fields=["shelter", "village"], name="shelter_coverage_unique")]

    def __str__(self):
        return f"{self.shelter_id} → {self.village_id}"
