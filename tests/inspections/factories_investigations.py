import datetime

import factory
from django.utils import timezone

from core.models import OrgUnit, User
from inspections.investigation_services import next_investigation_number
from inspections.models import Investigation, InvestigationResponsibility


class InvestigationFactory(factory.django.DjangoModelFactory):
    """A 一般 production accident in 桂溪街道 in May 2024, investigated by 应急局; nothing of 四不放过 done yet."""

    class Meta:
        model = Investigation

    number = factory.LazyAttribute(lambda i: next_investigation_number(timezone.localdate(i.occurred_at).year))
    case_name = factory.Sequence(lambda n: f"测试事故{n}")
    kind = "production_accident"
    level = "general"
    occurred_at = factory.LazyFunction(lambda: timezone.make_aware(datetime.datetime(2024, 5, 10, 9, 30)))
    township = factory.LazyFunction(lambda: OrgUnit.objects.get(name="桂溪街道", kind="township"))
    lead_department = factory.LazyFunction(lambda: OrgUnit.objects.get(short_name="应急局"))
    deaths = 1
    injured = 2
    direct_loss = 80
    recorded_by = factory.LazyFunction(lambda: User.objects.get(username="yjj_staff"))


class ResponsibilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InvestigationResponsibility

    investigation = factory.SubFactory(InvestigationFactory)
    name = factory.Sequence(lambda n: f"责任人{n}")
    post = "车间主任"
    finding = "现场安全管理缺失。"
    handling = "discipline"
