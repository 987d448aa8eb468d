import datetime
from decimal import Decimal

import factory

from core.models import OrgUnit, User
from tasks.choices import ReportStatus
from tasks.models import Measure, ProgressReport, WorkItem


class MeasureFactory(factory.django.DjangoModelFactory):
    """A percent-reported measure owned by 桂溪街道 and led by 应急局, under work item 12."""

    class Meta:
        model = Measure

    work_item = factory.LazyFunction(lambda: WorkItem.objects.get(plan__year=2024, number=12))
    plan = factory.SelfAttribute("work_item.plan")
    title = factory.Sequence(lambda n: f"测试措施{n}")
    owner_unit = factory.LazyFunction(lambda: OrgUnit.objects.get(name="桂溪街道"))
    lead_unit = factory.LazyFunction(lambda: OrgUnit.objects.get(short_name="应急局"))
    start_date = datetime.date(2024, 4, 1)
    deadline = datetime.date(2024, 12, 31)
    original_deadline = factory.SelfAttribute("deadline")
    created_by = factory.LazyFunction(lambda: User.objects.get(username="county_admin"))


class ReportFactory(factory.django.DjangoModelFactory):
    """An approved report, for tests of what approved progress does; the workflow has its own tests."""

    class Meta:
        model = ProgressReport

    measure = factory.SubFactory(MeasureFactory)
    unit = factory.SelfAttribute("measure.owner_unit")
    period_start = datetime.date(2024, 4, 1)
    percent = Decimal("50")
    done_text = "已完成部分工作"
    status = ReportStatus.APPROVED
    created_by = factory.LazyFunction(lambda: User.objects.get(username="gx_staff"))
