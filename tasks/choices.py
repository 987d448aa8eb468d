from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportFrequency(models.TextChoices):
    WEEKLY = "weekly", _("每周")
    MONTHLY = "monthly", _("每月")
    QUARTERLY = "quarterly", _("每季度")


class MeasureStatus(models.TextChoices):
    """Derived from dates and approved progress, never typed (see tasks.selectors.annotate_status)."""

    NOT_STARTED = "not_started", _("未开始")
    IN_PROGRESS = "in_progress", _("推进中")
    BEHIND = "behind", _("滞后")
    OVERDUE = "overdue", _("逾期")
    DONE = "done", _("已完成")


class SupervisionColour(models.TextChoices):
    """三色督办: blue when the deadline is near, yellow when behind schedule, red when overdue."""

    NONE = "none", _("正常")
    BLUE = "blue", _("蓝色督办")
    YELLOW = "yellow", _("黄色督办")
    RED = "red", _("红色督办")


STATUS_CSS = {
    MeasureStatus.NOT_STARTED: "secondary",
    MeasureStatus.IN_PROGRESS: "primary",
    MeasureStatus.BEHIND: "warning",
    MeasureStatus.OVERDUE: "danger",
    MeasureStatus.DONE: "success",
}
COLOUR_CSS = {
    SupervisionColour.NONE: "light",
    SupervisionColour.BLUE: "info",
    SupervisionColour.YELLOW: "warning",
    SupervisionColour.RED: "danger",
}


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")
    APPROVED = "approved", _("已通过")
    RETURNED = "returned", _("已退回")


REPORT_STATUS_CSS = {
    ReportStatus.DRAFT: "secondary",
    ReportStatus.SUBMITTED: "primary",
    ReportStatus.APPROVED: "success",
    ReportStatus.RETURNED: "danger",
}


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", _("待审批")
    APPROVED = "approved", _("已批准")
    REFUSED = "refused", _("未批准")
