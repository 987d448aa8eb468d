"""Missing half-year duty reports (半年述职报告) for the reminder engine: the H1 report is due 15 July, the H2
report 15 January of the next year. A leader with an account and no submitted report for the half whose due date
is nearest today is an open deadline; the county office is reminded (the rule seeded in 0002_duties)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications.registry import DeadlineSource, register

SOURCE_KEY = "duty_report_missing"


def nearest_half(today):
    """(year, half, due date) of the half-year report whose due date is nearest `today`."""
    from responsibilities.models.duties import duty_report_due

    halves = [(today.year - 1, 2), (today.year, 1), (today.year, 2)]
    dated = [(year, half, duty_report_due(year, half)) for year, half in halves]
    return min(dated, key=lambda row: abs((row[2] - today).days))


def missing_reports(today=None):
    from django.db.models import DateField, IntegerField, Value

    from responsibilities.models import DutyReport, DutyReportStatus, Leader

    year, half, due = nearest_half(today or timezone.localdate())
    done = DutyReport.objects.filter(
        year=year, half=half, status__in=[DutyReportStatus.SUBMITTED, DutyReportStatus.REVIEWED]
    ).values("leader_id")
    return (
        Leader.objects.filter(is_active=True, user__isnull=False)
        .exclude(pk__in=done)
        .select_related("unit")
        .annotate(
            report_due=Value(due, output_field=DateField()),
            report_year=Value(year, output_field=IntegerField()),
            report_half=Value(half, output_field=IntegerField()),
        )
    )


def describe(leader):
    half = _("上半年") if leader.report_half == 1 else _("下半年")
    return _("%(name)s（%(post)s）%(year)s年%(half)s述职报告未提交") % {
        "name": leader.name,
        "post": leader.post,
        "year": leader.report_year,
        "half": half,
    }


def visible_leaders(user):
    from responsibilities.models import Leader

    return Leader.objects.visible_to(user)


def register_deadlines():
    register(
        DeadlineSource(
            key=SOURCE_KEY,
            label=gettext_lazy("半年述职报告"),
            open_objects=missing_reports,
            deadline_field="report_due",
            units={"owner": "unit"},
            describe=describe,
            url=lambda leader: reverse("responsibilities:leader-detail", args=[leader.pk]),
            visible_to=visible_leaders,
        )
    )
