import datetime
from decimal import Decimal

import factory

from core.choices import OrgUnitKind
from core.models import OrgUnit
from inspections.choices import InspectionKind, PartyKind
from inspections.models import Finding, Inspection, Penalty


def department(short_name):
    return OrgUnit.objects.get(kind=OrgUnitKind.DEPARTMENT, short_name=short_name)


class InspectionFactory(factory.django.DjangoModelFactory):
    """An inspection row written directly (the recording service belongs to another part)."""

    class Meta:
        model = Inspection

    number = factory.Sequence(lambda n: f"JC-T{n:05d}")
    kind = InspectionKind.ENFORCEMENT
    department = factory.LazyFunction(lambda: department("应急局"))
    township = factory.LazyFunction(lambda: OrgUnit.objects.get(kind=OrgUnitKind.TOWNSHIP, name="桂溪街道"))
    inspected_on = datetime.date(2024, 5, 10)
    enterprise = None


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Finding

    inspection = factory.SubFactory(InspectionFactory)
    description = factory.Sequence(lambda n: f"问题{n}")
    deadline = factory.LazyAttribute(lambda o: o.inspection.inspected_on + datetime.timedelta(days=15))


class PenaltyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Penalty

    decision_number = factory.Sequence(lambda n: f"垫应急罚〔2024〕T{n}号")
    decided_on = datetime.date(2024, 5, 20)
    department = factory.LazyFunction(lambda: department("应急局"))
    party_kind = PartyKind.ENTERPRISE
    enterprise = factory.SubFactory("tests.factories.EnterpriseFactory")
    legal_basis = "《中华人民共和国安全生产法》第九十七条"
    amount = Decimal("10000.00")
