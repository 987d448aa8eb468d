from django.db import models
from django.utils.translation import gettext_lazy as _


class RiskKind(models.TextChoices):
    """隐患点类型. The first four are 地质灾害隐患点; the 技防 and 工程治理 targets of item 11 count only those."""

    LANDSLIDE = "landslide", _("滑坡")
    COLLAPSE = "collapse", _("崩塌")
    DEBRIS_FLOW = "debris_flow", _("泥石流")
    SUBSIDENCE = "subsidence", _("地面塌陷")
    DANGEROUS_ROCK = "dangerous_rock", _("危岩")
    WATERLOGGING = "waterlogging", _("易涝点")
    FLASH_FLOOD = "flash_flood", _("山洪危险区")
    FOREST_FIRE = "forest_fire", _("森林火险区")


GEOLOGICAL_KINDS = (RiskKind.LANDSLIDE, RiskKind.COLLAPSE, RiskKind.DEBRIS_FLOW, RiskKind.SUBSIDENCE)
# 地灾隐患点 as the targets of item 11 count them: the geological kinds and 危岩 (managed as 地灾 in Chongqing).
GEOHAZARD_KINDS = (*GEOLOGICAL_KINDS, RiskKind.DANGEROUS_ROCK)

# Map colours by kind (marker fill) — one place, read by the map page and the list badges.
KIND_COLOURS = {
    RiskKind.LANDSLIDE: "#b45309",
    RiskKind.COLLAPSE: "#92400e",
    RiskKind.DEBRIS_FLOW: "#7c2d12",
    RiskKind.SUBSIDENCE: "#a16207",
    RiskKind.DANGEROUS_ROCK: "#6b21a8",
    RiskKind.WATERLOGGING: "#1d4ed8",
    RiskKind.FLASH_FLOOD: "#0e7490",
    RiskKind.FOREST_FIRE: "#b91c1c",
}


class RiskPointState(models.TextChoices):
    MONITORING = "monitoring", _("监测中")
    ENGINEERING = "engineering", _("工程治理中")
    GOVERNED = "governed", _("已治理")
    WRITTEN_OFF = "written_off", _("已核销")


# Bootstrap colour names of the states (list badges) and the map's marker outline.
STATE_COLOURS = {
    RiskPointState.MONITORING: "danger",
    RiskPointState.ENGINEERING: "warning",
    RiskPointState.GOVERNED: "success",
    RiskPointState.WRITTEN_OFF: "secondary",
}
ACTIVE_STATES = (RiskPointState.MONITORING, RiskPointState.ENGINEERING)


class RiskZoneLevel(models.TextChoices):
    HIGH = "high", _("高风险区")
    MEDIUM = "medium", _("中风险区")
    LOW = "low", _("低风险区")


class PatrolKind(models.TextChoices):
    """巡查类型: 汛前排查、汛中巡查、汛后核查 (item 14), 降雨前中后, and routine patrols; every kind counts towards
    a point's cadence."""

    PRE_SEASON = "pre_season", _("汛前排查")
    IN_SEASON = "in_season", _("汛中巡查")
    POST_SEASON = "post_season", _("汛后核查")
    BEFORE_RAIN = "before_rain", _("降雨前")
    DURING_RAIN = "during_rain", _("降雨中")
    AFTER_RAIN = "after_rain", _("降雨后")
    ROUTINE = "routine", _("日常巡查")


class PatrolSituation(models.TextChoices):
    NORMAL = "normal", _("正常")
    ABNORMAL = "abnormal", _("异常")


SITUATION_COLOURS = {PatrolSituation.NORMAL: "success", PatrolSituation.ABNORMAL: "danger"}
