"""The item-11 targets counted from the risk-point register instead of progress reports."""

from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tasks.target_sources import TargetSource, register_target_source


def _geohazard_points():
    from disasters.choices import GEOHAZARD_KINDS
    from disasters.models import RiskPoint

    return RiskPoint.objects.filter(kind__in=GEOHAZARD_KINDS)


def monitored_in_year(target):
    """地灾隐患点 whose 技防 was completed in the plan year."""
    return _geohazard_points().filter(has_monitoring=True, monitoring_installed_on__year=target.plan.year)


def governed_in_year(target):
    """地灾隐患点 whose 工程治理 (or 排危除险) was completed in the plan year."""
    return _geohazard_points().filter(governed_on__year=target.plan.year)


def _counter(points_of):
    def actual(target):
        return Decimal(points_of(target).count())

    def per_unit(target):
        rows = points_of(target).order_by().values("township_id").annotate(n=Count("pk"))
        return {row["township_id"]: Decimal(row["n"]) for row in rows}

    return actual, per_unit


def _list_url(year_filter):
    def url(target):
        query = urlencode({"geohazard": "true", year_filter: target.plan.year})
        return f"{reverse('disasters:risk-point-list')}?{query}"

    return url


def register_targets():
    actual, per_unit = _counter(monitored_in_year)
    register_target_source(
        TargetSource(
            key="disasters.monitored_points",
            label=_("隐患点台账：当年建成技防的地灾隐患点"),
            actual=actual,
            per_unit=per_unit,
            url=_list_url("monitoring_year"),
        )
    )
    actual, per_unit = _counter(governed_in_year)
    register_target_source(
        TargetSource(
            key="disasters.governed_points",
            label=_("隐患点台账：当年完成工程治理的地灾隐患点"),
            actual=actual,
            per_unit=per_unit,
            url=_list_url("governed_year"),
        )
    )
