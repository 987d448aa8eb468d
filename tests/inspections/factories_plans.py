import datetime

import factory

from core.models import Enterprise, OrgUnit
from inspections.models import Inspection, InspectionPlan


def department(short_name="应急局"):
    return OrgUnit.objects.get(short_name=short_name, kind="department")


def chemical_enterprises():
    """The demo's 危险化学品 enterprises (supervised by 应急局)."""
    return list(Enterprise.objects.filter(sector="hazardous_chemicals", is_demo=True).order_by("pk"))


class InspectionPlanFactory(factory.django.DjangoModelFactory):
    """应急局's plan for May and June 2024."""

    class Meta:
        model = InspectionPlan

    department = factory.LazyFunction(department)
    title = factory.Sequence(lambda n: f"测试执法计划{n}")
    starts_on = datetime.date(2024, 5, 1)
    ends_on = datetime.date(2024, 6, 30)
    focus = "major_risk"
    planned_count = 10


class PlanInspectionFactory(factory.django.DjangoModelFactory):
    """An inspection row made directly (the inspections services are not needed to count coverage)."""

    class Meta:
        model = Inspection

    number = factory.Sequence(lambda n: f"JCTEST{n:05d}")
    kind = "enforcement"
    department = factory.LazyFunction(department)
    enterprise = factory.LazyFunction(lambda: chemical_enterprises()[0])
    township = factory.LazyAttribute(lambda o: o.enterprise.township)
    inspected_on = datetime.date(2024, 5, 15)
