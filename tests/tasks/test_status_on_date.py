"""A measure's status read for a past date: only what had been approved and granted by then counts."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from core.models import User
from tasks.choices import ExtensionStatus, MeasureStatus
from tasks.models import ExtensionRequest, Measure
from tasks.status import annotate_status
from tests.tasks.factories import MeasureFactory, ReportFactory

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def status_on(measure, day):
    return annotate_status(Measure.objects.filter(pk=measure.pk), today=day).get()


def test_a_report_approved_after_the_date_does_not_count_on_it():
    measure = MeasureFactory(start_date=datetime.date(2024, 4, 1), deadline=datetime.date(2024, 6, 30))
    ReportFactory(
        measure=measure, percent=Decimal("100"), reviewed_at=datetime.datetime(2024, 7, 3, 9, 0, tzinfo=SHANGHAI)
    )
    assert status_on(measure, datetime.date(2024, 7, 2)).status == MeasureStatus.OVERDUE
    assert status_on(measure, datetime.date(2024, 7, 3)).status == MeasureStatus.DONE


def test_an_extension_granted_after_the_date_had_not_moved_the_deadline_yet():
    measure = MeasureFactory(start_date=datetime.date(2024, 4, 1), deadline=datetime.date(2024, 9, 30))
    ExtensionRequest.objects.create(
        measure=measure,
        previous_deadline=datetime.date(2024, 6, 30),
        requested_deadline=datetime.date(2024, 9, 30),
        reason="资金未到位",
        status=ExtensionStatus.APPROVED,
        requested_by=User.objects.get(username="gx_staff"),
        decided_at=datetime.datetime(2024, 7, 10, 15, 0, tzinfo=SHANGHAI),
    )
    before = status_on(measure, datetime.date(2024, 7, 5))
    assert (before.deadline_then, before.status) == (datetime.date(2024, 6, 30), MeasureStatus.OVERDUE)
    after = status_on(measure, datetime.date(2024, 7, 10))
    assert after.deadline_then == datetime.date(2024, 9, 30)
    assert after.status != MeasureStatus.OVERDUE
