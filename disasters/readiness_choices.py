"""Choices of rescue teams (专、常、群), emergency plans (预案) and drills (演练)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TeamKind(models.TextChoices):
    """ "专常群": 专业救援队伍, 乡镇（街道）综合（常备）救援队伍, 群众（社会）应急力量."""

    PROFESSIONAL = "professional", _("专业救援队伍")
    STANDING = "standing", _("常备（综合）救援队伍")
    VOLUNTEER = "volunteer", _("群众（社会）应急力量")


TEAM_KIND_CSS = {
    TeamKind.PROFESSIONAL: "danger",
    TeamKind.STANDING: "primary",
    TeamKind.VOLUNTEER: "success",
}


class Speciality(models.TextChoices):
    FLOOD = "flood", _("防汛抗旱")
    FOREST_FIRE = "forest_fire", _("森林防灭火")
    GEOHAZARD = "geohazard", _("地质灾害")
    HAZCHEM = "hazchem", _("危险化学品")
    WATER_RESCUE = "water_rescue", _("水域救援")
    COLLAPSE = "collapse", _("建筑物倒塌搜救")
    COMMUNICATION = "communication", _("应急通信")
    MEDICAL = "medical", _("医疗救护")
    GENERAL = "general", _("综合救援")


class PlanLevel(models.TextChoices):
    COUNTY_GENERAL = "county_general", _("县级总体应急预案")
    SPECIAL = "special", _("专项应急预案")
    DEPARTMENT = "department", _("部门应急预案")
    TOWNSHIP = "township", _("乡镇（街道）应急预案")
    ENTERPRISE = "enterprise", _("企事业单位应急预案")


class IncidentKind(models.TextChoices):
    NATURAL_DISASTER = "natural_disaster", _("自然灾害（综合）")
    FLOOD = "flood", _("洪涝干旱")
    GEOHAZARD = "geohazard", _("地质灾害")
    FOREST_FIRE = "forest_fire", _("森林火灾")
    EARTHQUAKE = "earthquake", _("地震")
    WEATHER = "weather", _("气象灾害")
    PRODUCTION_SAFETY = "production_safety", _("生产安全事故")
    HAZCHEM = "hazchem", _("危险化学品事故")
    ROAD_TRAFFIC = "road_traffic", _("道路交通事故")
    FIRE = "fire", _("火灾事故")
    OTHER = "other", _("其他")


class DrillKind(models.TextChoices):
    LIVE = "live", _("实战演练")
    TABLETOP = "tabletop", _("桌面推演")
    COMPREHENSIVE = "comprehensive", _("综合演练")
    SPECIAL = "special", _("专项演练")


# 预案 are revised at least every three years (《突发事件应急预案管理办法》); the default next revision date.
PLAN_REVISION_YEARS = 3
