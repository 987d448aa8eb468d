"""Creating measures, alone or for many units at once, and changing their deadlines visibly."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import OrgUnit
from tasks import services, workflow
from tasks.models import ExtensionRequest, Measure, QuantitativeTarget, TargetAllocation, WorkItem
from tests.tasks.factories import MeasureFactory

D = datetime.date


@pytest.fixture
def item13(db):
    return WorkItem.objects.get(plan__year=2024, number=13)


def townships(*names):
    return [OrgUnit.objects.get(name=n) for n in names]


def test_one_call_creates_a_measure_for_each_township(item13, demo_user):
    created = services.measure_create(
        actor=demo_user("county_admin"),
        entry=item13,
        title="开展燃气隐患排查整治",
        owner_units=townships("桂溪街道", "桂阳街道", "沙坪镇"),
        start_date=D(2024, 4, 1),
        deadline=D(2024, 10, 31),
        milestones=[services.MilestoneInput("完成摸底", D(2024, 5, 31))],
    )
    assert [m.owner_unit.name for m in created] == ["桂溪街道", "桂阳街道", "沙坪镇"]
    assert all(m.lead_unit.short_name == "应急局" and m.original_deadline == D(2024, 10, 31) for m in created)
    assert all(m.milestones.count() == 1 for m in created)


def test_a_lead_unit_creates_measures_and_another_department_cannot(item13, demo_user):
    values = dict(
        entry=item13, title="整治", owner_units=townships("沙坪镇"), start_date=D(2024, 4, 1), deadline=D(2024, 5, 1)
    )
    assert services.measure_create(actor=demo_user("yjj_staff"), **values)
    for username in ["jtj_head", "gx_head", "county_leader"]:
        with pytest.raises(PermissionDenied):
            services.measure_create(actor=demo_user(username), **values)


def test_a_deadline_before_the_start_is_refused_and_nothing_is_saved(item13, demo_user):
    before = Measure.objects.count()
    with pytest.raises(ValidationError) as error:
        services.measure_create(
            actor=demo_user("county_admin"),
            entry=item13,
            title="x",
            owner_units=townships("桂溪街道", "沙坪镇"),
            start_date=D(2024, 6, 1),
            deadline=D(2024, 5, 1),
        )
    assert error.value.message_dict == {"deadline": ["完成时限不能早于开始日期。"]}
    assert Measure.objects.count() == before


def test_a_village_cannot_own_a_measure(item13, demo_user):
    with pytest.raises(ValidationError) as error:
        services.measure_create(
            actor=demo_user("county_admin"),
            entry=item13,
            title="x",
            owner_units=[OrgUnit.objects.get(code="500231001001")],
            start_date=D(2024, 6, 1),
            deadline=D(2024, 7, 1),
        )
    assert "owner_units" in error.value.message_dict


def test_a_target_measure_takes_the_units_allocation_as_its_planned_quantity(demo_user):
    roads = QuantitativeTarget.objects.get(plan__year=2024, name="防火道路新建和改建")
    gx = OrgUnit.objects.get(name="桂溪街道")
    TargetAllocation.objects.create(target=roads, unit=gx, quantity=Decimal("35"))
    [measure] = services.measure_create(
        actor=demo_user("county_admin"),
        entry=roads.work_item,
        title="防火道路",
        owner_units=[gx],
        start_date=D(2024, 4, 1),
        deadline=D(2024, 11, 30),
        target=roads,
    )
    assert measure.planned_quantity == Decimal("35")


def test_allocations_that_do_not_add_up_are_saved_with_a_warning(demo_user):
    roads = QuantitativeTarget.objects.get(plan__year=2024, name="防火道路新建和改建")
    shares = [
        (OrgUnit.objects.get(name="桂溪街道"), Decimal("100")),
        (OrgUnit.objects.get(name="沙坪镇"), Decimal("40")),
    ]
    warning = services.allocations_set(actor=demo_user("county_admin"), target=roads, shares=shares)
    assert warning == "各单位分解量合计140公里，与指标150公里不一致（相差10）。"
    shares[1] = (shares[1][0], Decimal("50"))
    assert services.allocations_set(actor=demo_user("county_admin"), target=roads, shares=shares) == ""
    with pytest.raises(PermissionDenied):
        services.allocations_set(actor=demo_user("yjj_head"), target=roads, shares=shares)


def test_an_approved_extension_moves_the_deadline_and_keeps_the_original(db, demo_user):
    measure = MeasureFactory(deadline=D(2024, 9, 30))
    request = workflow.extension_request(
        actor=demo_user("gx_staff"), measure=measure, requested_deadline=D(2024, 10, 31), reason="雨季施工受阻"
    )
    with pytest.raises(PermissionDenied):
        workflow.extension_approve(actor=demo_user("gx_head"), request=request)
    workflow.extension_approve(actor=demo_user("yjj_head"), request=request, note="同意")
    measure.refresh_from_db()
    assert (measure.original_deadline, measure.deadline) == (D(2024, 9, 30), D(2024, 10, 31))
    assert list(measure.extension_requests.values_list("previous_deadline", "requested_deadline", "status")) == [
        (D(2024, 9, 30), D(2024, 10, 31), "approved")
    ]


def test_a_refusal_needs_a_reason_and_leaves_the_deadline(db, demo_user):
    measure = MeasureFactory(deadline=D(2024, 9, 30))
    request = workflow.extension_request(
        actor=demo_user("gx_staff"), measure=measure, requested_deadline=D(2024, 10, 31), reason="原因"
    )
    with pytest.raises(ValidationError):
        workflow.extension_refuse(actor=demo_user("yjj_head"), request=request, note="")
    workflow.extension_refuse(actor=demo_user("yjj_head"), request=request, note="理由不充分")
    measure.refresh_from_db()
    assert measure.deadline == D(2024, 9, 30)
    with pytest.raises(ValidationError):
        workflow.extension_approve(actor=demo_user("yjj_head"), request=request)


def test_an_extension_must_move_the_deadline_later_and_only_one_waits_at_a_time(db, demo_user):
    measure = MeasureFactory(deadline=D(2024, 9, 30))
    gx = demo_user("gx_staff")
    with pytest.raises(ValidationError) as error:
        workflow.extension_request(actor=gx, measure=measure, requested_deadline=D(2024, 9, 1), reason="x")
    assert "requested_deadline" in error.value.message_dict
    workflow.extension_request(actor=gx, measure=measure, requested_deadline=D(2024, 10, 31), reason="x")
    with pytest.raises(ValidationError):
        workflow.extension_request(actor=gx, measure=measure, requested_deadline=D(2024, 11, 30), reason="y")


def test_a_deadline_never_changes_silently(db, demo_user):
    measure = MeasureFactory(deadline=D(2024, 9, 30))
    with pytest.raises(ValidationError):
        services.measure_update(actor=demo_user("county_admin"), measure=measure, deadline=D(2024, 12, 31))
    with pytest.raises(ValidationError):
        services.deadline_change(
            actor=demo_user("county_admin"), measure=measure, new_deadline=D(2024, 8, 31), reason=""
        )
    services.deadline_change(
        actor=demo_user("county_admin"), measure=measure, new_deadline=D(2024, 8, 31), reason="上级要求提前完成"
    )
    change = ExtensionRequest.objects.get(measure=measure)
    assert (change.previous_deadline, change.requested_deadline, change.reason) == (
        D(2024, 9, 30),
        D(2024, 8, 31),
        "上级要求提前完成",
    )
