import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from pghistory.models import MiddlewareEvents

from core.models import OrgUnit, User
from tasks.choices import ExtensionStatus
from tasks.models import (
    ExtensionRequest,
    KeyAction,
    KeyActionCoUnit,
    Measure,
    Milestone,
    Plan,
    ProgressReport,
    QuantitativeTarget,
    System,
    TargetAllocation,
    WorkItem,
    WorkItemCoUnit,
)
from tasks.plan_copy import plan_copy, shift_years
from tests.tasks.factories import MeasureFactory

pytestmark = pytest.mark.django_db

KINDS = {
    "systems": lambda year: System.objects.filter(plan__year=year),
    "work_items": lambda year: WorkItem.objects.filter(plan__year=year),
    "work_item_co_units": lambda year: WorkItemCoUnit.objects.filter(work_item__plan__year=year),
    "key_actions": lambda year: KeyAction.objects.filter(plan__year=year),
    "key_action_co_units": lambda year: KeyActionCoUnit.objects.filter(key_action__plan__year=year),
    "targets": lambda year: QuantitativeTarget.objects.filter(plan__year=year),
    "allocations": lambda year: TargetAllocation.objects.filter(target__plan__year=year),
    "measures": lambda year: Measure.objects.filter(plan__year=year),
    "milestones": lambda year: Milestone.objects.filter(measure__plan__year=year),
    "reports": lambda year: ProgressReport.objects.filter(measure__plan__year=year),
    "extensions": lambda year: ExtensionRequest.objects.filter(measure__plan__year=year),
}


def counts(year):
    return {kind: rows(year).count() for kind, rows in KINDS.items()}


def snapshot(year):
    return {kind: list(rows(year).order_by("pk").values()) for kind, rows in KINDS.items()}


@pytest.fixture
def source():
    """The 2024 plan with measures under a work item (one ending on 29 February), a target and a key action."""
    admin = User.objects.get(username="county_admin")
    gx, sp = OrgUnit.objects.get(name="桂溪街道"), OrgUnit.objects.get(name="沙坪镇")
    leap = MeasureFactory(start_date=datetime.date(2024, 1, 15), deadline=datetime.date(2024, 2, 29))
    Milestone.objects.create(measure=leap, title="春节前排查", due_date=datetime.date(2024, 2, 29))
    Milestone.objects.create(measure=leap, title="启动", due_date=datetime.date(2024, 1, 20))
    roads = QuantitativeTarget.objects.get(plan__year=2024, name="防火道路新建和改建")
    TargetAllocation.objects.create(target=roads, unit=gx, quantity=Decimal("30"))
    TargetAllocation.objects.create(target=roads, unit=sp, quantity=Decimal("20"))
    quantity = MeasureFactory(work_item=roads.work_item, target=roads, planned_quantity=Decimal("30"))
    key_action = KeyAction.objects.get(plan__year=2024, number=1)
    action = MeasureFactory(work_item=None, key_action=key_action, plan=key_action.plan)
    ProgressReport.objects.create(
        measure=quantity,
        unit=gx,
        period_start=datetime.date(2024, 6, 1),
        quantity=12,
        done_text="12公里",
        created_by=admin,
    )
    ExtensionRequest.objects.create(
        measure=action,
        previous_deadline=action.deadline,
        requested_deadline=datetime.date(2025, 3, 31),
        reason="资金未到位",
        status=ExtensionStatus.PENDING,
        requested_by=admin,
    )
    return Plan.objects.get(year=2024)


def copy_2025(username="county_admin", source_plan=None):
    return plan_copy(actor=User.objects.get(username=username), source=source_plan, year=2025)


def test_the_copy_has_as_many_of_every_kind_as_the_source_and_no_reports(source):
    plan = copy_2025(source_plan=source)
    before, after = counts(2024), counts(2025)
    assert before["measures"] == 3 and before["milestones"] == 2 and before["allocations"] == 2
    assert before["work_item_co_units"] > 0 and before["key_action_co_units"] > 0
    assert {k: v for k, v in after.items() if k not in ("reports", "extensions")} == {
        k: v for k, v in before.items() if k not in ("reports", "extensions")
    }
    assert after["reports"] == 0 and after["extensions"] == 0
    assert plan.title == "2025年全县安全生产与自然灾害防治工作要点"
    assert (plan.document_number, plan.issued_on) == (source.document_number, source.issued_on)


def test_the_copy_keeps_units_and_links_inside_the_new_plan(source):
    plan = copy_2025(source_plan=source)
    old, new = WorkItem.objects.get(plan=source, number=11), WorkItem.objects.get(plan=plan, number=11)
    assert (new.text, new.lead_unit_id, new.system.plan_id) == (old.text, old.lead_unit_id, plan.pk)
    assert set(new.co_units.values_list("pk", flat=True)) == set(old.co_units.values_list("pk", flat=True))
    target = QuantitativeTarget.objects.get(plan=plan, name="防火道路新建和改建")
    assert target.work_item == new
    assert {(a.unit.name, a.quantity) for a in target.allocations.all()} == {("桂溪街道", 30), ("沙坪镇", 20)}
    measure = Measure.objects.get(plan=plan, target__isnull=False)
    assert (measure.target, measure.work_item, measure.planned_quantity) == (target, new, 30)
    assert Measure.objects.get(plan=plan, key_action__isnull=False).key_action.plan == plan


def test_dates_move_by_one_year_and_29_february_becomes_28(source):
    copy_2025(source_plan=source)
    leap = Measure.objects.get(plan__year=2025, deadline__month=2)
    assert (leap.start_date, leap.deadline, leap.original_deadline) == (
        datetime.date(2025, 1, 15),
        datetime.date(2025, 2, 28),
        datetime.date(2025, 2, 28),
    )
    assert [m.due_date for m in leap.milestones.order_by("due_date")] == [
        datetime.date(2025, 1, 20),
        datetime.date(2025, 2, 28),
    ]
    assert leap.created_by.username == "county_admin"
    other = Measure.objects.filter(plan__year=2025).exclude(pk=leap.pk)
    assert {(m.start_date, m.deadline) for m in other} == {(datetime.date(2025, 4, 1), datetime.date(2025, 12, 31))}


def test_shift_years_moves_29_february_to_28_only_in_a_common_year():
    assert shift_years(datetime.date(2024, 2, 29), 1) == datetime.date(2025, 2, 28)
    assert shift_years(datetime.date(2024, 2, 29), 4) == datetime.date(2028, 2, 29)
    assert shift_years(datetime.date(2024, 3, 1), 1) == datetime.date(2025, 3, 1)


def test_the_copy_leaves_the_source_untouched(source):
    before = snapshot(2024)
    source_row = Plan.objects.filter(pk=source.pk).values().get()
    copy_2025(source_plan=source)
    assert snapshot(2024) == before
    assert Plan.objects.filter(pk=source.pk).values().get() == source_row


def test_a_second_copy_into_the_same_year_is_refused_and_changes_nothing(source):
    copy_2025(source_plan=source)
    before = snapshot(2025)
    with pytest.raises(ValidationError) as refused:
        copy_2025(source_plan=source)
    assert "year" in refused.value.error_dict
    assert "2025年度的工作要点已存在" in refused.value.messages[0]
    assert snapshot(2025) == before
    assert Plan.objects.filter(year=2025).count() == 1


@pytest.mark.parametrize("username", ["gx_staff", "county_leader"])
def test_only_the_county_administrator_may_copy(source, username):
    with pytest.raises(PermissionDenied, match="只有安委办管理员"):
        copy_2025(username, source_plan=source)
    assert not Plan.objects.filter(year=2025).exists()


def test_the_copy_is_recorded_in_the_history_as_the_plan_copy(source):
    plan = copy_2025(source_plan=source)
    event = MiddlewareEvents.objects.tracks(plan).get()
    assert event.pgh_label == "insert"
    assert event.pgh_context["command"] == "plan_copy"
    assert (event.pgh_context["source_year"], event.pgh_context["year"]) == (2024, 2025)
    assert event.user.username == "county_admin"


def test_the_command_copies_as_the_named_user(source, capsys):
    call_command("copy_plan", "--from", "2024", "--to", "2025", "--user", "county_admin")
    assert "2025年全县安全生产与自然灾害防治工作要点：3条具体措施" in capsys.readouterr().out
    with pytest.raises(CommandError, match="已存在"):
        call_command("copy_plan", "--from", "2024", "--to", "2025", "--user", "county_admin")
    with pytest.raises(CommandError, match="只有安委办管理员"):
        call_command("copy_plan", "--from", "2024", "--to", "2026", "--user", "gx_staff")


def test_the_page_copies_for_the_county_administrator(source, web_as):
    client = web_as("county_admin")
    assert 'href="/plans/2024/copy/"' in client.get("/?year=2024").content.decode()
    form = client.get("/plans/2024/copy/").content.decode()
    assert 'value="2025"' in form
    response = client.post("/plans/2024/copy/", {"year": "2025"}, follow=True)
    assert response.redirect_chain == [("/?year=2025", 302)]
    page = response.content.decode()
    assert "已生成2025年全县安全生产与自然灾害防治工作要点" in page
    assert '<h1 class="h4 mb-1">2025年全县安全生产与自然灾害防治工作要点</h1>' in page


def test_a_refused_form_keeps_what_was_typed_and_shows_why(source, web_as):
    client = web_as("county_admin")
    response = client.post("/plans/2024/copy/", {"year": "2024"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="2024"' in page and "2024年度的工作要点已存在" in page
    assert Plan.objects.count() == 1


@pytest.mark.parametrize("username", ["gx_staff", "county_leader"])
def test_the_page_is_forbidden_to_others(source, web_as, username):
    client = web_as(username)
    assert "/plans/2024/copy/" not in client.get("/").content.decode()
    assert client.get("/plans/2024/copy/").status_code == 403
    assert client.post("/plans/2024/copy/", {"year": "2025"}).status_code == 403
    assert not Plan.objects.filter(year=2025).exists()
