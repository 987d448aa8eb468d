"""The deadlines of the work plan that the reminder engine sweeps (registered in TasksConfig.ready):
measures' deadlines, this period's progress report of each running measure, and extension requests waiting
for a decision; and the plan's lines of the weekly digest."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Case, Count, DateField, Exists, OuterRef, Q, Value, When
from django.db.models.functions import Cast, TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from notifications.registry import DeadlineSource, WeeklySummary, register, register_summary


def open_measures():
    from tasks.models import Measure
    from tasks.status import annotate_progress

    return annotate_progress(Measure.objects.all()).filter(progress__lt=100)


def reports_due():
    """Running measures without a submitted or approved report for the current period; due at its end."""
    from tasks.choices import ReportFrequency, ReportStatus
    from tasks.models import ProgressReport
    from tasks.periods import period_end, period_start

    today = timezone.localdate()
    ends = [When(frequency=f, then=Value(period_end(period_start(today, f), f))) for f in ReportFrequency]
    reported = Q()
    for frequency in ReportFrequency:
        done = ProgressReport.objects.filter(
            measure=OuterRef("pk"),
            period_start=period_start(today, frequency),
            status__in=[ReportStatus.SUBMITTED, ReportStatus.APPROVED],
        )
        reported |= Q(frequency=frequency) & Exists(done)
    return (
        open_measures()
        .filter(start_date__lte=today, deadline__gte=today)
        .exclude(reported)
        .annotate(report_due=Case(*ends, output_field=DateField()))
    )


def extensions_waiting():
    from tasks.choices import ExtensionStatus
    from tasks.models import ExtensionRequest

    days = timedelta(days=settings.EXTENSION_DECISION_DAYS)
    return (
        ExtensionRequest.objects.filter(status=ExtensionStatus.PENDING)
        .select_related("measure")
        .annotate(decide_by=Cast(TruncDate("created_at") + Value(days), DateField()))
    )


def visible_measures(user):
    from tasks.models import Measure

    return Measure.objects.visible_to(user)


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
            visible_to=visible_measures,
        )
    )
    register(
        DeadlineSource(
            key="progress_report",
            label=_("进展填报"),
            open_objects=reports_due,
            deadline_field="report_due",
            units={"owner": "owner_unit", "lead": "lead_unit"},
            describe=lambda m: m.title,
            url=lambda m: reverse("report-create", args=[m.pk]),
        )
    )
    register(
        DeadlineSource(
            key="extension_request",
            label=_("延期申请待审批"),
            open_objects=extensions_waiting,
            deadline_field="decide_by",
            units={"owner": "measure__owner_unit", "lead": "measure__lead_unit"},
            describe=lambda e: e.measure.title,
            url=lambda e: reverse("measure-detail", args=[e.measure_id]),
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
