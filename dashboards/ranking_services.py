"""Writes of the ranking's weights: only the county office (安委办) makes them; every change is kept by pghistory
with who made it and from which page."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.scoping import scope_for
from dashboards.models import PENALTY_METRICS, RankingMetric, RankingWeight


def _check(values):
    errors = {}
    for metric, (weight, _active) in values.items():
        if not Decimal(-100) <= weight <= Decimal(100):
            errors[metric] = _("权重应在 -100 到 100 之间。")
        elif metric in PENALTY_METRICS and weight > 0:
            errors[metric] = _("“%(metric)s”是扣分项，权重应为负数或 0。") % {"metric": RankingMetric(metric).label}
        elif metric not in PENALTY_METRICS and weight < 0:
            errors[metric] = _("“%(metric)s”是加分项，权重应为正数或 0。") % {"metric": RankingMetric(metric).label}
    if not any(active for _weight, active in values.values()):
        errors.setdefault("__all__", _("至少要有一项指标计入得分。"))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def ranking_weights_set(*, actor, values):
    """values: {metric: (weight, is_active)} for some or all metrics; all saved, or none (ValidationError
    naming each wrong metric)."""
    if not scope_for(actor).changes_all:
        raise PermissionDenied(_("只有安委办可以修改晾晒比拼的指标权重。"))
    values = {RankingMetric(metric).value: (Decimal(w), bool(a)) for metric, (w, a) in values.items()}
    _check(values)
    saved = []
    for metric, (weight, is_active) in values.items():
        row, _created = RankingWeight.objects.select_for_update().get_or_create(
            metric=metric, defaults={"weight": weight, "is_active": is_active}
        )
        if (row.weight, row.is_active) != (weight, is_active):
            row.weight, row.is_active = weight, is_active
            row.save(update_fields=["weight", "is_active", "updated_at"])
        saved.append(row)
    return saved
