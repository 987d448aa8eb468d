"""Choices of the campaigns (key action 六, item 10) and the best-practice calls (key action 二)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CampaignKind(models.TextChoices):
    SAFETY_MONTH = "safety_month", _("安全生产月")
    DISASTER_DAY = "disaster_day", _("“5·12”防灾减灾日")
    FIVE_INTO_ENTERPRISES = "five_enterprise", _("安全宣传“五进”（进企业）")
    FIVE_INTO_VILLAGES = "five_village", _("安全宣传“五进”（进农村）")
    FIVE_INTO_COMMUNITIES = "five_community", _("安全宣传“五进”（进社区）")
    FIVE_INTO_SCHOOLS = "five_school", _("安全宣传“五进”（进学校）")
    FIVE_INTO_FAMILIES = "five_family", _("安全宣传“五进”（进家庭）")
    ANKANG_CUP = "ankang_cup", _("“安康杯”竞赛")
    YOUTH_POST = "youth_post", _("“青年安全生产示范岗”")
    CULTURE_MODEL = "culture_model", _("安全文化示范创建")
    SCIENCE = "science", _("应急科普")
    OTHER = "other", _("其他")


class CallKind(models.TextChoices):
    BEST_PRACTICE = "best_practice", _("最佳实践案例")
    INNOVATION = "innovation", _("改革创新奖")


class CallStatus(models.TextChoices):
    OPEN = "open", _("征集中")
    REVIEWING = "reviewing", _("评审中")
    PUBLISHED = "published", _("已公布")


class CaseStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已申报")
    RETURNED = "returned", _("已退回")
    SCORED = "scored", _("已评分")
    PUBLISHED = "published", _("已公布")


class Award(models.TextChoices):
    FIRST = "first", _("一等奖")
    SECOND = "second", _("二等奖")
    THIRD = "third", _("三等奖")
    EXCELLENT = "excellent", _("优秀奖")
    NONE = "none", _("未入选")


AWARD_ORDER = {Award.FIRST: 1, Award.SECOND: 2, Award.THIRD: 3, Award.EXCELLENT: 4, Award.NONE: 5}
CALL_STATUS_COLOURS = {CallStatus.OPEN: "success", CallStatus.REVIEWING: "warning", CallStatus.PUBLISHED: "secondary"}
CASE_STATUS_COLOURS = {
    CaseStatus.DRAFT: "secondary",
    CaseStatus.SUBMITTED: "primary",
    CaseStatus.RETURNED: "danger",
    CaseStatus.SCORED: "info",
    CaseStatus.PUBLISHED: "success",
}
