"""Progress reports: who writes, who reviews, which changes are legal, and what each refusal says."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from tasks import workflow
from tasks.choices import ReportStatus
from tasks.models import ProgressReport, QuantitativeTarget, ReportTransition
from tests.tasks.factories import MeasureFactory, ReportFactory

pytestmark = pytest.mark.usefixtures("frozen_june")


@pytest.fixture
def frozen_june():
    with time_machine.travel("2024-06-15 10:00 +0800", tick=False):
        yield


@pytest.fixture
def measure(db):
    return MeasureFactory()


@pytest.fixture
def quantity_measure(db):
    roads = QuantitativeTarget.objects.get(plan__year=2024, name="防火道路新建和改建")
    return MeasureFactory(target=roads, planned_quantity=Decimal("30"))


def draft(measure, user, **values):
    values = {"percent": Decimal("30"), "done_text": "完成排查", **values}
    return workflow.report_create(actor=user, measure=measure, **values)


def errors_of(call):
    with pytest.raises(ValidationError) as error:
        call()
    return error.value.message_dict


def test_the_owner_writes_submits_and_the_lead_head_approves(measure, demo_user):
    report = draft(measure, demo_user("gx_staff"))
    workflow.report_submit(actor=demo_user("gx_staff"), report=report)
    workflow.report_approve(actor=demo_user("yjj_head"), report=report, note="同意")
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED and report.reviewed_by.username == "yjj_head"
    steps = [(t.from_status, t.to_status, t.actor.username, t.note) for t in report.transitions.all()]
    assert steps == [
        ("", "draft", "gx_staff", ""),
        ("draft", "submitted", "gx_staff", ""),
        ("submitted", "approved", "yjj_head", "同意"),
    ]


def test_a_return_needs_a_reason_and_keeps_the_content_for_a_resubmission(measure, demo_user):
    report = draft(measure, demo_user("gx_staff"), done_text="原始内容")
    workflow.report_submit(actor=demo_user("gx_staff"), report=report)
    assert "reason" in errors_of(lambda: workflow.report_return(actor=demo_user("yjj_head"), report=report, reason=" "))
    workflow.report_return(actor=demo_user("yjj_head"), report=report, reason="佐证材料不全")
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED and report.done_text == "原始内容"
    workflow.report_update(actor=demo_user("gx_staff"), report=report, done_text="补充了佐证")
    workflow.report_submit(actor=demo_user("gx_staff"), report=report)
    assert ProgressReport.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED
    assert ReportTransition.objects.filter(report=report, note="佐证材料不全").exists()


@pytest.mark.parametrize("username", ["sp_staff", "yjj_head", "county_admin", "county_leader", "gx_grid"])
def test_only_the_owner_unit_writes(measure, demo_user, username):
    with pytest.raises(PermissionDenied):
        draft(measure, demo_user(username))
    assert not ProgressReport.objects.filter(measure=measure).exists()


@pytest.mark.parametrize("username", ["gx_staff", "gx_head", "yjj_staff", "county_admin", "county_leader"])
def test_only_the_lead_units_head_reviews(measure, demo_user, username):
    report = draft(measure, demo_user("gx_staff"))
    workflow.report_submit(actor=demo_user("gx_staff"), report=report)
    with pytest.raises(PermissionDenied):
        workflow.report_approve(actor=demo_user(username), report=report)
    assert ProgressReport.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED


def test_a_draft_cannot_be_approved(measure, demo_user):
    report = draft(measure, demo_user("gx_staff"))
    message = errors_of(lambda: workflow.report_approve(actor=demo_user("yjj_head"), report=report))["status"][0]
    assert message == "填报不能从“草稿”变为“已通过”。"


def test_an_approved_report_cannot_be_edited(measure, demo_user):
    report = ReportFactory(measure=measure, period_start=datetime.date(2024, 6, 1))
    message = errors_of(
        lambda: workflow.report_update(actor=demo_user("gx_staff"), report=report, percent=Decimal("1"))
    )
    assert message["status"] == ["“已通过”的填报不能修改。"]
    assert ProgressReport.objects.get(pk=report.pk).percent == Decimal("50")


def test_a_quantity_below_zero_or_above_what_is_left_is_refused(quantity_measure, demo_user):
    gx = demo_user("gx_staff")
    assert "quantity" in errors_of(lambda: draft(quantity_measure, gx, percent=None, quantity=Decimal("-1")))
    ReportFactory(
        measure=quantity_measure, percent=None, quantity=Decimal("25"), period_start=datetime.date(2024, 5, 1)
    )
    message = errors_of(lambda: draft(quantity_measure, gx, percent=None, quantity=Decimal("6")))["quantity"][0]
    assert message == "本期完成量6超过尚未完成的5公里。"
    assert draft(quantity_measure, gx, percent=None, quantity=Decimal("5")).quantity == Decimal("5")


def test_a_percent_measure_needs_a_percent_between_0_and_100(measure, demo_user):
    assert "percent" in errors_of(lambda: draft(measure, demo_user("gx_staff"), percent=Decimal("101")))
    assert "percent" in errors_of(lambda: draft(measure, demo_user("gx_staff"), percent=None))
    assert "done_text" in errors_of(lambda: draft(measure, demo_user("gx_staff"), done_text=" "))


def test_one_report_per_period_and_none_for_the_future(measure, demo_user):
    gx = demo_user("gx_staff")
    draft(measure, gx)
    assert "period_start" in errors_of(lambda: draft(measure, gx, period=datetime.date(2024, 6, 30)))
    assert "period_start" in errors_of(lambda: draft(measure, gx, period=datetime.date(2024, 7, 1)))
    assert draft(measure, gx, period=datetime.date(2024, 5, 20)).period_start == datetime.date(2024, 5, 1)


def test_a_weekly_measure_reports_by_week(db, demo_user):
    weekly = MeasureFactory(frequency="weekly")
    report = draft(weekly, demo_user("gx_staff"))
    assert report.period_start == datetime.date(2024, 6, 10)  # the Monday of 2024-06-15's week
