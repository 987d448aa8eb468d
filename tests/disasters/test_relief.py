"""Relief (item 18) rules through the services: ID numbers checked and kept encrypted, the affected area, payments
(amount, duplicates need a reason), totals from aggregates, reconstruction steps and the dispatch of materials."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from pghistory.models import Events

from core.models import User
from disasters import relief_selectors as selectors
from disasters import relief_services as services
from disasters.models import (
    Depot,
    ReconstructionStep,
    ReliefDispatch,
    ReliefHousehold,
    ReliefPayment,
    StockMovement,
    SupplyItem,
)
from disasters.models.relief import ReconstructionStage
from disasters.relief_identity import id_check_char, normalise_id_number

from .factories_relief import (
    DONGJIE,
    NANJIE,
    QIANJIN,
    DisasterEventFactory,
    ReliefHouseholdFactory,
    admin,
    entitle,
    grant_relief_office,
    pay,
    valid_id,
    village,
    wrong_check_digit,
)

pytestmark = pytest.mark.django_db


def _messages(exc):
    return " ".join(m for messages in exc.value.message_dict.values() for m in messages)


def test_the_check_digit_follows_gb_11643():
    assert id_check_char("11010519491231002") == "X"  # the standard's own example
    assert normalise_id_number(" 11010519491231002x ") == "11010519491231002X"


def test_an_id_number_with_a_wrong_check_digit_is_refused_with_the_right_digit_named():
    number = valid_id(7)
    with pytest.raises(ValidationError) as exc:
        ReliefHouseholdFactory(id_number=wrong_check_digit(number))
    assert "身份证号校验位错误" in _messages(exc) and f"应为{number[17]}" in _messages(exc)
    assert not ReliefHousehold.objects.exists()


@pytest.mark.parametrize("bad", ["50023119800101123", "5002311980010112345", "50023119800101123Y", ""])
def test_an_id_number_of_the_wrong_shape_is_refused(bad):
    with pytest.raises(ValidationError) as exc:
        ReliefHouseholdFactory(id_number=bad)
    assert "身份证号应为18位" in _messages(exc)


def test_id_and_card_numbers_are_not_stored_in_plain_text_and_read_back_whole():
    number = valid_id(11)
    household = ReliefHouseholdFactory(id_number=number, bank_card="6217 9953 1000 1234")
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_jsonb(t)::text FROM disasters_reliefhousehold t WHERE id = %s", [household.pk])
        row = cursor.fetchone()[0]
    assert number not in row and "6217995310001234" not in row
    stored = ReliefHousehold.objects.get(pk=household.pk)
    assert stored.id_number == number and stored.bank_card == "6217995310001234"
    assert stored.id_number_masked == f"{number[:6]}********{number[-4:]}"
    assert stored.bank_card_masked == "6217********1234"


def test_the_same_id_number_twice_in_one_event_is_refused():
    household = ReliefHouseholdFactory(id_number=valid_id(3))
    with pytest.raises(ValidationError) as exc:
        ReliefHouseholdFactory(event=household.event, id_number=valid_id(3))
    assert "已在本次灾害事件中登记" in _messages(exc)


def test_a_household_outside_the_events_area_is_refused():
    event = DisasterEventFactory(villages=[DONGJIE])
    outside = village(NANJIE)
    with pytest.raises(ValidationError) as exc:
        ReliefHouseholdFactory(event=event, village=outside)
    assert "不在" in _messages(exc) and "受灾范围内" in _messages(exc)


def test_a_township_listed_whole_covers_all_its_villages():
    event = DisasterEventFactory(villages=[], townships=["桂溪街道"])
    assert event.covers_village(village(NANJIE)) and not event.covers_village(village(QIANJIN))


def test_a_payment_to_a_household_no_longer_in_the_events_area_is_refused_and_nothing_saved():
    household = ReliefHouseholdFactory(village=village(NANJIE))
    services.disaster_event_update(actor=admin(), event=household.event, villages=[village(DONGJIE)])
    with pytest.raises(ValidationError) as exc:
        pay(household, 100)
    assert "受灾范围内" in _messages(exc)
    assert not ReliefPayment.objects.exists()


@pytest.mark.parametrize("amount", ["-100", "0", "0.001"])
def test_a_negative_zero_or_over_precise_amount_is_refused(amount):
    household = ReliefHouseholdFactory()
    with pytest.raises(ValidationError) as exc:
        pay(household, amount)
    assert "金额" in _messages(exc)
    with pytest.raises(ValidationError):
        entitle(household, amount)
    assert not ReliefPayment.objects.exists()


def test_a_second_payment_of_the_same_kind_and_period_needs_a_reason_which_is_kept():
    household = ReliefHouseholdFactory()
    pay(household, 1500)
    with pytest.raises(ValidationError) as exc:
        pay(household, 500)
    assert "再次发放须写明事由" in _messages(exc)
    second = pay(household, 500, reason="核增人口补发差额")
    assert ReliefPayment.objects.get(pk=second.pk).reason == "核增人口补发差额"
    pay(household, 800, period="2024年8月")  # another period: no reason needed
    pay(household, 800, kind="transition", period="2024年8月")  # another kind: no reason needed


def test_a_transfer_reference_is_recorded_once():
    household = ReliefHouseholdFactory()
    services.relief_payment_create(
        actor=admin(),
        household=household,
        kind="emergency",
        period="7月",
        amount=1,
        paid_on=datetime.date(2024, 7, 1),
        transfer_reference="R1",
    )
    with pytest.raises(ValidationError) as exc:
        services.relief_payment_create(
            actor=admin(),
            household=household,
            kind="transition",
            period="8月",
            amount=1,
            paid_on=datetime.date(2024, 8, 1),
            transfer_reference="R1",
        )
    assert "流水号已登记" in _messages(exc)


def test_totals_per_household_village_and_fund_and_the_unpaid_list():
    event = DisasterEventFactory()
    a = ReliefHouseholdFactory(event=event, village=village(DONGJIE))
    b = ReliefHouseholdFactory(event=event, village=village(DONGJIE))
    c = ReliefHouseholdFactory(event=event, village=village(NANJIE))
    entitle(a, 2000), entitle(a, 3600, kind="transition", period="2024年8-10月")
    entitle(b, 1000), entitle(c, 1500)
    pay(a, 1500), pay(a, 500, reason="补发"), pay(a, 3600, kind="transition", period="2024年8-10月")
    pay(b, 400)
    user = admin()
    rows = {h.pk: h for h in selectors.event_households(user=user, event=event)}
    assert (rows[a.pk].owed, rows[a.pk].paid, rows[a.pk].outstanding) == (5600, 5600, 0)
    assert (rows[b.pk].owed, rows[b.pk].paid, rows[b.pk].outstanding) == (1000, 400, 600)
    assert (rows[c.pk].paid, rows[c.pk].outstanding) == (0, 1500)
    villages = {row["village"].code: row for row in selectors.village_totals(user=user, event=event)}
    for code, row in villages.items():
        payments = ReliefPayment.objects.filter(household__village__code=code, household__event=event)
        assert row["paid"] == sum(p.amount for p in payments)
    assert villages[DONGJIE]["paid"] == 6000 and villages[DONGJIE]["households"] == 2
    assert villages[DONGJIE]["owed"] == 6600 and villages[NANJIE]["paid"] == 0
    funds = {row["kind"].value: row for row in selectors.fund_totals(user=user, event=event)}
    assert funds["emergency"]["owed"] == 4500 and funds["emergency"]["paid"] == 2400
    assert funds["transition"]["outstanding"] == 0
    unpaid = selectors.unpaid_households(selectors.event_households(user=user, event=event))
    assert {h.pk for h in unpaid} == {b.pk, c.pk}


def test_the_totals_take_a_fixed_number_of_queries(django_assert_max_num_queries):
    event = DisasterEventFactory()
    for _n in range(5):
        household = ReliefHouseholdFactory(event=event)
        entitle(household, 100), pay(household, 50)
    user = User.objects.get(username="gx_staff")
    with django_assert_max_num_queries(9):  # scope (2), relief office? (2), households (1), villages (2), funds (2)
        list(selectors.event_households(user=user, event=event))
        selectors.village_totals(user=user, event=event)
        selectors.fund_totals(user=user, event=event)


def test_a_township_writes_for_its_own_villages_only_and_read_only_roles_write_nothing():
    gx, sp = User.objects.get(username="gx_staff"), User.objects.get(username="sp_staff")
    event = DisasterEventFactory()
    services.relief_household_create(
        actor=gx, event=event, village=village(DONGJIE), head_name="甲", member_count=1, id_number=valid_id(1)
    )
    with pytest.raises(PermissionDenied):
        services.relief_household_create(
            actor=sp, event=event, village=village(DONGJIE), head_name="乙", member_count=1, id_number=valid_id(2)
        )
    household = ReliefHousehold.objects.get(head_name="甲")
    for username in ("county_leader", "auditor", "sp_staff"):
        with pytest.raises(PermissionDenied):
            pay(household, 100, actor=User.objects.get(username=username))
    with pytest.raises(PermissionDenied):
        services.disaster_event_create(
            actor=gx, name="乡镇自建事件", kind="flood", started_on=datetime.date(2024, 7, 1)
        )
    assert ReliefPayment.objects.count() == 0


def test_the_relief_office_registers_events_and_a_township_cannot():
    office = grant_relief_office("yjj_staff")
    event = services.disaster_event_create(
        actor=office,
        name="救灾科登记",
        kind="drought",
        started_on=datetime.date(2024, 8, 1),
        townships=[village(NANJIE).parent],
    )
    assert event.created_by == office
    with pytest.raises(PermissionDenied):
        services.disaster_event_create(
            actor=User.objects.get(username="yjj_head"),
            name="无权限",
            kind="flood",
            started_on=datetime.date(2024, 7, 1),
            townships=[village(NANJIE).parent],
        )


def test_an_event_ending_before_it_started_or_with_no_area_is_refused():
    with pytest.raises(ValidationError) as exc:
        DisasterEventFactory(started_on=datetime.date(2024, 7, 11), ended_on=datetime.date(2024, 7, 1))
    assert "结束日期不能早于发生日期" in _messages(exc)
    with pytest.raises(ValidationError) as exc:
        DisasterEventFactory(villages=[])
    assert "请至少选择一个受灾乡镇" in _messages(exc)


def test_reconstruction_moves_forward_to_completion_and_each_move_is_kept():
    household = ReliefHouseholdFactory()
    gx = User.objects.get(username="gx_staff")
    house = services.house_reconstruction_create(
        actor=gx, household=household, damage="collapsed", plan="rebuild", on=datetime.date(2024, 7, 25)
    )
    house = services.reconstruction_advance(
        actor=gx, reconstruction=house, to="building", on=datetime.date(2024, 9, 1), note="开工"
    )
    with pytest.raises(ValidationError) as exc:
        services.reconstruction_advance(actor=gx, reconstruction=house, to="not_started", on=datetime.date(2024, 9, 2))
    assert "只能向前推进" in _messages(exc)
    with pytest.raises(ValidationError) as exc:
        services.reconstruction_advance(actor=gx, reconstruction=house, to="completed", on=datetime.date(2024, 8, 1))
    assert "不能早于上一进度" in _messages(exc)
    house = services.reconstruction_advance(
        actor=gx, reconstruction=house, to="completed", on=datetime.date(2025, 1, 18), note="验收入住"
    )
    assert house.stage == ReconstructionStage.COMPLETED and house.completed_on == datetime.date(2025, 1, 18)
    assert house.started_on == datetime.date(2024, 9, 1)
    steps = list(ReconstructionStep.objects.filter(reconstruction=house).order_by("on", "pk"))
    assert [(s.from_stage, s.to_stage) for s in steps] == [
        ("", "not_started"),
        ("not_started", "building"),
        ("building", "completed"),
    ]
    assert steps[-1].actor == gx and steps[-1].note == "验收入住"


def _tents():
    depot = Depot.objects.get(name="桂溪街道应急物资储备点（演示）")
    return SupplyItem.objects.get(depot=depot, name="编织袋")


def test_a_dispatch_takes_the_stock_down_through_a_stock_movement():
    event = DisasterEventFactory()
    item = _tents()
    before = item.quantity
    gx = User.objects.get(username="gx_staff")
    dispatch = services.relief_dispatch_create(
        actor=gx,
        event=event,
        village=village(DONGJIE),
        item=item,
        quantity=Decimal("500"),
        dispatched_on=datetime.date(2024, 7, 12),
    )
    item.refresh_from_db()
    assert item.quantity == before - 500
    assert dispatch.movement.kind == "out" and dispatch.movement.balance == item.quantity
    assert event.name in dispatch.movement.reason


def test_a_dispatch_below_zero_is_refused_and_nothing_written():
    event = DisasterEventFactory()
    item = _tents()
    before, movements = item.quantity, StockMovement.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.relief_dispatch_create(
            actor=admin(),
            event=event,
            village=village(DONGJIE),
            item=item,
            quantity=before + 1,
            dispatched_on=datetime.date(2024, 7, 12),
        )
    assert "库存不足" in _messages(exc)
    item.refresh_from_db()
    assert item.quantity == before and StockMovement.objects.count() == movements
    assert not ReliefDispatch.objects.exists()


def test_a_dispatch_to_a_village_outside_the_area_or_from_another_units_depot_is_refused():
    event = DisasterEventFactory(villages=[DONGJIE])
    gx = User.objects.get(username="gx_staff")
    with pytest.raises(ValidationError):
        services.relief_dispatch_create(
            actor=gx,
            event=event,
            village=village(NANJIE),
            item=_tents(),
            quantity=1,
            dispatched_on=datetime.date(2024, 7, 12),
        )
    county_tents = SupplyItem.objects.get(depot__name="县应急物资储备库（演示）", name="帐篷")
    with pytest.raises(PermissionDenied):
        services.relief_dispatch_create(
            actor=gx,
            event=event,
            village=village(DONGJIE),
            item=county_tents,
            quantity=1,
            dispatched_on=datetime.date(2024, 7, 12),
        )
    assert not ReliefDispatch.objects.exists()


def test_payments_and_households_keep_their_history_without_the_ciphertext():
    household = ReliefHouseholdFactory()
    payment = pay(household, 100)
    services.relief_household_update(actor=admin(), household=household, member_count=5)
    events = list(Events.objects.tracks(household).values_list("pgh_label", "pgh_data"))
    assert [label for label, _data in events].count("update") == 1 and len(events) == 2
    assert all("id_number_encrypted" not in data and data["id_number_masked"] for _label, data in events)
    assert Events.objects.tracks(payment).count() == 1
