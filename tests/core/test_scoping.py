"""The scoping rule, as a matrix over the demo accounts and real divisions."""

import pytest

from core.models import Enterprise, OrgUnit
from core.scoping import can_change, can_see
from tests.factories import EnterpriseFactory


@pytest.fixture
def records(db):
    gx = OrgUnit.objects.get(name="桂溪街道")
    sp = OrgUnit.objects.get(name="沙坪镇")
    yjj = OrgUnit.objects.get(short_name="应急局")
    jtj = OrgUnit.objects.get(short_name="交通局")
    return {
        "gx": EnterpriseFactory(township=gx, supervising_department=jtj),
        "sp": EnterpriseFactory(township=sp, supervising_department=jtj),
        "sp_yjj": EnterpriseFactory(township=sp, supervising_department=yjj),
    }


# account -> which of the records it sees
SEES = {
    "gx_staff": {"gx"},
    "gx_head": {"gx"},
    "sp_staff": {"sp", "sp_yjj"},
    "yjj_head": {"sp_yjj"},
    "yjj_staff": {"sp_yjj"},
    "jtj_head": {"gx", "sp"},
    "gx_grid": set(),
    "county_leader": {"gx", "sp", "sp_yjj"},
    "county_admin": {"gx", "sp", "sp_yjj"},
    "auditor": {"gx", "sp", "sp_yjj"},
    "api_client": {"gx", "sp", "sp_yjj"},
}
READ_ONLY = {"county_leader", "auditor", "api_client"}


@pytest.mark.parametrize("username", sorted(SEES))
def test_each_account_sees_exactly_its_units_records(username, records, demo_user):
    user = demo_user(username)
    ours = {
        pk
        for pk in Enterprise.objects.filter(pk__in=[r.pk for r in records.values()])
        .visible_to(user)
        .values_list("pk", flat=True)
    }
    assert {key for key, rec in records.items() if rec.pk in ours} == SEES[username]
    assert {key for key, rec in records.items() if can_see(user, rec)} == SEES[username]


@pytest.mark.parametrize("username", sorted(SEES))
def test_only_writing_roles_may_change_what_they_see(username, records, demo_user):
    user = demo_user(username)
    expected = set() if username in READ_ONLY else SEES[username]
    assert {key for key, rec in records.items() if can_change(user, rec)} == expected
    changeable = Enterprise.objects.filter(pk__in=[r.pk for r in records.values()]).changeable_by(user)
    assert {key for key, rec in records.items() if changeable.filter(pk=rec.pk).exists()} == expected


def test_anonymous_sees_nothing(records):
    from django.contrib.auth.models import AnonymousUser

    assert not Enterprise.objects.visible_to(AnonymousUser()).exists()
    assert not OrgUnit.objects.visible_to(AnonymousUser()).exists()


def test_a_township_sees_its_own_subtree_the_county_and_the_departments_but_not_other_townships(demo_user):
    units = OrgUnit.objects.visible_to(demo_user("gx_staff"))
    names = set(units.values_list("name", flat=True))
    assert {"桂溪街道", "东街社区居民委员会", "垫江县", "垫江县应急管理局"} <= names
    assert "沙坪镇" not in names
    assert not units.filter(parent__name="沙坪镇").exists()


def test_a_grid_member_sees_only_the_grid_among_the_villages(demo_user):
    units = OrgUnit.objects.visible_to(demo_user("gx_grid"))
    assert units.filter(kind="grid").count() == 1
    assert not units.filter(kind="village").exclude(code="500231001001").exists()


def test_a_person_with_two_units_sees_both(demo_user, records):
    from core.choices import Role
    from tests.factories import MembershipFactory, UserFactory

    person = UserFactory()
    MembershipFactory(user=person, unit=OrgUnit.objects.get(name="桂溪街道"), role=Role.TOWNSHIP_STAFF)
    MembershipFactory(user=person, unit=OrgUnit.objects.get(short_name="应急局"), role=Role.DEPT_STAFF)
    assert set(Enterprise.objects.visible_to(person).filter(pk__in=[r.pk for r in records.values()])) == {
        records["gx"],
        records["sp_yjj"],
    }
