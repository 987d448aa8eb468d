import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from responsibilities import duty_services as services
from responsibilities.models import Duty, DutyList, DutyListKind, Leader, SectorSupervision
from tasks.models import KeyAction, Plan, WorkItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader():
    return Leader.objects.get(name="李华（演示）")


@pytest.fixture
def other_year_item():
    plan_2024 = Plan.objects.get(year=2024)
    plan = Plan.objects.create(year=2025, title="2025年工作要点", issued_on=plan_2024.issued_on)
    source = WorkItem.objects.get(plan=plan_2024, number=1)
    system = source.system
    system.pk = None
    system.plan = plan
    system.save()
    return WorkItem.objects.create(
        plan=plan, system=system, number=1, title=source.title, text="", lead_unit=source.lead_unit
    )


def test_demo_lists_are_loaded(leader):
    lists = DutyList.objects.filter(leader=leader, year=2024)
    assert {dl.kind for dl in lists} == {DutyListKind.LEADER, DutyListKind.ANNUAL_TASKS}
    duty = Duty.objects.get(duty_list__leader=leader, order=1, duty_list__kind=DutyListKind.LEADER)
    assert [w.number for w in duty.work_items.all()] == [9]


def test_duty_linked_to_work_item_of_another_year_is_refused(demo_user, leader, other_year_item):
    duty_list = DutyList.objects.get(leader=leader, year=2024, kind=DutyListKind.LEADER)
    before = Duty.objects.count()
    with pytest.raises(ValidationError) as raised:
        services.duty_add(
            actor=demo_user("county_admin"), duty_list=duty_list, text="新职责", work_items=[other_year_item]
        )
    assert "所关联的工作任务不属于2024年工作要点" in str(raised.value)
    assert Duty.objects.count() == before


def test_duty_update_keeps_links_of_its_own_year(demo_user, leader, other_year_item):
    duty = Duty.objects.filter(duty_list__leader=leader).first()
    with pytest.raises(ValidationError):
        services.duty_update(actor=demo_user("county_admin"), duty=duty, text="改", work_items=[other_year_item])
    duty.refresh_from_db()
    assert duty.text != "改" and other_year_item not in duty.work_items.all()
    item = WorkItem.objects.get(plan__year=2024, number=5)
    action = KeyAction.objects.get(plan__year=2024, number=2)
    services.duty_update(actor=demo_user("county_admin"), duty=duty, work_items=[item], key_actions=[action])
    assert list(duty.work_items.all()) == [item] and list(duty.key_actions.all()) == [action]


def test_moving_a_list_to_another_year_with_linked_duties_is_refused(demo_user, leader, other_year_item):
    duty_list = DutyList.objects.get(leader=leader, year=2024, kind=DutyListKind.LEADER)
    with pytest.raises(ValidationError):
        services.duty_list_update(actor=demo_user("county_admin"), duty_list=duty_list, year=2025)
    duty_list.refresh_from_db()
    assert duty_list.year == 2024


def test_second_list_of_the_same_kind_and_year_is_refused(demo_user, leader):
    with pytest.raises(ValidationError) as raised:
        services.duty_list_create(actor=demo_user("county_admin"), leader=leader, year=2024, kind=DutyListKind.LEADER)
    assert "该领导干部本年度已有这一类责任清单。" in str(raised.value)


@pytest.mark.parametrize("username", ["county_leader", "auditor", "yjj_head", "gx_staff"])
def test_only_the_county_office_keeps_duty_lists(demo_user, leader, username):
    with pytest.raises(PermissionDenied):
        services.duty_list_create(actor=demo_user(username), leader=leader, year=2025, kind=DutyListKind.LEADER)
    with pytest.raises(PermissionDenied):
        services.sector_supervision_set(
            actor=demo_user(username), sector="small_works", department=leader.unit, duty_text=""
        )
    assert not DutyList.objects.filter(year=2025).exists()


def test_sector_supervision_needs_a_department(demo_user):
    township = Leader.objects.first().unit.children.filter(kind="township").first()
    with pytest.raises(ValidationError) as raised:
        services.sector_supervision_set(actor=demo_user("county_admin"), sector="small_works", department=township)
    assert "监管部门应为县级部门。" in str(raised.value)
    assert not SectorSupervision.objects.filter(sector="small_works").exists()
