"""Supplies: the stock changes only through supply_move, under a row lock, never below zero; low stock is
flagged; depots' keepers write, others read what their scope shows; the lists' query counts."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from core.models import OrgUnit, User
from disasters import supply_services as services
from disasters.models import Depot, StockMovement, SupplyItem
from tests.disasters.factories_res import DepotFactory, SupplyItemFactory

pytestmark = pytest.mark.django_db

COUNTY_DEPOT = "县应急物资储备库（演示）"


def county_item(name="卫星电话"):
    return SupplyItem.objects.get(depot__name=COUNTY_DEPOT, name=name)


def test_in_out_and_adjust_change_the_stock_and_each_leaves_a_movement(demo_user):
    item = SupplyItemFactory()
    actor = demo_user("gx_staff")
    services.supply_move(actor=actor, item=item, kind="in", quantity=Decimal("5"), reason="采购")
    services.supply_move(actor=actor, item=item, kind="out", quantity=Decimal("12"), reason="沙坪镇转移安置")
    item = services.supply_move(actor=actor, item=item, kind="adjust", quantity=Decimal("2.5"), reason="盘点")
    assert item.quantity == Decimal("2.5") and item.is_low_stock
    moves = list(StockMovement.objects.filter(item=item).order_by("pk").values_list("kind", "change", "balance"))
    assert moves == [("in", 5, 15), ("out", -12, 3), ("adjust", Decimal("-0.5"), Decimal("2.5"))]


def test_an_issue_larger_than_the_stock_is_refused_and_nothing_is_saved(demo_user):
    item = SupplyItemFactory(quantity=Decimal("4"))
    with pytest.raises(ValidationError) as refused:
        services.supply_move(actor=demo_user("gx_staff"), item=item, kind="out", quantity=Decimal("6"), reason="借用")
    assert refused.value.message_dict["quantity"] == [f"库存不足：{item}现有4顶，出库6顶。"]
    item.refresh_from_db()
    assert item.quantity == 4 and not StockMovement.objects.filter(item=item).exists()


@pytest.mark.parametrize(
    "kind, quantity, reason, field",
    [
        ("out", "0", "x", "quantity"),
        ("in", "-1", "", "quantity"),
        ("out", "1.234", "x", "quantity"),
        ("out", "1", " ", "reason"),
        ("lend", "1", "x", "kind"),
        ("adjust", "-1", "x", "quantity"),
    ],
)
def test_bad_movements_are_refused(demo_user, kind, quantity, reason, field):
    item = SupplyItemFactory()
    with pytest.raises(ValidationError) as refused:
        services.supply_move(actor=demo_user("gx_staff"), item=item, kind=kind, quantity=quantity, reason=reason)
    assert field in refused.value.message_dict
    assert not StockMovement.objects.filter(item=item).exists()


def test_the_database_refuses_a_negative_stock_written_around_the_service():
    item = SupplyItemFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        SupplyItem.objects.filter(pk=item.pk).update(quantity=Decimal("-1"))


def test_a_movement_locks_the_row_and_counts_from_what_is_stored_not_from_the_callers_copy(demo_user):
    item = SupplyItemFactory(quantity=Decimal("5"))
    stale = SupplyItem.objects.get(pk=item.pk)
    stale.quantity = Decimal("100")  # what another request read before this one's issue
    with CaptureQueriesContext(connection) as queries, pytest.raises(ValidationError):
        services.supply_move(actor=demo_user("gx_staff"), item=stale, kind="out", quantity=Decimal("10"), reason="x")
    assert any("FOR UPDATE" in q["sql"] and "disasters_supplyitem" in q["sql"] for q in queries)


@pytest.mark.django_db(transaction=True)
def test_two_issues_at_once_cannot_both_take_the_last_stock(loaded_transactional_db):
    item = SupplyItemFactory(quantity=Decimal("10"))
    actor = User.objects.get(username="gx_staff")
    barrier, outcomes = threading.Barrier(2), []

    def issue():
        try:
            barrier.wait()
            services.supply_move(actor=actor, item=item, kind="out", quantity=Decimal("6"), reason="同时出库")
            outcomes.append("ok")
        except ValidationError as exc:
            outcomes.append(exc.message_dict["quantity"][0])
        finally:
            connection.close()

    threads = [threading.Thread(target=issue) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    item.refresh_from_db()
    assert len(outcomes) == 2 and outcomes.count("ok") == 1
    assert next(o for o in outcomes if o != "ok").startswith("库存不足")
    assert item.quantity == 4 and StockMovement.objects.filter(item=item).count() == 1


def test_only_the_depots_keepers_and_the_county_admin_move_its_stock(demo_user):
    item = county_item()
    for username in ["gx_staff", "county_leader", "auditor", "jtj_head"]:
        with pytest.raises(PermissionDenied):
            services.supply_move(actor=demo_user(username), item=item, kind="in", quantity=1, reason="")
    for username in ["yjj_staff", "county_admin"]:
        services.supply_move(actor=demo_user(username), item=item, kind="in", quantity=1, reason="")
    assert county_item().quantity == 4


def test_an_item_starts_with_its_opening_stock_as_a_movement_and_is_unique_in_its_depot(demo_user):
    depot = DepotFactory()
    values = {"category": "flood", "name": "救生圈", "specification": "", "unit_of_measure": "个"}
    item = services.supply_item_create(actor=demo_user("gx_staff"), depot=depot, initial_quantity=8, **values)
    assert item.quantity == 8 and item.movements.get().reason == "初始库存"
    with pytest.raises(ValidationError) as refused:
        services.supply_item_create(actor=demo_user("gx_staff"), depot=depot, **values)
    assert "同名同规格" in refused.value.message_dict["name"][0]
    with pytest.raises(PermissionDenied):
        services.supply_item_create(actor=demo_user("sp_staff"), depot=depot, **values | {"name": "x"})


def test_a_depot_outside_the_county_is_refused(demo_user):
    gx = OrgUnit.objects.get(name="桂溪街道", kind="township")
    with pytest.raises(ValidationError) as refused:
        services.depot_create(
            actor=demo_user("gx_staff"), name="x", owner_unit=gx, longitude=Decimal("30.3"), latitude=Decimal("107.3")
        )
    assert "经度和纬度填反了" in refused.value.message_dict["longitude"][0]
    assert not Depot.objects.filter(name="x").exists()


def test_low_stock_items_are_flagged_on_the_lists_and_in_the_api(web_as):
    client = web_as("county_admin")
    low = client.get("/disasters/supplies/low-stock/").content.decode()
    assert "卫星电话" in low and "低库存" in low and "冲锋舟" not in low
    depot = Depot.objects.get(name=COUNTY_DEPOT)
    page = client.get(f"/disasters/depots/{depot.pk}/").content.decode()
    assert page.count('badge text-bg-danger">低库存') == 1
    data = client.get("/api/v1/supplies/", {"low_stock": "true"}).json()
    assert [(i["name"], i["low_stock"], i["quantity"]) for i in data["results"]] == [("卫星电话", True, "2.00")]
    data = client.get("/api/v1/supplies/", {"depot": depot.pk, "category": "flood"}).json()
    assert {i["name"] for i in data["results"]} == {"冲锋舟", "救生衣", "编织袋"}
    assert next(d for d in client.get("/api/v1/depots/").json()["results"] if d["id"] == depot.pk)["low_count"] == 1


def test_the_api_moves_stock_and_answers_a_shortage_with_400(api_as):
    item = county_item("冲锋舟")
    url = f"/api/v1/supplies/{item.pk}/move/"
    response = api_as("yjj_staff").post(url, {"kind": "out", "quantity": "7", "reason": "抢险"}, format="json")
    assert response.status_code == 400 and response.json()["quantity"] == [
        "库存不足：冲锋舟 玻璃钢 6人现有6艘，出库7艘。"
    ]
    response = api_as("yjj_staff").post(url, {"kind": "out", "quantity": "2", "reason": "抢险"}, format="json")
    assert response.status_code == 200 and response.json()["quantity"] == "4.00"
    assert api_as("api_client").post(url, {"kind": "in", "quantity": "1"}, format="json").status_code == 403
    assert api_as("gx_staff").post(url, {"kind": "in", "quantity": "1"}, format="json").status_code == 404
    assert [m["change"] for m in api_as("auditor").get(f"/api/v1/supplies/{item.pk}/movements/").json()] == [
        "-2.00",
        "6.00",
    ]


def test_the_movement_form_records_and_keeps_what_was_typed_when_refused(web_as):
    item = county_item("冲锋舟")
    client = web_as("yjj_staff")
    response = client.post(f"/disasters/supplies/{item.pk}/", {"kind": "out", "quantity": "9", "reason": "借给沙坪镇"})
    page = response.content.decode()
    assert response.status_code == 400 and "库存不足" in page and 'value="借给沙坪镇"' in page
    response = client.post(f"/disasters/supplies/{item.pk}/", {"kind": "out", "quantity": "1", "reason": "借给沙坪镇"})
    assert response.status_code == 302 and county_item("冲锋舟").quantity == 5
    reader = web_as("county_leader")
    assert "出入库" in reader.get(f"/disasters/supplies/{item.pk}/").content.decode()
    assert reader.post(f"/disasters/supplies/{item.pk}/", {"kind": "in", "quantity": "1"}).status_code == 403


def test_township_staff_see_their_depots_and_not_the_countys(web_as):
    client = web_as("gx_staff")
    county, gx = Depot.objects.get(name=COUNTY_DEPOT), Depot.objects.get(name="桂溪街道应急物资储备点（演示）")
    assert client.get(f"/disasters/depots/{gx.pk}/").status_code == 200
    assert client.get(f"/disasters/depots/{county.pk}/").status_code == 404
    assert client.get(f"/disasters/supplies/{county_item().pk}/").status_code == 404
    assert {d["name"] for d in client.get("/api/v1/depots/").json()["results"]} == {gx.name}
    assert "卫星电话" not in client.get("/disasters/supplies/").content.decode()


def test_the_item_and_depot_forms(web_as):
    depot = Depot.objects.get(name="桂溪街道应急物资储备点（演示）")
    client = web_as("gx_staff")
    form = {"category": "flood", "name": "救生圈", "specification": "", "unit_of_measure": "个"}
    response = client.post(
        f"/disasters/depots/{depot.pk}/items/new/", form | {"low_stock_line": "2", "initial_quantity": "5"}
    )
    assert response.status_code == 302
    item = SupplyItem.objects.get(depot=depot, name="救生圈")
    assert item.quantity == 5
    response = client.post(f"/disasters/supplies/{item.pk}/edit/", form | {"low_stock_line": "9"})
    item.refresh_from_db()
    assert response.status_code == 302 and item.low_stock_line == 9 and item.quantity == 5
    assert web_as("sp_staff").get(f"/disasters/depots/{depot.pk}/items/new/").status_code == 404


def count_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path, {"page_size": 200}).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "path",
    [
        "/disasters/supplies/",
        "/disasters/supplies/low-stock/",
        "/api/v1/supplies/",
        "/disasters/depots/",
        "/api/v1/depots/",
    ],
)
def test_the_supply_lists_take_the_same_number_of_queries_for_10_and_40_more(path, web_as):
    client = web_as("county_admin")
    client.get(path)
    counts = []
    for total in [10, 40]:
        SupplyItemFactory.create_batch(total - SupplyItem.objects.filter(name__startswith="帐篷").count(), quantity=1)
        counts.append(count_queries(client, path))
    assert counts[0] == counts[1]
