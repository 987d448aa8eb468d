"""Choices of accident and disaster investigations (事故调查, item 7 of the plan)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InvestigationKind(models.TextChoices):
    PRODUCTION_ACCIDENT = "production_accident", _("生产安全事故")
    NATURAL_DISASTER = "natural_disaster", _("自然灾害")


class AccidentLevel(models.TextChoices):
    GENERAL = "general", _("一般")
    LARGER = "larger", _("较大")
    MAJOR = "major", _("重大")
    ESPECIALLY_MAJOR = "especially_major", _("特别重大")


LEVEL_RANK = {
    AccidentLevel.GENERAL: 0,
    AccidentLevel.LARGER: 1,
    AccidentLevel.MAJOR: 2,
    AccidentLevel.ESPECIALLY_MAJOR: 3,
}
LEVEL_CSS = {
    AccidentLevel.GENERAL: "primary",
    AccidentLevel.LARGER: "warning",
    AccidentLevel.MAJOR: "danger",
    AccidentLevel.ESPECIALLY_MAJOR: "dark",
}

# 《生产安全事故报告和调查处理条例》第三条: the lowest level that a number of deaths (失踪 counted with them)
# or a direct economic loss (万元) makes a production accident; a lower level is refused.
DEATH_THRESHOLDS = [(30, AccidentLevel.ESPECIALLY_MAJOR), (10, AccidentLevel.MAJOR), (3, AccidentLevel.LARGER)]
LOSS_THRESHOLDS = [(10000, AccidentLevel.ESPECIALLY_MAJOR), (5000, AccidentLevel.MAJOR), (1000, AccidentLevel.LARGER)]


class InvestigationStatus(models.TextChoices):
    INVESTIGATING = "investigating", _("调查中")
    CLOSED = "closed", _("已结案")


STATUS_CSS = {InvestigationStatus.INVESTIGATING: "warning", InvestigationStatus.CLOSED: "success"}


# "四不放过": (flag field, date field, label). An investigation is closed (结案) only when all four are ticked.
FOUR_NOTS = [
    ("cause_found", "cause_found_on", _("事故原因未查清不放过")),
    ("persons_handled", "persons_handled_on", _("责任人员未处理不放过")),
    ("measures_done", "measures_done_on", _("整改措施未落实不放过")),
    ("people_educated", "people_educated_on", _("有关人员未受到教育不放过")),
]


class Handling(models.TextChoices):
    """处理意见 of a responsibility finding (三责同追: 党纪、政务、法律责任)."""

    DISCIPLINE = "discipline", _("党纪政务处分")
    ORGANIZATIONAL = "organizational", _("组织处理")
    ADMIN_PENALTY = "admin_penalty", _("行政处罚")
    JUDICIAL = "judicial", _("移送司法机关")
    OTHER = "other", _("其他")
