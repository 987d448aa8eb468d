from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanFocus(models.TextChoices):
    """What a plan is aimed at (执法重点); the plan's free text says the rest."""

    MAJOR_RISK = "major_risk", _("重大风险")
    MAJOR_HAZARD = "major_hazard", _("重大隐患")
    CAMPAIGN = "campaign", _("专项整治")
    KEY_PERIOD = "key_period", _("重要时段")
    ROUTINE = "routine", _("日常检查")
    OTHER = "other", _("其他")


class SelectionMethod(models.TextChoices):
    MANUAL = "manual", _("手工选取")
    RULE = "rule", _("按条件选取")
