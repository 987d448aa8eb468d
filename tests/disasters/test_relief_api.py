"""The relief API (item 18): /disaster-events/, /relief-households/ (numbers masked but for the relief office),
/relief-payments/ (POST through the service, `reason` for a second payment) and /house-reconstructions/."""

import pytest
from django.urls import reverse

from demo.disasters_relief import EVENT, load_relief
from demo.loader import DemoLoader
from disasters.models import DisasterEvent, ReliefHousehold, ReliefPayment

from .factories_relief import grant_relief_office, valid_id, wrong_check_digit

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(db):
    load_relief(DemoLoader(with_work=False))
    return DisasterEvent.objects.get(name=EVENT)


def _rows(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_households_are_masked_in_the_api_but_for_the_relief_office(api_as, event):
    household = ReliefHousehold.objects.get(event=event, head_name="张德明")
    rows = {r["id"]: r for r in _rows(api_as("gx_staff").get(reverse("api:relief-household-list")))}
    assert rows[household.pk]["id_number"] == household.id_number_masked != household.id_number
    assert rows[household.pk]["bank_card"] == "6217********1234"
    assert (rows[household.pk]["owed"], rows[household.pk]["paid"], rows[household.pk]["outstanding"]) == (
        "2000.00",
        "2000.00",
        "0.00",
    )
    grant_relief_office("yjj_head")
    detail = api_as("yjj_head").get(reverse("api:relief-household-detail", args=[household.pk])).json()
    assert detail["id_number"] == household.id_number and detail["bank_card"] == "6217995310001234"


def test_another_townships_household_is_404_and_the_list_holds_only_own(api_as, event):
    sp_household = ReliefHousehold.objects.get(event=event, head_name="周大福")
    client = api_as("gx_staff")
    assert client.get(reverse("api:relief-household-detail", args=[sp_household.pk])).status_code == 404
    heads = {r["id"] for r in _rows(client.get(reverse("api:relief-household-list")))}
    assert sp_household.pk not in heads and len(heads) == 6


def test_a_payment_posted_twice_needs_a_reason(api_as, event):
    household = ReliefHousehold.objects.get(event=event, head_name="李秀英")
    body = {
        "household": household.pk,
        "kind": "emergency",
        "period": "2024年7月",
        "amount": "100.00",
        "paid_on": "2024-08-01",
        "transfer_reference": "API-0001",
    }
    client = api_as("gx_staff")
    refused = client.post(reverse("api:relief-payment-list"), body, format="json")
    assert refused.status_code == 400 and "再次发放须写明事由" in refused.content.decode()
    created = client.post(reverse("api:relief-payment-list"), body | {"reason": "补发"}, format="json")
    assert created.status_code == 201 and created.json()["reason"] == "补发"


@pytest.mark.parametrize("amount", ["-100.00", "0"])
def test_a_negative_or_zero_payment_is_refused_by_the_api(api_as, event, amount):
    household = ReliefHousehold.objects.get(event=event, head_name="赵玉梅")
    body = {
        "household": household.pk,
        "kind": "emergency",
        "period": "2024年7月",
        "amount": amount,
        "paid_on": "2024-08-01",
        "transfer_reference": "API-NEG",
    }
    response = api_as("gx_staff").post(reverse("api:relief-payment-list"), body, format="json")
    assert response.status_code == 400 and "金额应大于0元" in response.content.decode()
    assert not ReliefPayment.objects.filter(transfer_reference="API-NEG").exists()


def test_a_payment_to_another_townships_household_is_refused(api_as, event):
    household = ReliefHousehold.objects.get(event=event, head_name="吴春花")
    body = {
        "household": household.pk,
        "kind": "emergency",
        "period": "2024年7月",
        "amount": "500",
        "paid_on": "2024-08-01",
        "transfer_reference": "API-SP",
        "reason": "补足",
    }
    assert api_as("gx_staff").post(reverse("api:relief-payment-list"), body, format="json").status_code == 400
    assert api_as("sp_staff").post(reverse("api:relief-payment-list"), body, format="json").status_code == 201


def test_read_only_roles_are_refused_writes(api_as, event):
    household = ReliefHousehold.objects.get(event=event, head_name="赵玉梅")
    for username in ("county_leader", "auditor", "api_client"):
        client = api_as(username)
        assert client.get(reverse("api:relief-payment-list")).status_code == 200
        response = client.post(reverse("api:relief-payment-list"), {"household": household.pk}, format="json")
        assert response.status_code == 403


def test_a_household_with_a_wrong_check_digit_is_refused_by_the_api(api_as, event):
    village = event.villages.get(code="500231001002")
    body = {
        "event": event.pk,
        "village": village.pk,
        "head_name": "接口户",
        "member_count": 1,
        "id_number": wrong_check_digit(valid_id(5)),
    }
    client = api_as("gx_staff")
    response = client.post(reverse("api:relief-household-list"), body, format="json")
    assert response.status_code == 400 and "校验位错误" in response.content.decode()
    created = client.post(reverse("api:relief-household-list"), body | {"id_number": valid_id(5)}, format="json")
    assert created.status_code == 201 and created.json()["id_number"].count("*") == 8


def test_events_are_created_by_the_county_office_only(api_as, event):
    body = {
        "name": "接口登记的干旱",
        "kind": "drought",
        "started_on": "2024-08-10",
        "townships": [event.townships.first().pk],
    }
    assert api_as("gx_staff").post(reverse("api:disaster-event-list"), body, format="json").status_code == 403
    response = api_as("county_admin").post(reverse("api:disaster-event-list"), body, format="json")
    assert response.status_code == 201 and response.json()["kind_display"] == "干旱"


def test_a_reconstruction_advances_through_the_api_and_its_steps_are_listed(api_as, event):
    house = ReliefHousehold.objects.get(event=event, head_name="王建国").reconstruction
    client = api_as("gx_staff")
    steps = client.get(reverse("api:house-reconstruction-steps", args=[house.pk])).json()
    assert [s["to_stage"] for s in steps] == ["not_started", "building", "structure_done", "completed"]
    other = ReliefHousehold.objects.get(event=event, head_name="周大福").reconstruction
    assert client.get(reverse("api:house-reconstruction-detail", args=[other.pk])).status_code == 404
    sp = api_as("sp_staff")
    moved = sp.post(
        reverse("api:house-reconstruction-advance", args=[other.pk]), {"to": "structure_done", "on": "2024-10-01"}
    )
    assert moved.status_code == 200 and moved.json()["stage"] == "structure_done"
    back = sp.post(reverse("api:house-reconstruction-advance", args=[other.pk]), {"to": "building", "on": "2024-10-02"})
    assert back.status_code == 400 and "只能向前推进" in back.content.decode()


def test_the_api_lists_pin_their_queries(api_as, event, django_assert_max_num_queries):
    client = api_as("county_leader")
    for name in ("disaster-event", "relief-household", "relief-payment", "house-reconstruction"):
        client.get(reverse(f"api:{name}-list"))
        with django_assert_max_num_queries(8):
            assert client.get(reverse(f"api:{name}-list")).status_code == 200


@pytest.mark.parametrize("year", ["0.0", "2024.5", "99999"])
def test_a_year_filter_out_of_range_is_a_400_not_a_server_error(api_as, event, year):
    assert api_as("gx_staff").get(reverse("api:disaster-event-list"), {"year": year}).status_code == 400


def test_the_year_filter_keeps_the_events_of_that_year(api_as, event):
    rows = _rows(api_as("county_leader").get(reverse("api:disaster-event-list"), {"year": 2024}))
    assert EVENT in {r["name"] for r in rows}
