"""安全生产责任保险 policies: unique numbers, dates, the uninsured and expiring enterprises, scoping."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from inspections import enterprise_services as services
from inspections.models import InsurancePolicy
from tests.inspections.factories_credit import enterprise_of

pytestmark = pytest.mark.django_db


def _policy(actor, enterprise, number="P-1", days_left=200, **extra):
    today = timezone.localdate()
    values = {
        "insurer": "人保财险",
        "policy_number": number,
        "starts_on": today - datetime.timedelta(days=100),
        "ends_on": today + datetime.timedelta(days=days_left),
        "premium": Decimal("1000"),
        "insured_amount": Decimal("100"),
        **extra,
    }
    return services.insurance_create(actor=actor, enterprise=enterprise, **values)


def test_a_policy_number_is_unique_whatever_the_case(demo_user):
    gx = demo_user("gx_staff")
    _policy(gx, enterprise_of("桂溪街道"), number="pa-1")
    with pytest.raises(ValidationError) as exc:
        _policy(gx, enterprise_of("桂溪街道"), number="PA-1")
    assert exc.value.message_dict["policy_number"] == ["保单号已登记。"]


def test_bad_dates_and_amounts_are_refused_in_chinese(demo_user):
    with pytest.raises(ValidationError) as exc:
        _policy(
            demo_user("gx_staff"),
            enterprise_of("桂溪街道"),
            days_left=-200,
            premium=Decimal("-1"),
            insured_amount=Decimal("0"),
        )
    errors = exc.value.message_dict
    assert errors["ends_on"] == ["保险止期须晚于起期。"]
    assert errors["premium"] == ["保费不能为负数。"]
    assert errors["insured_amount"] == ["保险金额须大于零。"]


def test_a_township_cannot_insure_another_townships_enterprise(demo_user):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        _policy(demo_user("gx_staff"), enterprise_of("沙坪镇"))


def test_the_list_shows_uninsured_and_expiring_enterprises(demo_user, web_as, django_assert_max_num_queries):
    gx = demo_user("gx_staff")
    firm = enterprise_of("桂溪街道")
    _policy(gx, firm, number="SOON-9", days_left=10)
    client = web_as("gx_staff")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("inspections:insurance-list"))
    page = response.content.decode()
    assert "SOON-9" in page
    expiring = page.split('data-testid="expiring"')[1].split("</div>")[0]
    assert firm.name in expiring
    uninsured = page.split('data-testid="uninsured"')[1].split("</div>")[0]
    assert firm.name not in uninsured and enterprise_of("沙坪镇").name not in uninsured


def test_the_api_lists_only_permitted_policies_and_refuses_readers(demo_user, api_as):
    admin = demo_user("county_admin")
    mine, other = _policy(admin, enterprise_of("桂溪街道")), _policy(admin, enterprise_of("沙坪镇"), number="P-2")
    client = api_as("gx_staff")
    ids = {row["id"] for row in client.get(reverse("api:insurance-policy-list")).json()["results"]}
    assert ids == {mine.pk}
    assert client.get(reverse("api:insurance-policy-detail", args=[other.pk])).status_code == 404
    assert api_as("county_leader").post(reverse("api:insurance-policy-list"), {}, format="json").status_code == 403
    assert InsurancePolicy.objects.count() == 2
