import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.choices import OrgUnitKind
from core.models import OrgUnit, TimeStampedModel
from core.querysets import ScopedQuerySet
from disasters.geo import coordinate_errors

DEPOT_OWNER_KINDS = (OrgUnitKind.DEPARTMENT, OrgUnitKind.TOWNSHIP)


class SupplyCategory(models.TextChoices):
    FLOOD = "flood", _("防汛物资")
    FOREST_FIRE = "forest_fire", _("森林防灭火物资")
    EARTHQUAKE_GEO = "earthquake_geo", _("地震地灾物资")
    RELIEF = "relief", _("生活救助物资")
    COMMUNICATION = "communication", _("应急通信装备")
    OTHER = "other", _("其他")


class MovementKind(models.TextChoices):
    IN = "in", _("入库")
    OUT = "out", _("出库")
    ADJUST = "adjust", _("盘点调整")


# Units of measure offered in the forms (a datalist: others may be typed).
UNITS_OF_MEASURE = ("件", "个", "条", "顶", "床", "台", "套", "部", "艘", "辆", "箱", "袋", "吨", "立方米", "米")


def amount_text(amount):
    """12 rather than 12.00, 2.5 rather than 2.50: quantities as people write them."""
    return f"{amount.normalize():f}" if amount is not None else ""


@pghistory.track()
class Depot(TimeStampedModel):
    """物资储备库 of a county department (县应急物资储备库, 应急局) or of a township."""

    SCOPE_FIELDS = ("owner_unit",)

    name = models.CharField(_("名称"), max_length=100, unique=True)
    owner_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("管理单位"),
        on_delete=models.PROTECT,
        related_name="depots",
        limit_choices_to={"kind__in": DEPOT_OWNER_KINDS},
    )
    address = models.CharField(_("地址"), max_length=200, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6)
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6)
    manager_name = models.CharField(_("管理人"), max_length=50, blank=True)
    manager_phone = models.CharField(_("管理人电话"), max_length=20, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("物资储备库")
        verbose_name_plural = _("物资储备库")
        ordering = ["owner_unit__kind", "owner_unit__sort_order", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        errors = coordinate_errors(self.longitude, self.latitude)
        if self.owner_unit_id and self.owner_unit.kind not in DEPOT_OWNER_KINDS:
            errors["owner_unit"] = _("储备库的管理单位应为县级部门或乡镇（街道）。")
        if errors:
            raise ValidationError(errors)


class SupplyItemQuerySet(ScopedQuerySet):
    def low_stock(self):
        return self.filter(quantity__lte=F("low_stock_line"))


@pghistory.track()
class SupplyItem(TimeStampedModel):
    """A kind of supply or equipment held in one depot. Its quantity changes only through
    disasters.supply_services.supply_move, which writes a StockMovement for every change."""

    SCOPE_FIELDS = ("depot__owner_unit",)

    depot = models.ForeignKey(Depot, verbose_name=_("储备库"), on_delete=models.PROTECT, related_name="items")
    category = models.CharField(_("类别"), max_length=16, choices=SupplyCategory.choices)
    name = models.CharField(_("名称"), max_length=100)
    specification = models.CharField(_("规格型号"), max_length=100, blank=True)
    unit_of_measure = models.CharField(_("计量单位"), max_length=10)
    quantity = models.DecimalField(_("库存数量"), max_digits=12, decimal_places=2, default=0)
    low_stock_line = models.DecimalField(_("低库存警戒线"), max_digits=12, decimal_places=2, default=0)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    objects = SupplyItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("物资装备")
        verbose_name_plural = _("物资装备")
        ordering = ["depot__name", "category", "name", "specification"]
        constraints = [
            models.UniqueConstraint(fields=["depot", "name", "specification"], name="supplyitem_unique_in_depot"),
            models.CheckConstraint(condition=Q(quantity__gte=0), name="supplyitem_quantity_not_negative"),
            models.CheckConstraint(condition=Q(low_stock_line__gte=0), name="supplyitem_line_not_negative"),
        ]

    def __str__(self):
        return f"{self.name} {self.specification}".strip()

    @property
    def is_low_stock(self):
        return self.quantity <= self.low_stock_line

    @property
    def quantity_text(self):
        return amount_text(self.quantity)

    @property
    def low_stock_line_text(self):
        return amount_text(self.low_stock_line)


@pghistory.track()
class StockMovement(models.Model):
    """入库, 出库 or 盘点调整 of one item: what was entered, the signed change and the balance after it."""

    SCOPE_FIELDS = ("item__depot__owner_unit",)

    item = models.ForeignKey(SupplyItem, verbose_name=_("物资装备"), on_delete=models.CASCADE, related_name="movements")
    kind = models.CharField(_("类型"), max_length=8, choices=MovementKind.choices)
    # 入库/出库: the amount moved (> 0); 盘点调整: the stock counted (>= 0).
    quantity = models.DecimalField(_("数量"), max_digits=12, decimal_places=2)
    change = models.DecimalField(_("变动"), max_digits=12, decimal_places=2)
    balance = models.DecimalField(_("结存"), max_digits=12, decimal_places=2)
    reason = models.CharField(_("事由"), max_length=200)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("经办人"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("出入库记录")
        verbose_name_plural = _("出入库记录")
        ordering = ["-at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(balance__gte=0), name="stockmovement_balance_not_negative"),
            models.CheckConstraint(condition=Q(quantity__gte=0), name="stockmovement_quantity_not_negative"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {amount_text(self.quantity)}"

    @property
    def change_text(self):
        return ("+" if self.change > 0 else "") + amount_text(self.change)

    @property
    def balance_text(self):
        return amount_text(self.balance)
