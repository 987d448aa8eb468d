"""Accident investigations (事故调查): 结案 only when "四不放过" are all carried out, bad figures refused with
nothing saved, who sees and who writes, the API, and the query counts of the lists."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import Enterprise, OrgUnit
from inspections import investigation_services as services
from inspections.models import Investigation
from tests.hazards.factories import HazardFactory
from tests.inspections.factories_investigations import InvestigationFactory, ResponsibilityFactory

pytestmark = pytest.mark.django_db

FOUR = {
    "cause_found": True,
    "cause_found_on": datetime.date(2024, 6, 1),
    "persons_handled": True,
    "persons_handled_on": datetime.date(2024, 6, 2),
    "measures_done": True,
    "measures_done_on": datetime.date(2024, 6, 3),
    "people_educated": True,
    "people_educated_on": datetime.date(2024, 6, 4),
}


@pytest.fixture
def units(db):
    return {
        "gx": OrgUnit.objects.get(name="桂溪街道", kind="township"),
        "sp": OrgUnit.objects.get(name="沙坪镇", kind="township"),
        "yjj": OrgUnit.objects.get(short_name="应急局"),
        "jtj": OrgUnit.objects.get(short_name="交通局"),
    }


def values(units, **changes):
    return {
        "case_name": "桂溪街道“5·10”物体打击事故",
        "kind": "production_accident",
        "level": "general",
        "occurred_at": timezone.make_aware(datetime.datetime(2024, 5, 10, 9, 30)),
        "township": units["gx"],
        "place": "某工地",
        "lead_department": units["yjj"],
        "deaths": 1,
        "injured": 0,
        "missing": 0,
        "direct_loss": 120,
        **changes,
    }


def test_closing_is_refused_until_all_four_checks_are_ticked_and_names_the_missing_ones(demo_user):
    admin = demo_user("county_admin")
    inv = InvestigationFactory()
    with pytest.raises(ValidationError) as refused:
        services.investigation_close(actor=admin, investigation=inv)
    message = refused.value.messages[0]
    assert "“四不放过”未全部落实，不能结案" in message
    assert "事故原因未查清不放过" in message and "有关人员未受到教育不放过" in message

    services.investigation_update(
        actor=admin, investigation=inv, **{k: v for k, v in FOUR.items() if "educated" not in k}
    )
    with pytest.raises(ValidationError) as refused:
        services.investigation_close(actor=admin, investigation=inv)
    assert "有关人员未受到教育不放过" in refused.value.messages[0]
    assert "事故原因未查清不放过" not in refused.value.messages[0]
    inv.refresh_from_db()
    assert inv.status == "investigating" and inv.closed_at is None

    services.investigation_update(actor=admin, investigation=inv, **FOUR)
    closed = services.investigation_close(actor=admin, investigation=inv)
    assert closed.status == "closed" and closed.closed_at is not None
    with pytest.raises(ValidationError, match="已结案"):
        services.investigation_update(actor=admin, investigation=inv, place="改")


def test_the_database_refuses_a_closed_case_without_the_four_checks_and_negative_figures():
    inv = InvestigationFactory()
    for change in [{"status": "closed", "closed_at": timezone.now()}, {"deaths": -1}, {"direct_loss": -5}]:
        with pytest.raises(IntegrityError), transaction.atomic():
            Investigation.objects.filter(pk=inv.pk).update(**change)
    with pytest.raises(IntegrityError), transaction.atomic():
        Investigation.objects.filter(pk=inv.pk).update(cause_found=True)  # ticked without its date


def test_an_unhandled_responsibility_blocks_the_tick_and_the_close(demo_user):
    admin = demo_user("county_admin")
    row = ResponsibilityFactory(name="王某某")
    inv = row.investigation
    with pytest.raises(ValidationError) as refused:
        services.investigation_update(actor=admin, investigation=inv, **FOUR)
    assert "王某某" in refused.value.message_dict["persons_handled"][0]
    services.investigation_responsibility_mark_handled(
        actor=admin, responsibility=row, handled_on=datetime.date(2024, 6, 1)
    )
    services.investigation_update(actor=admin, investigation=inv, **FOUR)
    ResponsibilityFactory(investigation=inv, name="赵某某")
    with pytest.raises(ValidationError, match="赵某某"):
        services.investigation_close(actor=admin, investigation=inv)


@pytest.mark.parametrize(
    "change, field, text",
    [
        ({"deaths": -1}, "deaths", "死亡人数不能为负数"),
        ({"injured": -2}, "injured", "受伤人数不能为负数"),
        ({"missing": -1}, "missing", "失踪人数不能为负数"),
        ({"direct_loss": -1}, "direct_loss", "直接经济损失不能为负数"),
        ({"occurred_at": timezone.now() + datetime.timedelta(hours=2)}, "occurred_at", "发生时间不能晚于当前时间"),
        ({"deaths": 3}, "level", "至少为较大事故"),
        ({"cause_found": True}, "cause_found_on", "请填写落实日期"),
        ({"cause_found": True, "cause_found_on": datetime.date(2024, 5, 1)}, "cause_found_on", "不能早于事故发生日期"),
        ({"lead_department": "gx"}, "lead_department", "牵头调查部门必须是县级部门"),
    ],
)
def test_bad_figures_are_refused_with_a_message_and_nothing_saved(units, demo_user, change, field, text):
    change = {k: units[v] if k == "lead_department" else v for k, v in change.items()}
    with pytest.raises(ValidationError) as refused:
        services.investigation_create(actor=demo_user("county_admin"), **values(units, **change))
    assert text in refused.value.message_dict[field][0]
    assert not Investigation.objects.exists()


def test_numbers_run_per_year_of_occurrence(units, demo_user):
    admin = demo_user("county_admin")
    first = services.investigation_create(actor=admin, **values(units))
    second = services.investigation_create(actor=admin, **values(units, case_name="第二起"))
    assert (first.number, second.number) == ("SG2024-0001", "SG2024-0002")


def test_who_may_write(units, demo_user):
    assert services.investigation_create(actor=demo_user("yjj_staff"), **values(units)).recorded_by.username == (
        "yjj_staff"
    )
    with pytest.raises(PermissionDenied, match="本部门"):
        services.investigation_create(actor=demo_user("jtj_head"), **values(units))
    for username in ["gx_staff", "gx_head", "county_leader", "auditor", "api_client"]:
        with pytest.raises(PermissionDenied):
            services.investigation_create(actor=demo_user(username), **values(units))
    inv = InvestigationFactory()
    for username in ["jtj_head", "gx_staff", "county_leader"]:
        with pytest.raises(PermissionDenied):
            services.investigation_update(actor=demo_user(username), investigation=inv, place="改")
    assert Investigation.objects.count() == 2


def test_a_department_sees_its_own_cases_and_a_township_those_of_its_township(web_as, units):
    guixi = InvestigationFactory(case_name="桂溪应急局案")
    shaping = InvestigationFactory(case_name="沙坪交通局案", township=units["sp"], lead_department=units["jtj"])
    cases = [
        ("yjj_staff", guixi, shaping),
        ("jtj_head", shaping, guixi),
        ("gx_staff", guixi, shaping),
        ("sp_staff", shaping, guixi),
    ]
    for username, own, other in cases:
        client = web_as(username)
        assert client.get(f"/inspections/investigations/{own.pk}/").status_code == 200, username
        assert client.get(f"/inspections/investigations/{other.pk}/").status_code == 404, username
        page = client.get("/inspections/investigations/").content.decode()
        assert own.case_name in page and other.case_name not in page, username
    page = web_as("county_leader").get("/inspections/investigations/").content.decode()
    assert guixi.case_name in page and shaping.case_name in page


def test_read_only_roles_and_townships_cannot_open_edit_or_close(web_as):
    inv = InvestigationFactory(**FOUR)
    for username in ["county_leader", "auditor", "gx_staff"]:
        client = web_as(username)
        assert client.get("/inspections/investigations/new/").status_code == 403, username
        assert client.get(f"/inspections/investigations/{inv.pk}/edit/").status_code == 403, username
        assert client.post(f"/inspections/investigations/{inv.pk}/close/").status_code == 400, username
        assert "结案" not in client.get(f"/inspections/investigations/{inv.pk}/").content.decode().split("四不放过")[-1]
    inv.refresh_from_db()
    assert inv.status == "investigating"


def test_the_pages_record_a_case_keep_what_was_typed_and_close_it(web_as, units):
    client = web_as("yjj_staff")
    enterprise = Enterprise.objects.filter(township=units["gx"]).first()
    hazard = HazardFactory()
    form = {
        "case_name": "桂溪街道“5·10”物体打击事故",
        "kind": "production_accident",
        "level": "general",
        "occurred_at": "2024-05-10T09:30",
        "township": units["gx"].pk,
        "place": "某工地",
        "lead_department": units["yjj"].pk,
        "deaths": "-1",
        "injured": "0",
        "missing": "0",
        "direct_loss": "120",
        "summary": "高处坠物砸伤作业人员",
        "enterprises": [enterprise.pk],
        "hazards": [hazard.pk],
    }
    refused = client.post("/inspections/investigations/new/", form)
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "死亡人数不能为负数" in page and "高处坠物砸伤作业人员" in page
    assert not Investigation.objects.exists()

    created = client.post("/inspections/investigations/new/", {**form, "deaths": "1"})
    assert created.status_code == 302
    inv = Investigation.objects.get()
    assert list(inv.enterprises.all()) == [enterprise] and list(inv.hazards.all()) == [hazard]
    detail = client.get(created.url).content.decode()
    assert f"/enterprises/{enterprise.pk}/" in detail and f"/hazards/{hazard.pk}/" in detail
    assert "事故原因未查清不放过" in detail and "未落实" in detail

    refused = client.post(f"/inspections/investigations/{inv.pk}/close/")
    assert refused.status_code == 400 and "“四不放过”未全部落实，不能结案" in refused.content.decode()

    edit = {**form, "deaths": "1", "cause_found": "on", "cause_found_on": "2024-06-01"}
    for flag, date in [("persons_handled", "2024-06-02"), ("measures_done", "2024-06-03")]:
        edit |= {flag: "on", f"{flag}_on": date}
    edit |= {"people_educated": "on", "people_educated_on": "2024-06-04"}
    assert client.post(f"/inspections/investigations/{inv.pk}/edit/", edit).status_code == 302
    assert client.post(f"/inspections/investigations/{inv.pk}/close/").status_code == 302
    inv.refresh_from_db()
    assert inv.status == "closed" and inv.people_educated_on == datetime.date(2024, 6, 4)
    assert client.get(f"/inspections/investigations/{inv.pk}/edit/").status_code == 403


def test_responsibilities_are_added_and_marked_handled_on_the_page(web_as):
    inv = InvestigationFactory()
    client = web_as("yjj_head")
    url = f"/inspections/investigations/{inv.pk}/responsibilities/"
    refused = client.post(url, {"name": "王某某", "handling": "discipline"})
    assert refused.status_code == 400 and "请填写责任认定" in refused.content.decode()
    assert client.post(url, {"name": "王某某", "finding": "失职", "handling": "discipline"}).status_code == 302
    row = inv.responsibilities.get()
    assert client.post(f"{url}{row.pk}/handled/", {"handled_on": "2024-06-01"}).status_code == 302
    row.refresh_from_db()
    assert row.handled and row.handled_on == datetime.date(2024, 6, 1)
    assert web_as("gx_staff").post(url, {"name": "赵某", "finding": "x", "handling": "other"}).status_code == 400
    assert inv.responsibilities.count() == 1


def test_the_list_filters_and_totals_per_year(web_as, units):
    InvestigationFactory(deaths=1, injured=2, direct_loss=100)
    InvestigationFactory(deaths=2, injured=0, direct_loss="50.5", kind="natural_disaster", township=units["sp"])
    InvestigationFactory(occurred_at=timezone.make_aware(datetime.datetime(2023, 8, 1)), deaths=0, direct_loss=0)
    client = web_as("county_admin")
    response = client.get("/inspections/investigations/")
    totals = {t["year"]: t for t in response.context["totals"]}
    assert totals[2024]["cases"] == 2 and totals[2024]["deaths"] == 3 and totals[2024]["injured"] == 2
    assert str(totals[2024]["direct_loss"]) == "150.50" and totals[2023]["cases"] == 1
    filtered = client.get("/inspections/investigations/", {"year": 2024, "kind": "natural_disaster"})
    assert [t["cases"] for t in filtered.context["totals"]] == [1]
    assert len(filtered.context["page"]) == 1
    assert len(client.get("/inspections/investigations/", {"township": units["sp"].pk}).context["page"]) == 1


def _count(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("username", ["county_admin", "gx_staff"])
def test_the_list_page_takes_the_same_number_of_queries_for_few_or_many_rows(web_as, username):
    client = web_as(username)
    counts = []
    for extra in [1, 10]:
        InvestigationFactory.create_batch(extra)
        counts.append(_count(client, "/inspections/investigations/"))
    assert counts[0] == counts[1]
    assert counts[0] <= 12


def test_the_api_list_and_detail_take_a_fixed_number_of_queries(api_as):
    client = api_as("api_client")
    client.get("/api/v1/investigations/")  # the person's scope is computed once and kept on the user
    counts = []
    for extra in [1, 10]:
        for inv in InvestigationFactory.create_batch(extra):
            ResponsibilityFactory(investigation=inv)
        counts.append(_count(client, "/api/v1/investigations/"))
    assert counts[0] == counts[1] <= 4
    inv = Investigation.objects.first()
    assert _count(client, f"/api/v1/investigations/{inv.pk}/") <= 10


def test_the_api_records_lists_patches_and_closes_a_case(api_as, units):
    staff = api_as("yjj_staff")
    body = {
        "case_name": "桂溪街道“5·10”物体打击事故",
        "kind": "production_accident",
        "level": "general",
        "occurred_at": "2024-05-10T09:30:00+08:00",
        "township": units["gx"].pk,
        "lead_department": units["yjj"].pk,
        "deaths": 1,
        "direct_loss": "120.00",
    }
    bad = staff.post("/api/v1/investigations/", {**body, "injured": -1}, format="json")
    assert bad.status_code == 400 and "受伤人数不能为负数" in bad.json()["injured"][0]
    created = staff.post("/api/v1/investigations/", body, format="json")
    assert created.status_code == 201, created.json()
    case = created.json()
    assert case["number"] == "SG2024-0001" and case["status"] == "investigating"
    assert case["missing_four_nots"] == [
        "事故原因未查清不放过",
        "责任人员未处理不放过",
        "整改措施未落实不放过",
        "有关人员未受到教育不放过",
    ]
    url = f"/api/v1/investigations/{case['id']}/"
    listed = api_as("county_leader").get("/api/v1/investigations/", {"year": 2024}).json()
    assert [r["number"] for r in listed["results"]] == ["SG2024-0001"]
    assert api_as("jtj_head").get(url).status_code == 404
    assert api_as("api_client").post("/api/v1/investigations/", body, format="json").status_code == 403
    assert api_as("auditor").patch(url, {"place": "x"}, format="json").status_code == 403

    refused = staff.post(f"{url}close/")
    assert refused.status_code == 400 and "“四不放过”未全部落实，不能结案" in refused.json()["detail"][0]
    row = staff.post(
        f"{url}responsibilities/", {"name": "王某某", "finding": "失职", "handling": "admin_penalty"}, format="json"
    )
    assert row.status_code == 201, row.json()
    handled = staff.post(f"{url}handled/", {"responsibility": row.json()["id"], "handled_on": "2024-06-01"})
    assert handled.status_code == 200 and handled.json()["handled"] is True
    patch = {k: (v.isoformat() if isinstance(v, datetime.date) else v) for k, v in FOUR.items()}
    patched = staff.patch(url, patch, format="json")
    assert patched.status_code == 200 and patched.json()["missing_four_nots"] == []
    closed = staff.post(f"{url}close/")
    assert closed.status_code == 200 and closed.json()["status"] == "closed"


def test_the_api_schema_documents_the_investigations(api_as):
    schema = api_as("county_admin").get("/api/schema/").content.decode()
    assert "/api/v1/investigations/{id}/close/" in schema
