"""Choices of enterprise services and safety credit (items 6 and 8 of the plan)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PersonRole(models.TextChoices):
    PRINCIPAL = "principal", _("主要负责人")
    SAFETY_MANAGER = "safety_manager", _("安全管理人员")


class IncentiveKind(models.TextChoices):
    FUNDING = "funding", _("资金奖励")
    HONOUR = "honour", _("评优评先")
    FEWER_CHECKS = "fewer_checks", _("减少检查频次")
    CREDIT_SUPPORT = "credit_support", _("信贷支持")
    OTHER = "other", _("其他")


class NoticeKind(models.TextChoices):
    INTERVIEW = "interview", _("约谈")
    WARNING_LETTER = "warning_letter", _("警示函")
    EXPOSURE = "exposure", _("公开曝光")


class CreditGrade(models.TextChoices):
    A = "A", _("A级（守信）")
    B = "B", _("B级（基本守信）")
    C = "C", _("C级（失信）")
    D = "D", _("D级（严重失信）")


GRADE_CSS = {CreditGrade.A: "success", CreditGrade.B: "primary", CreditGrade.C: "warning", CreditGrade.D: "danger"}


class ExpiryState(models.TextChoices):
    """Where a certificate or a policy stands against today: derived, never stored."""

    VALID = "valid", _("有效")
    EXPIRING_90 = "expiring_90", _("90天内到期")
    EXPIRING_30 = "expiring_30", _("30天内到期")
    EXPIRED = "expired", _("已过期")


EXPIRY_CSS = {
    ExpiryState.VALID: "success",
    ExpiryState.EXPIRING_90: "info",
    ExpiryState.EXPIRING_30: "warning",
    ExpiryState.EXPIRED: "danger",
}


def expiry_state(expires_on, today):
    if expires_on < today:
        return ExpiryState.EXPIRED
    days = (expires_on - today).days
    if days <= 30:
        return ExpiryState.EXPIRING_30
    if days <= 90:
        return ExpiryState.EXPIRING_90
    return ExpiryState.VALID
