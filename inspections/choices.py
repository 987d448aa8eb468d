from django.db import models
from django.utils.translation import gettext_lazy as _


class InspectionKind(models.TextChoices):
    ENFORCEMENT = "enforcement", _("执法检查")
    UNDERCOVER = "undercover", _("明察暗访")
    SUPERVISION = "supervision", _("督查检查")
    JOINT = "joint", _("联合检查")


# 执法检查 is an administrative act: two law-enforcement officers at least (行政处罚法 第四十二条).
MIN_INSPECTORS = {InspectionKind.ENFORCEMENT: 2}


class InspectionStatus(models.TextChoices):
    """The three-step loop (三部曲): 检查诊断 → 行政处罚 (where warranted) → 整改复查 → 闭环."""

    RECTIFYING = "rectifying", _("整改中")
    RECHECKED = "rechecked", _("已复查")
    CLOSED = "closed", _("已闭环")


class AnswerValue(models.TextChoices):
    PASS = "pass", _("符合")
    FAIL = "fail", _("不符合")
    NOT_APPLICABLE = "na", _("不适用")


class RecheckResult(models.TextChoices):
    PASSED = "passed", _("整改到位")
    FAILED = "failed", _("整改不到位")


class InspectionEventKind(models.TextChoices):
    RECORDED = "recorded", _("检查诊断")
    FINDING = "finding", _("发现问题")
    PENALTY = "penalty", _("行政处罚")
    RECHECK = "recheck", _("整改复查")
    CLOSED = "closed", _("闭环")
    REOPENED = "reopened", _("重新打开")
    EDITED = "edited", _("修改")


class PartyKind(models.TextChoices):
    """一案双罚: the enterprise and its principal (主要负责人) are fined in one case."""

    ENTERPRISE = "enterprise", _("生产经营单位")
    PERSON = "person", _("个人")
