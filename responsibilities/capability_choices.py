"""The "五有" of a township's emergency capability (plan item 9) and how each is judged."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CapabilityLevel(models.TextChoices):
    MET = "met", _("达标")
    PARTLY = "partly", _("部分达标")
    NOT_MET = "not_met", _("未达标")


# The five requirements: (field prefix, label). Each has `<prefix>_level` and `<prefix>_note` on the record.
FIVE = (
    ("organisation", _("有机构")),
    ("staff", _("有人员")),
    ("conditions", _("有条件")),
    ("ability", _("有能力")),
    ("rules", _("有规则")),
)

# Bootstrap colours of the county table: met green, partly yellow, not met red, not filled grey.
LEVEL_COLOURS = {
    CapabilityLevel.MET: "success",
    CapabilityLevel.PARTLY: "warning",
    CapabilityLevel.NOT_MET: "danger",
    "": "secondary",
}


class AssetKind(models.TextChoices):
    EQUIPMENT = "equipment", _("装备")
    VEHICLE = "vehicle", _("车辆")


class AssetCondition(models.TextChoices):
    GOOD = "good", _("完好")
    WORN = "worn", _("待维修")
    BROKEN = "broken", _("损坏")
