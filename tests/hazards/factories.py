import datetime

import factory

from core.models import OrgUnit, User
from hazards.models import Hazard, ProblemList
from hazards.services import next_number


class HazardFactory(factory.django.DjangoModelFactory):
    """A general hazard in 桂溪街道 supervised by 应急局, waiting to be assigned."""

    class Meta:
        model = Hazard

    number = factory.LazyAttribute(lambda h: next_number(h.found_on.year))
    title = factory.Sequence(lambda n: f"测试隐患{n}")
    sector = "hazardous_chemicals"
    level = "general"
    source = "dept_check"
    problem_list = factory.LazyFunction(lambda: ProblemList.objects.get(code="safety"))
    territory = factory.LazyFunction(lambda: OrgUnit.objects.get(name="桂溪街道"))
    supervising_department = factory.LazyFunction(lambda: OrgUnit.objects.get(short_name="应急局"))
    found_on = datetime.date(2024, 6, 1)
    deadline = datetime.date(2024, 6, 30)
    reported_by = factory.LazyFunction(lambda: User.objects.get(username="gx_staff"))
