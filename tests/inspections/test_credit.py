"""The safety credit record: each penalty, accident and overdue major hazard that produced it, with its rule and
a link to its source; the score and grade follow from the entries; scoped like the enterprise."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import OrgUnit
from inspections import credit_selectors, credit_services, penalty_services
from inspections import investigation_services as inv_services
from inspections.credit_rules import RULES_BY_CODE
from inspections.models import CreditNotice
from tests.inspections.factories_credit import enterprise_of, overdue_major_hazard, township

pytestmark = pytest.mark.django_db


@pytest.fixture
def record_sources(demo_user):
    admin = demo_user("county_admin")
    firm = enterprise_of("桂溪街道")
    penalty = penalty_services.penalty_record(
        actor=admin,
        department=OrgUnit.objects.get(short_name="应急局"),
        enterprise=firm,
        decision_number="垫应急罚〔2024〕T901号",
        decided_on=datetime.date(2024, 5, 20),
        legal_basis="《中华人民共和国安全生产法》第九十七条",
        amount=Decimal("10000"),
    )[0]
    accident = inv_services.investigation_create(
        actor=admin,
        case_name="机械伤害事故（测试）",
        kind="production_accident",
        level="general",
        occurred_at=timezone.now() - datetime.timedelta(days=100),
        township=township("桂溪街道"),
        lead_department=penalty.department,
        deaths=1,
        enterprises=[firm],
    )
    hazard = overdue_major_hazard(admin, firm)
    return firm, penalty, accident, hazard


def test_the_credit_record_lists_each_penalty_accident_and_overdue_major_hazard_with_its_source(record_sources, web_as):
    firm, penalty, accident, hazard = record_sources
    record = credit_selectors.credit_record(enterprise=firm)
    sources = {(e.source_type, e.source_id, e.rule.code) for e in record.entries}
    assert ("penalty", penalty.pk, "penalty_enterprise") in sources
    assert ("investigation", accident.pk, "accident_general") in sources
    assert ("hazard", hazard.pk, "major_hazard") in sources
    assert ("hazard", hazard.pk, "overdue_rectification") in sources
    page = web_as("gx_staff").get(reverse("inspections:credit-record", args=[firm.pk])).content.decode()
    for url in (
        reverse("inspections:penalty-detail", args=[penalty.pk]),
        reverse("inspections:investigation-detail", args=[accident.pk]),
        reverse("hazards:detail", args=[hazard.pk]),
    ):
        assert f'href="{url}"' in page


def test_the_score_is_100_less_the_rules_points_and_the_grade_follows(record_sources):
    firm, *_rest = record_sources
    record = credit_selectors.credit_record(enterprise=firm)
    points = sum(RULES_BY_CODE[c].points for c in ("penalty_enterprise", "accident_general", "major_hazard"))
    points += RULES_BY_CODE["overdue_rectification"].points
    assert record.deducted == points == 45
    assert record.score == 55 and record.grade == "D"
    annotated = credit_selectors.with_credit(type(firm).objects.filter(pk=firm.pk)).get()
    assert (annotated.credit_score, annotated.credit_grade) == (record.score, record.grade)


def test_a_warning_letter_is_listed_and_deducts(demo_user, web_as):
    firm = enterprise_of("桂溪街道")
    notice = credit_services.credit_notice_issue(
        actor=demo_user("county_admin"),
        enterprise=firm,
        kind="warning_letter",
        issued_on=timezone.localdate(),
        reason="隐患逾期未整改",
    )
    record = credit_selectors.credit_record(enterprise=firm)
    assert [(e.source_type, e.source_id) for e in record.entries] == [("credit_notice", notice.pk)]
    assert record.score == 95 and record.grade == "A"
    page = web_as("gx_staff").get(reverse("inspections:credit-record", args=[firm.pk])).content.decode()
    assert "隐患逾期未整改" in page


def test_the_county_office_issues_a_notice_on_the_page_and_a_future_date_is_refused(web_as):
    firm = enterprise_of("桂溪街道")
    client = web_as("county_admin")
    url = reverse("inspections:credit-notice-create", args=[firm.pk])
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    response = client.post(url, {"kind": "exposure", "issued_on": future, "reason": "拒不整改"})
    assert response.status_code == 400
    assert "日期不能晚于今天。" in response.content.decode()
    assert not CreditNotice.objects.exists()
    today = timezone.localdate().isoformat()
    response = client.post(url, {"kind": "exposure", "issued_on": today, "reason": "拒不整改"})
    assert response.status_code == 302
    assert CreditNotice.objects.get().issued_by.kind == "county"


@pytest.mark.parametrize("username", ["gx_staff", "county_leader", "yjj_staff"])
def test_only_the_county_office_issues_notices(web_as, username):
    firm = enterprise_of("桂溪街道")
    today = timezone.localdate().isoformat()
    response = web_as(username).post(
        reverse("inspections:credit-notice-create", args=[firm.pk]),
        {"kind": "interview", "issued_on": today, "reason": "约谈"},
    )
    assert response.status_code in (403, 404)
    assert not CreditNotice.objects.exists()


def test_another_townships_credit_record_is_404_and_the_overview_holds_only_own_enterprises(web_as):
    client = web_as("gx_staff")
    other = enterprise_of("沙坪镇")
    assert client.get(reverse("inspections:credit-record", args=[other.pk])).status_code == 404
    assert client.get(reverse("inspections:credit-record", args=[enterprise_of("桂溪街道").pk])).status_code == 200
    page = client.get(reverse("inspections:credit-list")).content.decode()
    assert other.name not in page and enterprise_of("桂溪街道").name in page


def test_the_overview_filters_by_grade_in_a_fixed_number_of_queries(
    record_sources, web_as, django_assert_max_num_queries
):
    firm, *_rest = record_sources
    client = web_as("county_leader")
    with django_assert_max_num_queries(12):
        page = client.get(reverse("inspections:credit-list"), {"grade": "D"}).content.decode()
    assert firm.name in page
    assert enterprise_of("沙坪镇").name not in page


def test_the_api_gives_score_grade_and_entries_with_their_sources(record_sources, api_as):
    firm, penalty, accident, hazard = record_sources
    client = api_as("gx_staff")
    body = client.get(reverse("api:credit-record-detail", args=[firm.pk])).json()
    assert (body["score"], body["grade"]) == (55, "D")
    assert {(e["source_type"], e["source_id"]) for e in body["entries"]} >= {
        ("penalty", penalty.pk),
        ("investigation", accident.pk),
        ("hazard", hazard.pk),
    }
    assert client.get(reverse("api:credit-record-detail", args=[enterprise_of("沙坪镇").pk])).status_code == 404
    assert client.post(reverse("api:credit-record-list"), {}).status_code == 405


def test_the_demo_has_an_enterprise_whose_record_shows_a_penalty_an_accident_and_an_overdue_major_hazard():
    from demo.inspections_credit import MAJOR_HAZARD
    from demo.loader import DemoLoader
    from hazards.models import Hazard

    DemoLoader(with_work=True).load()
    firm = Hazard.objects.get(title=MAJOR_HAZARD).enterprise
    rules = {entry.rule.code for entry in credit_selectors.credit_record(enterprise=firm).entries}
    assert {"penalty_enterprise", "accident_general", "major_hazard", "overdue_rectification"} <= rules
    assert "notice_warning_letter" in rules
    DemoLoader(with_work=True).load()  # loading twice adds nothing of ours
    assert CreditNotice.objects.filter(enterprise=firm).count() == 1


def test_the_record_page_and_the_api_list_take_a_fixed_number_of_queries(
    record_sources, web_as, api_as, django_assert_max_num_queries
):
    firm, *_rest = record_sources
    client = web_as("gx_staff")
    with django_assert_max_num_queries(16):
        assert client.get(reverse("inspections:credit-record", args=[firm.pk])).status_code == 200
    api = api_as("county_leader")
    with django_assert_max_num_queries(8):
        body = api.get(reverse("api:credit-record-list"), {"grade": "D"}).json()
    assert [row["id"] for row in body["results"]] == [firm.pk]
