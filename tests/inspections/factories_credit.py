import datetime

from django.utils import timezone

from core.choices import OrgUnitKind
from core.models import Enterprise, OrgUnit
from hazards import services as hazard_services


def township(name):
    return OrgUnit.objects.get(kind=OrgUnitKind.TOWNSHIP, name=name)


def enterprise_of(name):
    return Enterprise.objects.filter(township=township(name)).order_by("pk").first()


def overdue_major_hazard(actor, enterprise, title="重大隐患逾期（测试）"):
    found = timezone.localdate() - datetime.timedelta(days=40)
    return hazard_services.hazard_create(
        actor=actor,
        title=title,
        sector=enterprise.sector,
        level="major",
        source="enforcement",
        territory=enterprise.township,
        enterprise=enterprise,
        found_on=found,
        deadline=found + datetime.timedelta(days=10),
        supervising_department=OrgUnit.objects.get(short_name="应急局"),
    )
