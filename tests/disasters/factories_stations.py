from decimal import Decimal

import factory

from core.models import OrgUnit
from disasters.models import MonitoringStation


class MonitoringStationFactory(factory.django.DjangoModelFactory):
    """A rain station in 桂溪街道, online, no reading yet, inside the county's box."""

    class Meta:
        model = MonitoringStation

    code = factory.Sequence(lambda n: f"JC-T{n:05d}")
    name = factory.Sequence(lambda n: f"测试雨量站{n}")
    kind = "rain"
    township = factory.LazyFunction(lambda: OrgUnit.objects.get(name="桂溪街道"))
    longitude = Decimal("107.350000")
    latitude = Decimal("30.330000")
    source_system = "山洪灾害监测预警系统"
