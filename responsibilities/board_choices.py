from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _


class ResponsibleRole(models.TextChoices):
    """The four persons named on an enterprise's 监管责任人公示牌."""

    ADMINISTRATIVE = "administrative", _("行政负责")
    INDUSTRY = "industry", _("行业监管")
    PROFESSIONAL = "professional", _("专业监管")
    ENTERPRISE = "enterprise", _("企业（单位）")


class RiskLevel(models.TextChoices):
    """风险分级: 红 重大, 橙 较大, 黄 一般, 蓝 低."""

    RED = "red", _("重大风险")
    ORANGE = "orange", _("较大风险")
    YELLOW = "yellow", _("一般风险")
    BLUE = "blue", _("低风险")


def choice_rank(field_name, choices):
    """An ordering by the choices' declared order (红 before 橙; 行政负责 first), not by their stored text."""
    ranks = (When(**{field_name: value}, then=Value(rank)) for rank, value in enumerate(choices.values))
    return Case(*ranks, output_field=IntegerField())


RISK_LEVEL_RANK = choice_rank("level", RiskLevel)
RESPONSIBLE_ROLE_RANK = choice_rank("role", ResponsibleRole)

# The colours of the four levels (安全风险四色分级), for badges and the printed board.
RISK_LEVEL_COLOURS = {
    RiskLevel.RED: "#e60012",
    RiskLevel.ORANGE: "#f39800",
    RiskLevel.YELLOW: "#ffe100",
    RiskLevel.BLUE: "#0068b7",
}
RISK_LEVEL_COLOUR_NAMES = {
    RiskLevel.RED: _("红"),
    RiskLevel.ORANGE: _("橙"),
    RiskLevel.YELLOW: _("黄"),
    RiskLevel.BLUE: _("蓝"),
}

# The three persons a major-risk board must name: (field prefix, label).
RISK_PERSONS = (
    ("in_charge", _("分管负责人")),
    ("department_head", _("部门负责人")),
    ("direct", _("直接责任人")),
)
