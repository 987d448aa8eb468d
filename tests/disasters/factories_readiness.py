import datetime

import factory

from core.models import OrgUnit
from disasters.models import Drill, EmergencyPlan, RescueTeam, TeamEquipment, TeamMember


def township(name="桂溪街道"):
    return OrgUnit.objects.get(name=name, kind="township")


class RescueTeamFactory(factory.django.DjangoModelFactory):
    """A standing team of 桂溪街道."""

    class Meta:
        model = RescueTeam

    name = factory.Sequence(lambda n: f"测试救援队{n}")
    kind = "standing"
    owner_unit = factory.LazyFunction(township)
    specialities = factory.LazyFunction(lambda: ["flood"])


class TeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMember

    team = factory.SubFactory(RescueTeamFactory)
    name = factory.Sequence(lambda n: f"队员{n}")
    joined_on = datetime.date(2023, 1, 1)


class TeamEquipmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamEquipment

    team = factory.SubFactory(RescueTeamFactory)
    name = factory.Sequence(lambda n: f"装备{n}")
    quantity = 2


class EmergencyPlanFactory(factory.django.DjangoModelFactory):
    """A township plan of 桂溪街道, approved in 2023, due for revision in 2026."""

    class Meta:
        model = EmergencyPlan

    title = factory.Sequence(lambda n: f"测试应急预案{n}")
    level = "township"
    owner_unit = factory.LazyFunction(township)
    incident_kinds = factory.LazyFunction(lambda: ["geohazard"])
    approved_on = datetime.date(2023, 3, 1)
    next_revision_due = datetime.date(2026, 3, 1)


class DrillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Drill

    title = factory.Sequence(lambda n: f"测试演练{n}")
    held_on = datetime.date(2024, 7, 1)
    kind = "live"
    organiser = factory.LazyFunction(township)
    participants = 30
