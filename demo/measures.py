"""Demo measures and reports, written through the same services as the pages (so they carry history)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from core.models import User
from demo import data
from tasks import services, workflow
from tasks.models import Measure, Plan, ProgressReport, QuantitativeTarget, WorkItem


def load_measures(loader):
    plan = Plan.objects.filter(year=2024).first()
    if plan is None:
        return
    admin = User.objects.get(username="county_admin")
    roads = QuantitativeTarget.objects.get(plan=plan, name="防火道路新建和改建")
    if not roads.allocations.exists():
        shares = [(loader.unit(name), Decimal(q)) for name, q in data.ROAD_ALLOCATIONS]
        services.allocations_set(actor=admin, target=roads, shares=shares)
    for number, title, owner, start, deadline, target, planned, reports in data.MEASURES:
        owner_unit = loader.unit(owner)
        measure = Measure.objects.filter(plan=plan, title=title, owner_unit=owner_unit).first()
        if measure is None:
            [measure] = services.measure_create(
                actor=admin,
                entry=WorkItem.objects.get(plan=plan, number=number),
                title=title,
                owner_units=[owner_unit],
                start_date=_day(start),
                deadline=_day(deadline),
                lead_unit=loader.unit("应急局"),  # the demo's reviewing head is yjj_head
                target=QuantitativeTarget.objects.get(plan=plan, name=target) if target else None,
                planned_quantity=Decimal(planned) if planned else None,
            )
            loader.counter["created"] += 1
        for day, amount, decision in reports:
            _report(measure, _day(day), Decimal(amount), decision, owner_unit)


def _report(measure, day, amount, decision, owner_unit):
    if ProgressReport.objects.filter(measure=measure, period_start=day.replace(day=1)).exists():
        return
    writer = User.objects.filter(memberships__unit=owner_unit, memberships__role="township_staff").first()
    reviewer = User.objects.filter(memberships__unit=measure.lead_unit, memberships__role="dept_head").first()
    values = {"quantity": amount} if measure.target_id else {"percent": amount}
    report = workflow.report_create(actor=writer, measure=measure, period=day, done_text="按计划推进（演示）", **values)
    if decision == "draft":
        return
    workflow.report_submit(actor=writer, report=report)
    if decision == "approve":
        workflow.report_approve(actor=reviewer, report=report, note="同意（演示）")
    elif decision == "return":
        workflow.report_return(actor=reviewer, report=report, reason="请补充现场照片（演示）")
    _date_back(report, day, reviewed=decision in ("approve", "return"))


def _date_back(report, day, *, reviewed):
    """The demo tells 2024's story: its reports were sent on their day and reviewed two days later, so the
    cockpit read for a past date (?on=2024-06-30) shows what had been approved by then."""
    sent = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
    times = {"submitted_at": sent}
    if reviewed:
        times["reviewed_at"] = sent + datetime.timedelta(days=2)
    ProgressReport.objects.filter(pk=report.pk).update(**times)


def _day(text):
    return datetime.date.fromisoformat(text)
