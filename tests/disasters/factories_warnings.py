import datetime

import factory
from django.utils import timezone

from core.models import OrgUnit, User
from disasters.choices_warnings import ack_minutes
from disasters.models import Warning, WarningAcknowledgement


class WarningFactory(factory.django.DjangoModelFactory):
    """A red 地质灾害 warning by the county office for 桂溪街道 (pass `townships=[...]` for another area)."""

    class Meta:
        model = Warning
        skip_postgeneration_save = True

    number = factory.Sequence(lambda n: f"YJT-{n:05d}")
    type = "geological"
    level = "red"
    text = factory.Sequence(lambda n: f"测试预警{n}")
    issued_at = factory.LazyFunction(timezone.now)
    issued_by = factory.LazyFunction(lambda: User.objects.get(username="county_admin"))
    issuing_unit = factory.LazyFunction(lambda: OrgUnit.objects.get(kind="county"))

    @factory.post_generation
    def townships(self, create, extracted, **kwargs):
        names = extracted if extracted is not None else ["桂溪街道"]
        due = self.issued_at + datetime.timedelta(minutes=ack_minutes(self.level))
        for township in OrgUnit.objects.filter(kind="township", name__in=names):
            WarningAcknowledgement.objects.create(warning=self, township=township, due_at=due)
