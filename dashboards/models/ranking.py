"""The weights of the 晾晒比拼 ranking: one row per metric, edited by the county office, every change kept."""

import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel


class RankingMetric(models.TextChoices):
    """What a township or department is ranked on; the definitions are in dashboards.ranking."""

    REPORTS_ON_TIME = "reports_on_time", _("进展按时填报率")
    SELF_FOUND = "self_found", _("隐患自查自报率")
    CLOSED_ON_TIME = "closed_on_time", _("隐患按期整改率")
    OVERDUE = "overdue", _("隐患逾期率")
    ACKS_ON_TIME = "acks_on_time", _("预警按时叫应率")


# The metrics that lower a score: their weight is zero or negative.
PENALTY_METRICS = {RankingMetric.OVERDUE}
# Warnings are acknowledged by townships only; a department's ranking leaves the metric out.
TOWNSHIP_ONLY_METRICS = {RankingMetric.ACKS_ON_TIME}
# Seeded by the migration; also the weight of a metric whose row is missing.
DEFAULT_WEIGHTS = {
    RankingMetric.REPORTS_ON_TIME: 30,
    RankingMetric.SELF_FOUND: 20,
    RankingMetric.CLOSED_ON_TIME: 20,
    RankingMetric.OVERDUE: -20,
    RankingMetric.ACKS_ON_TIME: 30,
}


@pghistory.track()
class RankingWeight(TimeStampedModel):
    """A metric's weight: the points a unit gets for a rate of 100 % (a rate of 50 % earns half)."""

    metric = models.CharField(_("指标"), max_length=20, choices=RankingMetric.choices, unique=True)
    weight = models.DecimalField(_("权重（分）"), max_digits=4, decimal_places=1)
    is_active = models.BooleanField(_("计入得分"), default=True)

    class Meta:
        verbose_name = _("晾晒比拼指标权重")
        verbose_name_plural = _("晾晒比拼指标权重")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(weight__gte=-100, weight__lte=100), name="ranking_weight_range"),
        ]

    def __str__(self):
        return f"{self.get_metric_display()}：{self.weight}"
