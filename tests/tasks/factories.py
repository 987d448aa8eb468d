import datetime

import factory

from core.models import OrgUnit, User
from tasks.models import Measure, WorkItem


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
