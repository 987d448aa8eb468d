import datetime
from decimal import Decimal

import factory

from core.models import OrgUnit
from disasters.models import RiskPoint, RiskZone


class RiskZoneFactory(factory.django.DjangoModelFactory):
    """A medium risk zone in 桂溪街道."""

    class Meta:
        model = RiskZone

    code = factory.Sequence(lambda n: f"FXQ-T{n:04d}")
    name = factory.Sequence(lambda n: f"测试风险区{n}")
    township = factory.LazyFunction(lambda: OrgUnit.objects.get(name="桂溪街道"))


class RiskPointFactory(factory.django.DjangoModelFactory):
    """A landslide point in 桂溪街道, under monitoring, no 技防, inside the county's box."""

    class Meta:
        model = RiskPoint

    code = factory.Sequence(lambda n: f"5002310T{n:04d}")
    name = factory.Sequence(lambda n: f"测试滑坡{n}")
    kind = "landslide"
    township = factory.LazyFunction(lambda: OrgUnit.objects.get(name="桂溪街道"))
    longitude = Decimal("107.350000")
    latitude = Decimal("30.330000")
    households = 5
    people = 18
    monitor_name = "张群防"
    monitor_phone = "13800000001"

    class Params:
        monitored = factory.Trait(has_monitoring=True, monitoring_installed_on=datetime.date(2024, 5, 10))
