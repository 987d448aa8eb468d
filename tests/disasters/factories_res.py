from decimal import Decimal

import factory

from core.models import OrgUnit
from disasters.models import Depot, Shelter, SupplyItem


class ShelterFactory(factory.django.DjangoModelFactory):
    """An active fixed shelter in 桂溪街道 covering no village (set `covered_villages` after)."""

    class Meta:
        model = Shelter

    code = factory.Sequence(lambda n: f"BN-T{n:04d}")
    name = factory.Sequence(lambda n: f"测试避难场所{n}")
    kind = "fixed"
    township = factory.LazyFunction(lambda: OrgUnit.objects.get(name="桂溪街道", kind="township"))
    longitude = Decimal("107.350000")
    latitude = Decimal("30.330000")
    capacity = 300


class DepotFactory(factory.django.DjangoModelFactory):
    """A depot of 桂溪街道."""

    class Meta:
        model = Depot

    name = factory.Sequence(lambda n: f"测试储备点{n}")
    owner_unit = factory.LazyFunction(lambda: OrgUnit.objects.get(name="桂溪街道", kind="township"))
    longitude = Decimal("107.345000")
    latitude = Decimal("30.331000")


class SupplyItemFactory(factory.django.DjangoModelFactory):
    """Ten tents (line 3) in a new 桂溪街道 depot. The quantity is set directly: a test's starting stock."""

    class Meta:
        model = SupplyItem

    depot = factory.SubFactory(DepotFactory)
    category = "relief"
    name = factory.Sequence(lambda n: f"帐篷{n}")
    specification = "12平方米"
    unit_of_measure = "顶"
    quantity = Decimal("10")
    low_stock_line = Decimal("3")
