"""Benchmark enterprises (标杆企业) and their incentives: named by the county office, one per enterprise a year."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from inspections import enterprise_services as services
from inspections.models import BenchmarkEnterprise, Incentive
from tests.inspections.factories_credit import enterprise_of

pytestmark = pytest.mark.django_db


def test_the_county_office_names_a_benchmark_and_records_its_incentive(web_as):
    client = web_as("county_admin")
    firm = enterprise_of("桂溪街道")
    response = client.post(reverse("inspections:benchmark-create"), {"enterprise": firm.pk, "year": 2025})
    assert response.status_code == 302
    benchmark = BenchmarkEnterprise.objects.get()
    response = client.post(
        reverse("inspections:benchmark-incentive-add"),
        {"benchmark": benchmark.pk, "kind": "funding", "amount": "50000", "granted_on": "2026-01-10"},
    )
    assert response.status_code == 302
    page = web_as("gx_staff").get(reverse("inspections:benchmark-list")).content.decode()
    assert firm.name in page and "资金奖励" in page


def test_a_second_benchmark_of_the_year_and_a_funding_without_amount_are_refused(demo_user):
    admin = demo_user("county_admin")
    firm = enterprise_of("桂溪街道")
    benchmark = services.benchmark_create(actor=admin, enterprise=firm, year=2025)
    with pytest.raises(ValidationError) as exc:
        services.benchmark_create(actor=admin, enterprise=firm, year=2025)
    assert exc.value.message_dict["enterprise"] == ["该单位已是本年度标杆企业。"]
    with pytest.raises(ValidationError) as exc:
        services.incentive_add(actor=admin, benchmark=benchmark, kind="funding", granted_on=datetime.date(2026, 1, 1))
    assert exc.value.message_dict["amount"] == ["资金奖励须填写金额。"]
    with pytest.raises(ValidationError) as exc:
        services.incentive_add(
            actor=admin, benchmark=benchmark, kind="other", amount=Decimal("-1"), granted_on=datetime.date(2026, 1, 1)
        )
    assert exc.value.message_dict["amount"] == ["金额不能为负数。"]
    assert not Incentive.objects.exists()


def test_townships_and_readers_cannot_name_benchmarks(demo_user, web_as):
    with pytest.raises(PermissionDenied):
        services.benchmark_create(actor=demo_user("gx_staff"), enterprise=enterprise_of("桂溪街道"), year=2025)
    assert web_as("county_leader").post(reverse("inspections:benchmark-create"), {}).status_code == 403
    assert not BenchmarkEnterprise.objects.exists()


def test_another_townships_benchmark_is_not_on_the_list(demo_user, web_as, django_assert_max_num_queries):
    admin = demo_user("county_admin")
    services.benchmark_create(actor=admin, enterprise=enterprise_of("沙坪镇"), year=2025, note="沙坪标杆")
    services.benchmark_create(actor=admin, enterprise=enterprise_of("桂溪街道"), year=2025, note="桂溪标杆")
    client = web_as("gx_staff")
    with django_assert_max_num_queries(10):
        page = client.get(reverse("inspections:benchmark-list")).content.decode()
    assert "桂溪标杆" in page and "沙坪标杆" not in page


@pytest.mark.parametrize(
    "name",
    [
        "inspections:training-create",
        "inspections:certificate-create",
        "inspections:insurance-create",
        "inspections:benchmark-create",
        "inspections:benchmark-incentive-add",
    ],
)
def test_the_forms_open_for_the_county_office(web_as, name):
    assert web_as("county_admin").get(reverse(name)).status_code == 200
