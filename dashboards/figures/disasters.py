"""Warnings in force on a date and how they were acknowledged; patrols done against required in the period
that contains the date."""

from django.db.models import Count, F, Q
from django.utils.translation import gettext as _

from core.days import day_end
from dashboards.figures.base import Figure
from disasters.models import RiskPoint, Warning, WarningAcknowledgement
from disasters.patrol_periods import period_for
from disasters.patrol_selectors import cadence_points


def warning_figures(*, user, unit, on, links):
    until = day_end(on)
    warnings = Warning.objects.visible_to(user).filter(
        Q(issued_at__lt=until) & (Q(lifted_at__isnull=True) | Q(lifted_at__gte=until))
    )
    acks = WarningAcknowledgement.objects.filter(warning__in=warnings)
    if unit is not None:
        acks = acks.filter(township__path__startswith=unit.path)
        warnings = warnings.filter(pk__in=acks.values("warning_id"))
    answered = Q(acknowledged_at__lt=until)
    counts = acks.aggregate(
        total=Count("pk"),
        acknowledged=Count("pk", filter=answered),
        on_time=Count("pk", filter=answered & Q(acknowledged_at__lte=F("due_at"))),
    )
    to_list = lambda **p: links.to("disasters:warning-list", **links.unit_query("township"), **p)  # noqa: E731
    return [
        Figure("in_force", _("生效中的预警"), warnings.count(), to_list(in_force="true")),
        Figure("acknowledgements", _("应叫应"), counts["total"]),
        Figure("acknowledged", _("已叫应"), counts["acknowledged"]),
        Figure("on_time", _("按时叫应"), counts["on_time"]),
    ]


def patrol_figures(*, user, unit, on, links):
    period = period_for(on)
    points = RiskPoint.objects.visible_to(user)
    if unit is not None:
        points = points.filter(Q(township__path__startswith=unit.path) | Q(supervising_department=unit))
    # Summed here: aggregate() over these annotations loses their columns (the done count is a subquery).
    rows = list(cadence_points(points, period).values_list("required", "done", "missing"))
    totals = {key: sum(row[i] for row in rows) for i, key in enumerate(("required", "done", "missing"))}
    url = links.to("disasters:patrols-missing")
    return [
        Figure("required", _("应巡查次数"), totals.get("required") or 0, url),
        Figure("done", _("已巡查次数"), totals.get("done") or 0, url),
        Figure("missing", _("缺巡次数"), totals.get("missing") or 0, url),
    ]
