"""The relief pages (item 18) on the demo event: every household with what it is owed and paid, village totals
equal to the sum of payments, ID numbers masked for all but the relief office, scoping, forms that keep input."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import User
from demo.disasters_relief import EVENT, HOUSEHOLDS, load_relief
from demo.loader import DemoLoader
from disasters.models import DisasterEvent, ReliefHousehold, ReliefPayment, SupplyItem

from .factories_relief import valid_id, wrong_check_digit

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(db):
    load_relief(DemoLoader(with_work=False))
    return DisasterEvent.objects.get(name=EVENT)


def _cells(html, table_id):
    table = re.search(rf'<table[^>]*id="{table_id}".*?</table>', html, re.S).group(0)
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    return [[re.sub(r"<[^>]+>", " ", c).split() for c in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)] for r in rows]


def yuan(text):
    """An amount as the page shows it, e.g. 12,800.00 (grouped, as Chinese money is written)."""
    return Decimal(text.replace(",", ""))


def test_the_relief_page_shows_every_household_with_owed_and_paid_and_village_totals_equal_payments(web_as, event):
    html = web_as("county_leader").get(reverse("disasters:relief-event-detail", args=[event.pk])).content.decode()
    rows = _cells(html, "relief-households")
    assert len(rows) == len(HOUSEHOLDS) == ReliefHousehold.objects.filter(event=event).count()
    by_head = {row[0][0]: row for row in rows}
    for _village, head, _m, _b, _c, owed, paid in HOUSEHOLDS:
        row = by_head[head]
        assert yuan(row[3][0]) == sum(Decimal(a) for _k, _p, a in owed)
        assert yuan(row[4][0]) == sum(Decimal(p[2]) for p in paid)
        assert yuan(row[5][0]) == yuan(row[3][0]) - yuan(row[4][0])
    village_rows = _cells(html, "relief-villages")
    assert len(village_rows) == 3
    village_paid = re.findall(r'data-village="(\d+)">([\d.,]+)<', html)
    assert len(village_paid) == 3
    for village_pk, paid in village_paid:
        payments = ReliefPayment.objects.filter(household__event=event, household__village_id=int(village_pk))
        assert yuan(paid) == sum(p.amount for p in payments)
    assert sum(yuan(r[3][0]) for r in village_rows) == sum(p.amount for p in ReliefPayment.objects.all())
    unpaid = re.search(r'id="relief-unpaid">(.*?)</ul>', html, re.S).group(1)
    assert "赵玉梅" in unpaid and "吴春花" in unpaid and "李秀英" not in unpaid
    assert "竣工入住" in html and "帐篷" in html


def test_a_township_sees_only_its_own_households_on_the_relief_page(web_as, event):
    html = web_as("gx_staff").get(reverse("disasters:relief-event-detail", args=[event.pk])).content.decode()
    heads = {row[0][0] for row in _cells(html, "relief-households")}
    assert heads == {h[1] for h in HOUSEHOLDS if h[0].startswith("500231001")}
    assert "周大福" not in html


def _identity(client, household):
    html = client.get(reverse("disasters:relief-household-detail", args=[household.pk])).content.decode()
    return re.search(r'id="identity-number">([^<]*)<', html).group(1)


def test_the_id_number_is_whole_for_the_relief_office_and_masked_for_everyone_else(web_as, event):
    household = ReliefHousehold.objects.get(event=event, head_name="张德明")
    whole = household.id_number
    assert _identity(web_as("yjj_staff"), household) == whole  # the demo's relief office group
    for username in ("gx_staff", "gx_head", "county_leader", "auditor", "county_admin"):
        if username == "county_admin":
            continue  # a superuser holds every permission, the relief office's too
        assert _identity(web_as(username), household) == f"{whole[:6]}********{whole[-4:]}", username
    sp = web_as("sp_staff").get(reverse("disasters:relief-household-detail", args=[household.pk]))
    assert sp.status_code == 404


def test_the_card_number_is_masked_too(web_as, event):
    household = ReliefHousehold.objects.get(event=event, head_name="张德明")
    url = reverse("disasters:relief-household-detail", args=[household.pk])
    assert "6217995310001234" not in web_as("gx_staff").get(url).content.decode()
    assert "6217995310001234" in web_as("yjj_staff").get(url).content.decode()


def test_the_event_list_holds_the_events_of_the_persons_townships(web_as, event):
    html = web_as("gx_staff").get(reverse("disasters:relief-event-list")).content.decode()
    assert EVENT in html and "2024年8月风雹" not in html
    assert "2024年8月风雹" in web_as("sp_staff").get(reverse("disasters:relief-event-list")).content.decode()


def test_the_relief_page_pins_its_queries(web_as, event, django_assert_max_num_queries):
    client = web_as("county_admin")
    url = reverse("disasters:relief-event-detail", args=[event.pk])
    client.get(url)
    with django_assert_max_num_queries(22):
        assert client.get(url).status_code == 200


def test_the_event_list_pins_its_queries(web_as, event, django_assert_max_num_queries):
    client = web_as("gx_staff")
    client.get(reverse("disasters:relief-event-list"))
    with django_assert_max_num_queries(14):
        assert client.get(reverse("disasters:relief-event-list")).status_code == 200


def _household_post(village_pk, **extra):
    return {"village": village_pk, "head_name": "新受灾户", "member_count": 2, "id_number": valid_id(99)} | extra


def test_a_refused_household_form_keeps_the_typed_input_and_names_the_check_digit(web_as, event):
    gx = web_as("gx_staff")
    village = event.villages.get(code="500231001001")
    bad = wrong_check_digit(valid_id(99))
    response = gx.post(
        reverse("disasters:relief-household-create", args=[event.pk]),
        _household_post(village.pk, id_number=bad, phone="13912345678"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "身份证号校验位错误" in html and bad in html and "13912345678" in html
    ok = gx.post(reverse("disasters:relief-household-create", args=[event.pk]), _household_post(village.pk))
    assert ok.status_code == 302 and ReliefHousehold.objects.filter(head_name="新受灾户").exists()


def test_a_township_cannot_register_a_household_in_another_townships_village(web_as, event):
    qianjin = event.villages.get(code="500231102201")
    response = web_as("gx_staff").post(
        reverse("disasters:relief-household-create", args=[event.pk]), _household_post(qianjin.pk)
    )
    assert response.status_code == 400 and not ReliefHousehold.objects.filter(head_name="新受灾户").exists()


def test_the_payment_form_asks_for_a_reason_the_second_time_and_keeps_it(web_as, event):
    household = ReliefHousehold.objects.get(event=event, head_name="李秀英")
    url = reverse("disasters:relief-payment-create", args=[household.pk])
    data = {
        "kind": "emergency",
        "period": "2024年7月",
        "amount": "200",
        "paid_on": "2024-08-01",
        "transfer_reference": "FORM-0001",
    }
    response = web_as("gx_staff").post(url, data)
    assert response.status_code == 400 and "再次发放须写明事由" in response.content.decode()
    assert "FORM-0001" in response.content.decode()
    assert web_as("gx_staff").post(url, data | {"reason": "补发"}).status_code == 302
    assert ReliefPayment.objects.get(transfer_reference="FORM-0001").reason == "补发"


def test_a_negative_amount_is_refused_on_the_form(web_as, event):
    household = ReliefHousehold.objects.get(event=event, head_name="赵玉梅")
    response = web_as("gx_staff").post(
        reverse("disasters:relief-payment-create", args=[household.pk]),
        {
            "kind": "emergency",
            "period": "2024年7月",
            "amount": "-5",
            "paid_on": "2024-08-01",
            "transfer_reference": "X9",
        },
    )
    assert response.status_code == 400 and "金额应大于0元" in response.content.decode()


def test_a_dispatch_over_the_stock_is_refused_on_the_form_and_nothing_changes(web_as, event):
    item = SupplyItem.objects.get(depot__name="桂溪街道应急物资储备点（演示）", name="编织袋")
    before = item.quantity
    village = event.villages.get(code="500231001001")
    response = web_as("gx_staff").post(
        reverse("disasters:relief-dispatch-create", args=[event.pk]),
        {"village": village.pk, "item": item.pk, "quantity": str(before + 1), "dispatched_on": "2024-07-12"},
    )
    assert response.status_code == 400 and "库存不足" in response.content.decode()
    item.refresh_from_db()
    assert item.quantity == before


def test_reconstruction_is_registered_then_advanced_from_the_household_page(web_as, event):
    household = ReliefHousehold.objects.get(event=event, head_name="陈志强")
    url = reverse("disasters:relief-reconstruction", args=[household.pk])
    gx = web_as("gx_staff")
    assert gx.post(url, {"damage": "general", "plan": "repair"}).status_code == 302
    today = timezone.localdate().isoformat()  # not before the day the house was registered (today)
    assert gx.post(url, {"to": "completed", "on": today, "note": "修缮完工"}).status_code == 302
    household.refresh_from_db()
    assert household.reconstruction.stage == "completed"
    assert "修缮完工" in gx.get(reverse("disasters:relief-household-detail", args=[household.pk])).content.decode()


@pytest.mark.parametrize("username", ["county_leader", "auditor"])
def test_read_only_roles_are_refused_the_forms(web_as, event, username):
    household = ReliefHousehold.objects.get(event=event, head_name="赵玉梅")
    client = web_as(username)
    assert client.get(reverse("disasters:relief-event-create")).status_code == 403
    assert client.post(reverse("disasters:relief-payment-create", args=[household.pk]), {}).status_code == 403
    assert client.post(reverse("disasters:relief-household-create", args=[event.pk]), {}).status_code == 403


def test_the_county_admin_registers_an_event_and_a_township_may_not(web_as, event):
    gx_township = event.townships.get(name="桂溪街道")
    data = {
        "name": "2024年9月地质灾害",
        "kind": "geological",
        "started_on": "2024-09-02",
        "townships": [gx_township.pk],
    }
    assert web_as("gx_head").post(reverse("disasters:relief-event-create"), data).status_code == 403
    response = web_as("county_admin").post(reverse("disasters:relief-event-create"), data)
    assert response.status_code == 302
    created = DisasterEvent.objects.get(name="2024年9月地质灾害")
    assert list(created.townships.all()) == [gx_township]
    assert (
        User.objects.get(username="gx_staff") and web_as("gx_staff").get(created.get_absolute_url()).status_code == 200
    )
