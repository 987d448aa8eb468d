"""API tokens: kept as a hash and shown once; revoked → 401 and read-only → 403, each with a JSON reason; an API
client at a township reads only that township, and writes only with a read-write token and a writing role."""

import datetime
import hashlib

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from rest_framework.test import APIClient

from core.api_tokens import api_client_create, api_token_issue, api_token_revoke
from core.choices import Role
from core.models import Enterprise, OrgUnit
from core.models_tokens import ApiToken
from core.scoping import can_change, scope_for
from tests.factories import EnterpriseFactory
from tests.hazards.factories import HazardFactory

HAZARD = {
    "title": "配电箱未接地",
    "sector": "industry_trade",
    "level": "general",
    "source": "self",
    "found_on": "2024-06-03",
    "deadline": "2024-06-20",
}


@pytest.fixture
def office(demo_user):
    return demo_user("county_admin")


def token_client(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def make_client(office, township, roles=()):
    unit = OrgUnit.objects.get(name=township)
    return api_client_create(actor=office, username=f"sys_{unit.code}", full_name="对接系统", unit=unit, roles=roles)


def test_a_token_is_kept_as_its_sha256_and_the_key_is_nowhere_in_the_database(office):
    token, key = api_token_issue(actor=office, user=office, name="同步")
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest() and token.prefix == key[:8]
    assert len(key) >= 40 and token.read_only
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM core_apitoken")
        row_text = " ".join(map(str, cursor.fetchone()))
        cursor.execute("SELECT * FROM core_apitokenevent")
        history_text = " ".join(" ".join(map(str, r)) for r in cursor.fetchall())
    assert key not in row_text and key not in history_text
    assert token.key_hash not in history_text  # the hash stays out of the history too


def test_a_read_only_token_reads_but_every_write_gets_403_with_a_json_reason(office):
    _token, key = api_token_issue(actor=office, user=office, name="只读", read_only=True)
    client = token_client(key)
    hazard = HazardFactory()
    assert client.get("/api/v1/hazards/").status_code == 200
    assert client.get(f"/api/v1/hazards/{hazard.pk}/").status_code == 200
    writes = [
        client.post("/api/v1/hazards/", HAZARD, format="json"),
        client.patch(f"/api/v1/hazards/{hazard.pk}/", {"title": "改"}, format="json"),
        client.delete(f"/api/v1/hazards/{hazard.pk}/"),
        client.post("/api/v1/public-reports/", {"description": "匿名举报"}, format="json"),  # open to anyone
    ]
    for response in writes:
        assert response.status_code == 403
        assert response.json() == {"detail": "该令牌为只读令牌，不能新增、修改或删除数据。", "code": "token_read_only"}
    hazard.refresh_from_db()
    assert hazard.title != "改"  # the county administrator's own roles would have allowed it


def test_a_revoked_token_gets_401_with_a_json_reason_and_a_www_authenticate_header(office):
    token, key = api_token_issue(actor=office, user=office, name="旧系统")
    client = token_client(key)
    assert client.get("/api/v1/plans/").status_code == 200
    api_token_revoke(actor=office, token=token, reason="系统停用")
    response = client.get("/api/v1/plans/")
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"
    assert response.json()["code"] == "token_revoked" and "吊销" in response.json()["detail"]
    with pytest.raises(ValidationError):
        api_token_revoke(actor=office, token=token, reason="再吊销一次")


def test_a_revocation_needs_a_reason_and_only_the_county_office_revokes(office, demo_user):
    token, _key = api_token_issue(actor=office, user=office, name="同步")
    with pytest.raises(ValidationError) as error:
        api_token_revoke(actor=office, token=token, reason=" ")
    assert "reason" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        api_token_revoke(actor=demo_user("gx_staff"), token=token, reason="不要了")
    with pytest.raises(PermissionDenied):
        api_token_issue(actor=demo_user("gx_staff"), user=demo_user("gx_staff"), name="自己签发")
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_bearer_is_accepted_and_a_bad_header_is_a_401(office):
    _token, key = api_token_issue(actor=office, user=office, name="同步")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert client.get("/api/v1/plans/").status_code == 200
    client.credentials(HTTP_AUTHORIZATION=f"Token {key} extra")
    assert client.get("/api/v1/plans/").status_code == 401


def test_last_use_is_written_at_most_once_a_minute(office):
    token, key = api_token_issue(actor=office, user=office, name="同步")
    client = token_client(key)
    with time_machine.travel("2024-06-03 10:00:00 +0800", tick=False):
        client.get("/api/v1/plans/")
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    with time_machine.travel("2024-06-03 10:00:40 +0800", tick=False):
        client.get("/api/v1/plans/")
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first
    with time_machine.travel("2024-06-03 10:01:30 +0800", tick=False):
        client.get("/api/v1/plans/")
    assert ApiToken.objects.get(pk=token.pk).last_used_at - first == datetime.timedelta(seconds=90)


def test_a_client_at_a_township_sees_only_that_township(office):
    client_user = make_client(office, "沙坪镇")
    _token, key = api_token_issue(actor=office, user=client_user, name="镇级对接")
    client = token_client(key)
    mine = HazardFactory(territory=OrgUnit.objects.get(name="沙坪镇"), supervising_department=None)
    theirs = HazardFactory(territory=OrgUnit.objects.get(name="桂溪街道"))
    assert client.get(f"/api/v1/hazards/{mine.pk}/").status_code == 200
    assert client.get(f"/api/v1/hazards/{theirs.pk}/").status_code == 404
    ids = {h["id"] for h in client.get("/api/v1/hazards/", {"page_size": 500}).json()["results"]}
    assert mine.pk in ids and theirs.pk not in ids
    county_wide = make_client(office, "垫江县")
    assert scope_for(county_wide).sees_all and not scope_for(client_user).sees_all


def test_an_api_client_role_never_gives_a_right_to_change(office):
    client_user = make_client(office, "沙坪镇")
    enterprise = EnterpriseFactory(township=OrgUnit.objects.get(name="沙坪镇"))
    scope = scope_for(client_user)
    assert enterprise.township_id in scope.unit_ids and not scope.writable_unit_ids
    assert not can_change(client_user, enterprise)
    assert not Enterprise.objects.changeable_by(client_user).exists()


def test_a_read_write_client_with_township_staff_registers_its_townships_hazards_only(office):
    client_user = make_client(office, "沙坪镇", roles=[Role.TOWNSHIP_STAFF])
    _token, key = api_token_issue(actor=office, user=client_user, name="镇级对接", read_only=False)
    client = token_client(key)
    sp, gx = OrgUnit.objects.get(name="沙坪镇"), OrgUnit.objects.get(name="桂溪街道")

    created = client.post("/api/v1/hazards/", {**HAZARD, "territory": sp.pk}, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["territory"]["name"] == "沙坪镇" and created.json()["number"].startswith("YH2024-")
    refused = client.post("/api/v1/hazards/", {**HAZARD, "territory": gx.pk}, format="json")
    assert refused.status_code == 403 and "detail" in refused.json()


def test_a_read_write_token_of_a_client_without_writing_roles_writes_nothing(office):
    client_user = make_client(office, "沙坪镇")
    _token, key = api_token_issue(actor=office, user=client_user, name="镇级对接", read_only=False)
    response = token_client(key).post(
        "/api/v1/hazards/", {**HAZARD, "territory": OrgUnit.objects.get(name="沙坪镇").pk}, format="json"
    )
    assert response.status_code == 403


def test_an_api_client_sits_at_the_county_a_department_or_a_township_and_has_no_password(office):
    client_user = make_client(office, "沙坪镇", roles=[Role.TOWNSHIP_STAFF])
    assert not client_user.has_usable_password()
    assert set(client_user.memberships.values_list("role", flat=True)) == {Role.API_CLIENT, Role.TOWNSHIP_STAFF}
    village = OrgUnit.objects.filter(kind="village").first()
    with pytest.raises(ValidationError) as error:
        api_client_create(actor=office, username="v1", full_name="村级", unit=village)
    assert "unit" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        make_client(office, "桂溪街道", roles=[Role.DEPT_HEAD])
    assert "roles" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        api_client_create(actor=office, username=client_user.username.upper(), full_name="重名", unit=village.parent)
    assert "username" in error.value.message_dict


def test_create_api_token_prints_a_read_only_token_unless_asked_and_replaces_its_namesake(db, capsys):
    call_command("create_api_token", "gx_staff")
    first = capsys.readouterr().out.strip()
    call_command("create_api_token", "gx_staff", "--read-write", "--name", "脚本")
    writer = capsys.readouterr().out.strip()
    call_command("create_api_token", "gx_staff")
    second = capsys.readouterr().out.strip()
    tokens = {t.name: t for t in ApiToken.objects.filter(user__username="gx_staff", revoked_at__isnull=True)}
    assert tokens["命令行签发"].read_only and not tokens["脚本"].read_only
    assert token_client(first).get("/api/v1/plans/").status_code == 401  # replaced by the second
    assert token_client(second).get("/api/v1/plans/").status_code == 200
    assert token_client(writer).get("/api/v1/plans/").status_code == 200
