from django.db import models
from django.utils.translation import gettext_lazy as _


class HazardLevel(models.TextChoices):
    MAJOR = "major", _("重大事故隐患")
    GENERAL = "general", _("一般隐患")


class HazardSource(models.TextChoices):
    SELF_REPORTED = "self", _("自查自报")
    DEPARTMENT_CHECK = "dept_check", _("部门检查")
    ENFORCEMENT = "enforcement", _("执法检查")
    UNANNOUNCED = "unannounced", _("明察暗访")
    PUBLIC_REPORT = "public", _("群众举报")
    ASSIGNED_FROM_ABOVE = "assigned", _("上级交办")


class HazardStatus(models.TextChoices):
    PENDING = "pending", _("待交办")
    RECTIFYING = "rectifying", _("整改中")
    VERIFYING = "verifying", _("待验收")
    CLOSED = "closed", _("已销号")


HAZARD_STATUS_CSS = {
    HazardStatus.PENDING: "secondary",
    HazardStatus.RECTIFYING: "primary",
    HazardStatus.VERIFYING: "warning",
    HazardStatus.CLOSED: "success",
}


class EvidenceStage(models.TextChoices):
    BEFORE = "before", _("整改前")
    AFTER = "after", _("整改后")


class EventKind(models.TextChoices):
    CREATED = "created", _("登记")
    TRANSITION = "transition", _("流转")
    EDITED = "edited", _("修改")
    SUPERVISION = "supervision", _("挂牌督办")
    ESCALATION = "escalation", _("逾期督促")


class EscalationStep(models.TextChoices):
    """The ladder for an overdue hazard; the days after the deadline for each step are settings."""

    NOTICE = "notice", _("整改通知")
    LETTER = "letter", _("督办函")
    BULLETIN = "bulletin", _("通报")


class PublicReportStatus(models.TextChoices):
    """群众举报: waits in the triage queue, then becomes a hazard or is turned down with a reason."""

    PENDING = "pending", _("待处理")
    ACCEPTED = "accepted", _("已转为隐患")
    REJECTED = "rejected", _("不予受理")


PUBLIC_REPORT_STATUS_CSS = {
    PublicReportStatus.PENDING: "warning",
    PublicReportStatus.ACCEPTED: "success",
    PublicReportStatus.REJECTED: "secondary",
}


class RewardStatus(models.TextChoices):
    """举报奖励, set by the county office on accepted reports."""

    NONE = "none", _("无")
    PENDING = "pending", _("待发放")
    PAID = "paid", _("已发放")


class Cadence(models.TextChoices):
    """日周月排查: how often an enterprise goes through a checklist."""

    DAILY = "daily", _("日检查")
    WEEKLY = "weekly", _("周检查")
    MONTHLY = "monthly", _("月检查")


class InspectionResult(models.TextChoices):
    OK = "ok", _("全部正常")
    FINDINGS = "findings", _("发现问题")


INSPECTION_RESULT_CSS = {InspectionResult.OK: "success", InspectionResult.FINDINGS: "danger"}


class AgeBucket(models.TextChoices):
    """How long an open problem has been open (today − found_on), as the problem list counts them."""

    UP_TO_7 = "le7", _("7天以内")
    DAYS_8_30 = "8-30", _("8至30天")
    DAYS_31_60 = "31-60", _("31至60天")
    OVER_60 = "gt60", _("60天以上")


# (fewest days, most days) of each bucket; None is open-ended.
AGE_BUCKET_DAYS = {
    AgeBucket.UP_TO_7: (None, 7),
    AgeBucket.DAYS_8_30: (8, 30),
    AgeBucket.DAYS_31_60: (31, 60),
    AgeBucket.OVER_60: (61, None),
}


class ScorePart(models.TextChoices):
    """The parts of a unit's score under the 评价细则; the points of each are the HAZARD_SCORE_WEIGHTS setting."""

    SELF_FOUND = "self", _("自查自报")
    ON_TIME = "on_time", _("按期整改")
    OVERDUE = "overdue", _("逾期整改")
    BY_OTHERS = "by_others", _("他查发现")
