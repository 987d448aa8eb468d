"""Relief records for the tests, written through disasters.relief_services so that every rule holds."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth.models import Permission

from core.models import OrgUnit, User
from disasters import relief_services as services
from disasters.models import DisasterEvent, ReliefHousehold
from disasters.relief_identity import id_check_char

DONGJIE, NANJIE, QIANJIN = "500231001001", "500231001002", "500231102201"  # 东街、南街 (桂溪街道), 前进村 (沙坪镇)


def valid_id(serial):
    first17 = f"500231198{serial % 10}0101{serial % 1000:03d}"
    return first17 + id_check_char(first17)


def wrong_check_digit(number):
    return number[:17] + ("0" if number[17] != "0" else "1")


def village(code):
    return OrgUnit.objects.get(code=code)


def admin():
    return User.objects.get(username="county_admin")


def grant_relief_office(username):
    user = User.objects.get(username=username)
    user.user_permissions.add(Permission.objects.get(codename="view_relief_identity"))
    return User.objects.get(pk=user.pk)  # a fresh object: permissions are cached per object


class DisasterEventFactory(factory.django.DjangoModelFactory):
    """A flood striking 东街、南街 (桂溪街道) and 前进村 (沙坪镇)."""

    class Meta:
        model = DisasterEvent

    name = factory.Sequence(lambda n: f"测试暴雨洪涝{n}")
    kind = "flood"
    started_on = datetime.date(2024, 7, 11)

    @classmethod
    def _create(cls, model_class, *args, villages=(DONGJIE, NANJIE, QIANJIN), townships=(), **kwargs):
        return services.disaster_event_create(
            actor=admin(),
            villages=[village(code) for code in villages],
            townships=list(OrgUnit.objects.filter(name__in=townships, kind="township")),
            **kwargs,
        )


class ReliefHouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReliefHousehold

    event = factory.SubFactory(DisasterEventFactory)
    village = factory.LazyFunction(lambda: village(DONGJIE))
    head_name = factory.Sequence(lambda n: f"户主{n}")
    member_count = 3
    id_number = factory.Sequence(valid_id)
    bank_card = "6217995310001234"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.relief_household_create(actor=admin(), **kwargs)


def entitle(household, amount, kind="emergency", period="2024年7月"):
    return services.relief_entitlement_create(
        actor=admin(), household=household, kind=kind, period=period, amount=Decimal(amount)
    )


_refs = iter(range(10**6))


def pay(household, amount, kind="emergency", period="2024年7月", reason="", actor=None):
    return services.relief_payment_create(
        actor=actor or admin(),
        household=household,
        kind=kind,
        period=period,
        amount=Decimal(amount),
        paid_on=datetime.date(2024, 7, 20),
        transfer_reference=f"T-YKT-{next(_refs):06d}",
        reason=reason,
    )
