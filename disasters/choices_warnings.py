"""Choices of warnings (预警): their type and level, the level's colours and the time a township has to answer."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WarningType(models.TextChoices):
    RAINSTORM = "rainstorm", _("暴雨")
    GEOLOGICAL = "geological", _("地质灾害")
    FLASH_FLOOD = "flash_flood", _("山洪")
    FOREST_FIRE = "forest_fire", _("森林火险")
    GALE = "gale", _("大风")
    HEAT = "heat", _("高温")
    COLD_WAVE = "cold_wave", _("寒潮")
    HAIL = "hail", _("冰雹")
    OTHER = "other", _("其他")


class WarningLevel(models.TextChoices):
    BLUE = "blue", _("蓝色")
    YELLOW = "yellow", _("黄色")
    ORANGE = "orange", _("橙色")
    RED = "red", _("红色")


# (background, text) of each level's badge: the colours the warning itself carries.
LEVEL_COLOURS = {
    WarningLevel.BLUE: ("#1d4ed8", "#ffffff"),
    WarningLevel.YELLOW: ("#facc15", "#1f2937"),
    WarningLevel.ORANGE: ("#f97316", "#ffffff"),
    WarningLevel.RED: ("#dc2626", "#ffffff"),
}
# Most severe first: the list shows the red warnings in force at the top.
LEVEL_RANK = {WarningLevel.RED: 4, WarningLevel.ORANGE: 3, WarningLevel.YELLOW: 2, WarningLevel.BLUE: 1}


def ack_minutes(level):
    """Minutes a township has to acknowledge (叫应) a warning of this level (WARNING_ACK_MINUTES_<LEVEL>)."""
    return settings.WARNING_ACK_MINUTES[WarningLevel(level).value]


# 断、禁、停、撤、疏: the fields of a response, in the order the plan names them.
RESPONSE_ACTIONS = (
    ("cut_off", _("断"), _("断电、断路")),
    ("ban_entry", _("禁"), _("禁止进入")),
    ("stop_work", _("停"), _("停工、停课、停业")),
    ("evacuate", _("撤"), _("撤离")),
    ("disperse", _("疏"), _("疏散")),
)
ACTION_FIELDS = tuple(name for name, _short, _long in RESPONSE_ACTIONS)
