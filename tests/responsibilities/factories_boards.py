import datetime

import factory

from core.models import Enterprise, OrgUnit
from responsibilities.models import MajorRisk


def gx_enterprise():
    """A demo enterprise of 桂溪街道 (gx_staff's township), supervised by 应急局 where one is."""
    township = OrgUnit.objects.get(name="桂溪街道", kind="township")
    return Enterprise.objects.filter(township=township).order_by("pk").first()


def sp_enterprise():
    return Enterprise.objects.filter(township__name="沙坪镇").order_by("pk").first()


class MajorRiskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MajorRisk

    enterprise = factory.LazyFunction(gx_enterprise)
    site = factory.Sequence(lambda n: f"液氨储罐区{n}")
    description = "液氨泄漏可能引发中毒、火灾爆炸"
    level = "red"
    in_charge_name = "张分管"
    in_charge_phone = "13800000001"
    department_head_name = "李部门"
    department_head_phone = "13800000002"
    direct_name = "王直接"
    direct_phone = "13800000003"
    measures = "双人巡检；可燃气体报警器联动切断"


PERSON = {"name": "赵六", "post": "副镇长", "phone": "13800000001", "since": datetime.date(2024, 3, 1)}
