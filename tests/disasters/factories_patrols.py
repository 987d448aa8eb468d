import datetime
import zoneinfo

import factory

from core.models import User
from disasters.models import Patrol
from tests.disasters.factories import RiskPointFactory

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(year, month, day, hour=9, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


class PatrolFactory(factory.django.DjangoModelFactory):
    """A normal in-season patrol of a 桂溪街道 point, recorded by gx_staff on Monday 3 June 2024."""

    class Meta:
        model = Patrol

    risk_point = factory.SubFactory(RiskPointFactory)
    kind = "in_season"
    patrolled_at = at(2024, 6, 3)
    patroller = factory.LazyFunction(lambda: User.objects.get(username="gx_staff"))
    situation = "normal"
