import factory

from core.choices import OrgUnitKind, Role, Sector
from core.models import Enterprise, Membership, OrgUnit, User
from demo.loader import demo_credit_code


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"测试人员{n}")
    password = factory.PostGenerationMethodCall("set_password", "pass-2024-test")


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit

    code = factory.Sequence(lambda n: f"T-{n:04d}")
    name = factory.Sequence(lambda n: f"测试单位{n}")
    kind = OrgUnitKind.DEPARTMENT
    parent = factory.LazyFunction(lambda: OrgUnit.objects.get(code="500231"))


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(OrgUnitFactory)
    role = Role.DEPT_STAFF


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    name = factory.Sequence(lambda n: f"测试企业{n}有限公司")
    credit_code = factory.Sequence(lambda n: demo_credit_code(900000 + n))
    sector = Sector.INDUSTRY_TRADE
    township = factory.LazyFunction(lambda: OrgUnit.objects.get(name="桂溪街道"))
    supervising_department = None
