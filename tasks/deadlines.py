"""The deadlines of the work plan that the reminder engine sweeps, and the plan's lines of the weekly digest
(both registered in TasksConfig.ready)."""

from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from notifications.registry import DeadlineSource, WeeklySummary, register, register_summary


def open_measures():
    from tasks.models import Measure
    from tasks.status import annotate_progress

    return annotate_progress(Measure.objects.all()).filter(progress__lt=100)


def register_deadlines():
    register(
        DeadlineSource(
            key="measure",
            label=_("具体措施"),
            open_objects=open_measures,
            deadline_field="deadline",
            units={"owner": "owner_unit", "lead": "lead_unit"},
            describe=lambda m: m.title,
            url=lambda m: reverse("measure-detail", args=[m.pk]),
        )
    )
    register_summary(WeeklySummary(key="measure", counts=weekly_measure_counts))


def weekly_measure_counts(*, user, week_start, today):
    """Not yet done measures the person may see: due from today to Sunday, and past their deadline."""
    from tasks.selectors import measure_queryset

    week_end = week_start + timedelta(days=6)
    totals = measure_queryset(user=user, today=today).aggregate(
        due=Count("pk", filter=Q(progress__lt=100, deadline__gte=today, deadline__lte=week_end)),
        overdue=Count("pk", filter=Q(progress__lt=100, deadline__lt=today)),
    )
    return [
        (gettext("本周到期的具体措施"), totals["due"]),
        (gettext("逾期未完成的具体措施"), totals["overdue"]),
    ]
