"""监管责任人公示 and 重大风险管控公示: history kept, one current per role, public pages, print, permissions, API."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from responsibilities.board_services import enterprise_board, major_risk_create, responsible_person_set
from responsibilities.models import MajorRisk, ResponsiblePerson
from tests.responsibilities.factories_boards import PERSON, MajorRiskFactory, gx_enterprise, sp_enterprise

pytestmark = pytest.mark.django_db


def set_person(actor, enterprise, role="administrative", **overrides):
    return responsible_person_set(actor=actor, enterprise=enterprise, role=role, **{**PERSON, **overrides})


def test_a_change_of_person_closes_the_current_row_and_keeps_the_history(demo_user):
    admin, enterprise = demo_user("county_admin"), gx_enterprise()
    ResponsiblePerson.objects.filter(enterprise=enterprise).delete()
    first = set_person(admin, enterprise)
    second = set_person(admin, enterprise, name="钱七", phone="13900000002", since=datetime.date(2024, 7, 1))
    first.refresh_from_db()
    assert first.until == datetime.date(2024, 6, 30) and first.name == "赵六"
    assert second.until is None
    assert list(ResponsiblePerson.objects.current().filter(enterprise=enterprise).values_list("name", flat=True)) == [
        "钱七"
    ]
    assert ResponsiblePerson.objects.filter(enterprise=enterprise, role="administrative").count() == 2


def test_a_successor_must_start_after_the_current_person(demo_user):
    admin, enterprise = demo_user("county_admin"), gx_enterprise()
    ResponsiblePerson.objects.filter(enterprise=enterprise).delete()
    set_person(admin, enterprise)
    with pytest.raises(ValidationError, match="任职日期须晚于"):
        set_person(admin, enterprise, name="钱七", since=datetime.date(2024, 3, 1))
    assert ResponsiblePerson.objects.filter(enterprise=enterprise).count() == 1


def test_the_database_keeps_one_current_person_per_role(demo_user):
    enterprise = gx_enterprise()
    ResponsiblePerson.objects.filter(enterprise=enterprise).delete()
    set_person(demo_user("county_admin"), enterprise)
    with pytest.raises(IntegrityError), transaction.atomic():
        ResponsiblePerson.objects.create(enterprise=enterprise, role="administrative", **PERSON)


def test_a_major_risk_board_missing_a_person_is_refused_and_nothing_saved(demo_user):
    values = {
        k: v
        for k, v in MajorRiskFactory.build().__dict__.items()
        if k
        in {
            "site",
            "description",
            "level",
            "in_charge_name",
            "in_charge_phone",
            "department_head_name",
            "department_head_phone",
            "direct_name",
            "direct_phone",
            "measures",
        }
    }
    values.update(department_head_name="", direct_phone="")
    before = MajorRisk.objects.count()
    with pytest.raises(ValidationError) as refused:
        major_risk_create(actor=demo_user("gx_staff"), enterprise=gx_enterprise(), **values)
    assert "公示牌缺少：部门负责人、直接责任人电话" in str(refused.value)
    assert MajorRisk.objects.count() == before


@pytest.mark.parametrize("username", ["gx_staff", "county_admin"])
def test_the_township_and_the_county_admin_may_set_persons(demo_user, username):
    assert set_person(demo_user(username), gx_enterprise(), since=datetime.date(2030, 1, 1)).pk


@pytest.mark.parametrize("username", ["sp_staff", "county_leader", "auditor", "api_client"])
def test_another_township_and_read_only_roles_are_refused(demo_user, username):
    with pytest.raises(PermissionDenied):
        set_person(demo_user(username), gx_enterprise(), since=datetime.date(2030, 1, 1))


def test_the_public_board_opens_without_login_with_masked_phones(client, demo_user):
    enterprise = gx_enterprise()
    set_person(demo_user("county_admin"), enterprise, phone="13812340001", since=datetime.date(2030, 1, 1))
    MajorRiskFactory(enterprise=enterprise, in_charge_phone="13987650002")
    page = client.get(f"/board/{enterprise_board(enterprise=enterprise).public_token}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "赵六" in text and "138****0001" in text and "13812340001" not in text
    assert "139****0002" in text
    assert client.get(f"/board/{enterprise.pk}/").status_code == 404


def test_the_public_board_shows_whole_numbers_when_masking_is_off(client, demo_user, settings):
    settings.PUBLIC_BOARD_MASK_PHONES = False
    enterprise = gx_enterprise()
    set_person(demo_user("county_admin"), enterprise, phone="13812340001", since=datetime.date(2030, 1, 1))
    assert (
        "13812340001" in client.get(f"/board/{enterprise_board(enterprise=enterprise).public_token}/").content.decode()
    )


def test_the_public_risk_board_opens_without_login_unless_it_is_not_public(client):
    risk = MajorRiskFactory()
    page = client.get(f"/board/risk/{risk.public_token}/")
    assert page.status_code == 200 and "138****0001" in page.content.decode() and risk.site in page.content.decode()
    risk.is_public = False
    risk.save()
    assert client.get(f"/board/risk/{risk.public_token}/").status_code == 404


def test_the_printed_board_carries_a_qr_code_to_the_public_page(web_as, settings):
    settings.PORTAL_BASE_URL = "https://aq.example.cn"
    enterprise = gx_enterprise()
    page = web_as("gx_staff").get(f"/responsibilities/enterprises/{enterprise.pk}/board/print/?size=a3")
    assert page.status_code == 200
    text = page.content.decode()
    token = enterprise.board.public_token
    assert f"https://aq.example.cn/board/{token}/" in text and "<svg" in text and "A3" in text


def test_the_risk_board_prints_for_its_township_and_not_for_another(web_as):
    risk = MajorRiskFactory()
    assert web_as("gx_staff").get(f"/responsibilities/risks/{risk.pk}/print/").status_code == 200
    assert web_as("sp_staff").get(f"/responsibilities/risks/{risk.pk}/print/").status_code == 404


def test_the_enterprise_section_lists_persons_and_risks(web_as, demo_user):
    enterprise = gx_enterprise()
    set_person(demo_user("county_admin"), enterprise, since=datetime.date(2030, 1, 1))
    risk = MajorRiskFactory(enterprise=enterprise)
    page = web_as("gx_staff").get(f"/responsibilities/enterprises/{enterprise.pk}/board/")
    text = page.content.decode()
    assert page.status_code == 200 and "赵六" in text and risk.site in text and "变更责任人" in text
    other = web_as("sp_staff").get(f"/responsibilities/enterprises/{enterprise.pk}/board/")
    assert other.status_code == 404


def test_the_person_form_saves_and_a_refusal_keeps_what_was_typed(web_as):
    enterprise = gx_enterprise()
    client = web_as("gx_staff")
    url = f"/responsibilities/enterprises/{enterprise.pk}/board/edit/"
    data = {"role": "enterprise", "name": "孙八", "post": "总经理", "phone": "13800008888", "since": "2030-02-01"}
    assert client.post(url, data).status_code == 302
    refused = client.post(url, {**data, "name": "周九", "since": "2030-01-01"})
    assert refused.status_code == 400 and "周九" in refused.content.decode()
    assert ResponsiblePerson.objects.current().get(enterprise=enterprise, role="enterprise").name == "孙八"


def test_read_only_roles_get_no_edit_form(web_as):
    enterprise = gx_enterprise()
    assert web_as("county_leader").get(f"/responsibilities/enterprises/{enterprise.pk}/board/edit/").status_code == 403


def test_the_risk_form_refuses_a_board_missing_persons(web_as):
    enterprise = gx_enterprise()
    data = {"site": "喷漆房", "description": "有机溶剂", "level": "orange", "measures": "通风", "is_public": "on"}
    page = web_as("gx_staff").post(f"/responsibilities/enterprises/{enterprise.pk}/risks/new/", data)
    assert page.status_code == 400 and "公示牌缺少：分管负责人、部门负责人、直接责任人" in page.content.decode()
    assert not MajorRisk.objects.filter(site="喷漆房").exists()


def test_sp_enterprise_is_another_township():
    assert sp_enterprise().township.name == "沙坪镇"


def test_the_api_lists_and_sets_responsible_persons(api_as):
    enterprise = gx_enterprise()
    url = f"/api/v1/enterprises/{enterprise.pk}/responsible-persons/"
    body = {"role": "industry", "name": "吴十", "post": "股长", "phone": "13800001111", "since": "2031-01-01"}
    made = api_as("gx_staff").post(url, body, format="json")
    assert made.status_code == 201
    assert {"role": "industry", "name": "吴十"}.items() <= next(
        p for p in made.json()["current"] if p["role"] == "industry"
    ).items()
    again = api_as("gx_staff").post(url, {**body, "name": "郑十一", "since": "2030-01-01"}, format="json")
    assert again.status_code == 400 and "任职日期须晚于" in again.content.decode()
    assert api_as("county_leader").post(url, {**body, "since": "2032-01-01"}, format="json").status_code == 403
    assert api_as("sp_staff").get(url).status_code == 404
    listed = api_as("auditor").get(url).json()
    assert any(p["name"] == "吴十" for p in listed["history"])


def test_the_api_creates_major_risks_and_refuses_missing_persons(api_as):
    enterprise = gx_enterprise()
    body = {
        "enterprise": enterprise.pk,
        "site": "液氯库",
        "description": "泄漏中毒",
        "level": "red",
        "measures": "监控",
        "in_charge_name": "甲",
        "in_charge_phone": "13800000001",
        "department_head_name": "乙",
        "department_head_phone": "13800000002",
        "direct_name": "丙",
        "direct_phone": "13800000003",
    }
    made = api_as("gx_staff").post("/api/v1/major-risks/", body, format="json")
    assert made.status_code == 201, made.content
    refused = api_as("gx_staff").patch(f"/api/v1/major-risks/{made.json()['id']}/", {"direct_name": ""}, format="json")
    assert refused.status_code == 400 and "公示牌缺少：直接责任人" in refused.content.decode()
    assert api_as("sp_staff").get(f"/api/v1/major-risks/{made.json()['id']}/").status_code == 404
    assert api_as("sp_staff").post("/api/v1/major-risks/", body, format="json").status_code == 400
    assert api_as("auditor").post("/api/v1/major-risks/", body, format="json").status_code == 403


def test_major_risks_and_persons_are_ordered_by_level_and_role_not_by_their_stored_text(demo_user):
    enterprise = gx_enterprise()
    for level in ("blue", "yellow", "red", "orange"):
        MajorRiskFactory(enterprise=enterprise, level=level)
    assert [r.level for r in MajorRisk.objects.filter(enterprise=enterprise)] == ["red", "orange", "yellow", "blue"]
    for role in ("enterprise", "administrative"):
        set_person(demo_user("county_admin"), enterprise, role=role)
    roles = [p.role for p in ResponsiblePerson.objects.filter(enterprise=enterprise)]
    assert roles.index("administrative") < roles.index("enterprise")


def test_a_board_missing_a_role_is_not_printed_and_says_which(web_as, demo_user):
    enterprise = gx_enterprise()
    ResponsiblePerson.objects.filter(enterprise=enterprise, role="professional").delete()
    page = web_as("gx_staff").get(f"/responsibilities/enterprises/{enterprise.pk}/board/print/")
    assert page.status_code == 400
    assert "公示牌缺少专业监管责任人，不能打印" in page.content.decode()
