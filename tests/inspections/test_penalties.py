"""Penalties (行政处罚): the rules of recording one or a 一案双罚 pair, the referral to justice, the pages and the
API, who may see and write them, and the list's query counts."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from inspections import penalty_services as services
from inspections.choices import InspectionEventKind, PartyKind
from inspections.models import InspectionEvent, Penalty
from tests.factories import EnterpriseFactory
from tests.inspections.factories_penalties import InspectionFactory, PenaltyFactory, department

pytestmark = pytest.mark.django_db

BASIS = "《中华人民共和国安全生产法》第九十七条"


@pytest.fixture
def yjj(db):
    return department("应急局")


@pytest.fixture
def jtj(db):
    return department("交通局")


@pytest.fixture
def enterprise(db):
    return EnterpriseFactory()


def single(actor, dept, enterprise, **overrides):
    arguments = {
        "actor": actor,
        "department": dept,
        "enterprise": enterprise,
        "decision_number": "垫应急罚〔2024〕1号",
        "decided_on": datetime.date(2024, 5, 20),
        "legal_basis": BASIS,
        "amount": Decimal("20000"),
    } | overrides
    return services.penalty_record(**arguments)


def double(actor, dept, enterprise, **overrides):
    arguments = {
        "actor": actor,
        "department": dept,
        "enterprise": enterprise,
        "decision_number": "垫应急罚〔2024〕2号",
        "decided_on": datetime.date(2024, 5, 21),
        "legal_basis": BASIS,
        "enterprise_amount": Decimal("50000"),
        "person_name": "张三",
        "person_post": "总经理",
        "person_amount": "8000",
        "person_decision_number": "垫应急罚〔2024〕3号",
    } | overrides
    return services.penalty_record_double(**arguments)


def test_one_case_two_fines_creates_two_linked_records(demo_user, yjj, enterprise):
    inspection = InspectionFactory(department=yjj, enterprise=enterprise, inspected_on=datetime.date(2024, 5, 9))
    staff = demo_user("yjj_staff")
    firm, person = double(staff, yjj, enterprise, inspection=inspection)
    assert (firm.party_kind, person.party_kind) == (PartyKind.ENTERPRISE, PartyKind.PERSON)
    assert firm.case_number == person.case_number == "垫应急罚〔2024〕2号"
    assert (person.person_name, person.person_post, person.amount) == ("张三", "总经理", Decimal("8000"))
    assert firm.inspection == person.inspection == inspection
    assert firm.recorded_by == person.recorded_by == staff
    events = InspectionEvent.objects.filter(inspection=inspection, kind=InspectionEventKind.PENALTY)
    assert events.count() == 2
    assert {e.actor for e in events} == {staff}
    assert any("张三" in e.comment for e in events)


def test_a_given_case_number_is_kept(demo_user, yjj, enterprise):
    firm, person = double(demo_user("county_admin"), yjj, enterprise, case_number="垫应急立〔2024〕9号")
    assert firm.case_number == person.case_number == "垫应急立〔2024〕9号"


@pytest.mark.parametrize("taken", ["垫应急罚〔2024〕1号", "垫应急罚〔2024〕1号 ", "ABC-2024-1"])
def test_a_duplicate_decision_number_is_refused_whatever_its_case(demo_user, yjj, enterprise, taken):
    PenaltyFactory(decision_number="abc-2024-1" if taken.startswith("ABC") else "垫应急罚〔2024〕1号")
    before = Penalty.objects.count()
    with pytest.raises(ValidationError) as error:
        single(demo_user("yjj_staff"), yjj, enterprise, decision_number=taken)
    assert "已存在" in error.value.message_dict["decision_number"][0]
    assert Penalty.objects.count() == before


def test_a_double_fine_with_one_number_taken_saves_neither(demo_user, yjj, enterprise):
    PenaltyFactory(decision_number="垫应急罚〔2024〕3号")
    with pytest.raises(ValidationError) as error:
        double(demo_user("yjj_staff"), yjj, enterprise)
    assert "已存在" in error.value.message_dict["person_decision_number"][0]
    assert Penalty.objects.count() == 1


def test_a_double_fine_with_the_same_number_twice_is_refused(demo_user, yjj, enterprise):
    with pytest.raises(ValidationError) as error:
        double(demo_user("yjj_staff"), yjj, enterprise, person_decision_number="垫应急罚〔2024〕2号")
    assert "不能相同" in error.value.message_dict["person_decision_number"][0]
    assert not Penalty.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"legal_basis": "  "}, "legal_basis", "须写明处罚依据"),
        ({"amount": Decimal("-1")}, "amount", "不能为负数"),
        ({"amount": "abc"}, "amount", "罚款金额"),
        ({"decided_on": "tomorrow"}, "decided_on", "不能晚于今天"),
        ({"referred_to_justice": True}, "referred_on", "须填写移送日期"),
        ({"referred_on": datetime.date(2024, 5, 25)}, "referred_to_justice", "须勾选"),
        (
            {"referred_to_justice": True, "referred_on": datetime.date(2024, 5, 1)},
            "referred_on",
            "不能早于决定日期",
        ),
    ],
)
def test_bad_input_is_refused_in_chinese_and_nothing_saved(demo_user, yjj, enterprise, overrides, field, words):
    if overrides.get("decided_on") == "tomorrow":
        overrides["decided_on"] = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        single(demo_user("yjj_staff"), yjj, enterprise, **overrides)
    assert words in error.value.message_dict[field][0]
    assert not Penalty.objects.exists()


def test_the_inspection_must_be_the_departments_of_that_enterprise_and_earlier(demo_user, yjj, jtj, enterprise):
    staff = demo_user("yjj_staff")
    theirs = InspectionFactory(department=jtj, enterprise=enterprise)
    other_firm = InspectionFactory(department=yjj, enterprise=EnterpriseFactory())
    later = InspectionFactory(department=yjj, enterprise=enterprise, inspected_on=datetime.date(2024, 5, 25))
    for inspection, field, words in [
        (theirs, "inspection", "不是本部门"),
        (other_firm, "inspection", "被检查单位不是"),
        (later, "decided_on", "不能早于检查日期"),
    ]:
        with pytest.raises(ValidationError) as error:
            single(staff, yjj, enterprise, inspection=inspection)
        assert words in error.value.message_dict[field][0]
    assert not Penalty.objects.exists()
    assert not InspectionEvent.objects.exists()


@pytest.mark.parametrize("username", ["jtj_head", "gx_staff", "county_leader", "auditor", "api_client"])
def test_only_the_departments_people_or_the_county_admin_record_its_penalties(demo_user, yjj, enterprise, username):
    with pytest.raises(PermissionDenied):
        single(demo_user(username), yjj, enterprise)
    with pytest.raises(PermissionDenied):
        double(demo_user(username), yjj, enterprise)
    assert not Penalty.objects.exists()


def test_the_head_and_the_county_admin_may(demo_user, yjj, jtj, enterprise):
    single(demo_user("yjj_head"), yjj, enterprise)
    single(demo_user("county_admin"), jtj, enterprise, decision_number="垫交罚〔2024〕1号")
    assert Penalty.objects.count() == 2


def test_referral_to_justice_marks_the_whole_case(demo_user, yjj, enterprise):
    inspection = InspectionFactory(department=yjj, enterprise=enterprise)
    firm, person = double(demo_user("yjj_staff"), yjj, enterprise, inspection=inspection)
    with pytest.raises(ValidationError):
        services.penalty_refer(actor=demo_user("yjj_staff"), penalty=firm, referred_on=datetime.date(2024, 5, 1))
    with pytest.raises(PermissionDenied):
        services.penalty_refer(actor=demo_user("jtj_head"), penalty=firm, referred_on=datetime.date(2024, 6, 1))
    services.penalty_refer(actor=demo_user("yjj_staff"), penalty=firm, referred_on=datetime.date(2024, 6, 1))
    for p in (firm, person):
        p.refresh_from_db()
        assert (p.referred_to_justice, p.referred_on) == (True, datetime.date(2024, 6, 1))
    assert InspectionEvent.objects.filter(inspection=inspection, comment__contains="移送司法机关").count() == 2
    with pytest.raises(ValidationError, match="已于2024-06-01移送"):
        services.penalty_refer(actor=demo_user("yjj_staff"), penalty=firm, referred_on=datetime.date(2024, 6, 2))


# Pages


@pytest.fixture
def two_departments(yjj, jtj):
    gx_firm = EnterpriseFactory()
    sp_firm = EnterpriseFactory(township=department("应急局").parent.children.get(name="沙坪镇"))
    mine = PenaltyFactory(department=yjj, enterprise=gx_firm, decision_number="YJ-1", amount=Decimal("1000"))
    theirs = PenaltyFactory(department=jtj, enterprise=sp_firm, decision_number="JT-1", amount=Decimal("300"))
    return mine, theirs


def test_each_department_sees_its_own_penalties(web_as, api_as, two_departments):
    mine, theirs = two_departments
    assert web_as("yjj_staff").get(f"/inspections/penalties/{mine.pk}/").status_code == 200
    assert web_as("yjj_staff").get(f"/inspections/penalties/{theirs.pk}/").status_code == 404
    page = web_as("yjj_staff").get("/inspections/penalties/").content.decode()
    assert "YJ-1" in page and "JT-1" not in page
    assert [p["decision_number"] for p in api_as("jtj_head").get("/api/v1/penalties/").json()["results"]] == ["JT-1"]
    assert api_as("jtj_head").get(f"/api/v1/penalties/{mine.pk}/").status_code == 404
    # The township sees the penalties on its enterprises; county-wide readers see all.
    assert [p["decision_number"] for p in api_as("gx_staff").get("/api/v1/penalties/").json()["results"]] == ["YJ-1"]
    for username in ["county_leader", "auditor", "api_client"]:
        assert api_as(username).get("/api/v1/penalties/").json()["count"] == 2


def test_the_list_filters_and_totals(web_as, yjj, jtj, enterprise, demo_user):
    double(demo_user("yjj_staff"), yjj, enterprise)
    PenaltyFactory(department=jtj, decided_on=datetime.date(2024, 4, 3), amount=Decimal("700"))
    PenaltyFactory(
        department=yjj, referred_to_justice=True, referred_on=datetime.date(2024, 5, 30), amount=Decimal("100")
    )
    client = web_as("county_admin")
    page = client.get("/inspections/penalties/")
    assert page.context["totals"] == {"count": 4, "persons": 1, "referred": 1, "amount": Decimal("58800")}
    assert client.get(f"/inspections/penalties/?department={jtj.pk}").context["totals"]["count"] == 1
    assert client.get("/inspections/penalties/?month=2024-05").context["totals"]["amount"] == Decimal("58100")
    assert client.get("/inspections/penalties/?party_kind=person").context["totals"]["count"] == 1
    assert client.get("/inspections/penalties/?referred=true").context["totals"]["count"] == 1
    assert client.get(f"/inspections/penalties/?enterprise={enterprise.pk}").context["totals"]["count"] == 2
    bad = client.get("/inspections/penalties/?month=2024-13").content.decode()
    assert "月份格式" in bad


def test_the_list_takes_the_same_number_of_queries_for_few_or_many_rows(web_as, yjj, django_assert_num_queries):
    client = web_as("yjj_staff")
    PenaltyFactory(department=yjj)
    client.get("/inspections/penalties/")  # warm the session
    with django_assert_num_queries(10) as few:
        client.get("/inspections/penalties/")
    PenaltyFactory.create_batch(12, department=yjj)
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get("/inspections/penalties/").status_code == 200


def test_the_form_records_one_penalty_or_a_double_one(web_as, yjj, enterprise):
    client = web_as("yjj_staff")
    assert client.get("/inspections/penalties/new/").status_code == 200
    body = {
        "department": yjj.pk,
        "enterprise": enterprise.pk,
        "decision_number": "垫应急罚〔2024〕11号",
        "decided_on": "2024-05-20",
        "legal_basis": BASIS,
        "amount": "30000",
    }
    response = client.post("/inspections/penalties/new/", body)
    assert response.status_code == 302
    body |= {
        "decision_number": "垫应急罚〔2024〕12号",
        "double": "on",
        "person_name": "李四",
        "person_post": "法定代表人",
        "person_decision_number": "垫应急罚〔2024〕13号",
        "person_amount": "6000",
    }
    assert client.post("/inspections/penalties/new/", body).status_code == 302
    assert Penalty.objects.filter(case_number="垫应急罚〔2024〕12号").count() == 2
    detail = client.get(f"/inspections/penalties/{Penalty.objects.get(person_name='李四').pk}/").content.decode()
    assert "垫应急罚〔2024〕12号" in detail  # the other penalty of the case


def test_a_refused_form_keeps_what_was_typed(web_as, yjj, enterprise):
    PenaltyFactory(decision_number="垫应急罚〔2024〕11号")
    body = {
        "department": yjj.pk,
        "enterprise": enterprise.pk,
        "decision_number": "垫应急罚〔2024〕11号",
        "decided_on": "2024-05-20",
        "legal_basis": "",
        "amount": "-5",
        "double": "on",
        "person_name": "王五",
    }
    response = web_as("yjj_staff").post("/inspections/penalties/new/", body)
    page = response.content.decode()
    assert response.status_code == 400
    assert "王五" in page and "垫应急罚〔2024〕11号" in page
    assert "一案双罚须填写此项" in page
    assert Penalty.objects.count() == 1
    body |= {"legal_basis": BASIS, "amount": "-5", "person_decision_number": "P-1", "person_amount": "1"}
    page = web_as("yjj_staff").post("/inspections/penalties/new/", body).content.decode()
    assert "已存在" in page and "不能为负数" in page


def test_the_form_is_refused_to_those_who_may_not_record(web_as):
    for username in ["county_leader", "auditor", "gx_staff"]:
        assert web_as(username).get("/inspections/penalties/new/").status_code == 403


def test_the_referral_form(web_as, yjj, enterprise, demo_user):
    (penalty,) = single(demo_user("yjj_staff"), yjj, enterprise)
    client = web_as("yjj_staff")
    assert "行刑衔接" in client.get(f"/inspections/penalties/{penalty.pk}/").content.decode()
    assert client.post(f"/inspections/penalties/{penalty.pk}/refer/", {"referred_on": "2024-05-01"}).status_code == 400
    assert client.post(f"/inspections/penalties/{penalty.pk}/refer/", {"referred_on": "2024-06-01"}).status_code == 302
    penalty.refresh_from_db()
    assert penalty.referred_to_justice


# API


def test_the_api_records_a_double_fine_and_answers_both(api_as, yjj, enterprise):
    body = {
        "department": yjj.pk,
        "enterprise": enterprise.pk,
        "decision_number": "垫应急罚〔2024〕21号",
        "decided_on": "2024-05-20",
        "legal_basis": BASIS,
        "amount": "40000",
        "double": True,
        "person_name": "赵六",
        "person_post": "主要负责人",
        "person_decision_number": "垫应急罚〔2024〕22号",
        "person_amount": "7000.50",
    }
    response = api_as("yjj_staff").post("/api/v1/penalties/", body, format="json")
    assert response.status_code == 201, response.json()
    rows = response.json()
    assert [(r["party_kind"], r["amount"], r["case_number"]) for r in rows] == [
        ("enterprise", "40000.00", "垫应急罚〔2024〕21号"),
        ("person", "7000.50", "垫应急罚〔2024〕21号"),
    ]
    again = api_as("yjj_staff").post("/api/v1/penalties/", body, format="json")
    assert again.status_code == 400
    assert "已存在" in again.json()["decision_number"][0]
    single_body = {k: v for k, v in body.items() if not k.startswith("person") and k != "double"}
    single_body["decision_number"] = "垫应急罚〔2024〕23号"
    created = api_as("yjj_staff").post("/api/v1/penalties/", single_body, format="json").json()
    assert len(created) == 1 and created[0]["case_number"] == ""


def test_the_api_refuses_bad_input_and_read_only_roles(api_as, yjj, jtj, enterprise):
    body = {
        "department": yjj.pk,
        "enterprise": enterprise.pk,
        "decision_number": "X-1",
        "decided_on": "2024-05-20",
        "legal_basis": "",
        "amount": "10",
    }
    response = api_as("yjj_staff").post("/api/v1/penalties/", body, format="json")
    assert response.status_code == 400 and "须写明处罚依据" in response.json()["legal_basis"][0]
    missing = api_as("yjj_staff").post("/api/v1/penalties/", body | {"double": True}, format="json")
    assert "一案双罚须填写此项" in missing.json()["person_name"][0]
    body["legal_basis"] = BASIS
    other = api_as("yjj_staff").post("/api/v1/penalties/", body | {"department": jtj.pk}, format="json")
    assert other.status_code == 403
    for username in ["auditor", "api_client", "county_leader"]:
        assert api_as(username).post("/api/v1/penalties/", body, format="json").status_code == 403
    assert not Penalty.objects.exists()


def test_the_api_refers_a_case(api_as, yjj, enterprise, demo_user):
    (penalty,) = single(demo_user("yjj_staff"), yjj, enterprise)
    url = f"/api/v1/penalties/{penalty.pk}/refer/"
    assert api_as("auditor").post(url, {"referred_on": "2024-06-01"}, format="json").status_code == 403
    answer = api_as("yjj_staff").post(url, {"referred_on": "2024-06-01"}, format="json").json()
    assert (answer["referred_to_justice"], answer["referred_on"]) == (True, "2024-06-01")


def test_the_api_list_takes_a_fixed_number_of_queries(api_as, yjj, django_assert_max_num_queries):
    PenaltyFactory.create_batch(10, department=yjj, inspection=None)
    with django_assert_max_num_queries(5):
        assert api_as("county_admin").get("/api/v1/penalties/?month=2024-05").json()["count"] == 10


def test_the_demo_penalties_load_once_with_a_double_fine(db):
    from demo.inspections_penalties import load_penalties
    from demo.loader import DemoLoader

    loader = DemoLoader()
    load_penalties(loader)
    load_penalties(loader)
    assert Penalty.objects.count() == loader.counter["created"] == 5
    case = Penalty.objects.filter(case_number="垫应急罚〔2024〕15号")
    assert sorted(case.values_list("party_kind", flat=True)) == ["enterprise", "person"]
    assert set(Penalty.objects.values_list("department__short_name", flat=True)) == {"应急局", "交通局"}
