import pytest
from rest_framework.test import APIClient

from core.models import OrgUnit
from tests.factories import EnterpriseFactory


def test_org_units_hold_the_county_its_26_townships_and_301_villages_with_codes(api_as):
    client = api_as("county_admin")
    body = client.get("/api/v1/org-units/", {"page_size": 500, "kind": "township"}).json()
    assert body["count"] == 26
    assert {"code": "500231001", "name": "桂溪街道"}.items() <= body["results"][0].items()
    assert client.get("/api/v1/org-units/", {"kind": "village"}).json()["count"] == 301
    county = client.get("/api/v1/org-units/", {"kind": "county"}).json()["results"]
    assert [(u["code"], u["name"]) for u in county] == [("500231", "垫江县")]


def test_a_township_account_lists_its_own_villages_not_another_townships(api_as):
    client = api_as("gx_staff")
    sp = OrgUnit.objects.get(name="沙坪镇")
    gx = OrgUnit.objects.get(name="桂溪街道")
    assert client.get("/api/v1/org-units/", {"parent": sp.pk}).json()["count"] == 0
    assert client.get(f"/api/v1/org-units/{sp.pk}/").status_code == 404
    assert client.get("/api/v1/org-units/", {"parent": gx.pk}).json()["count"] == gx.children.count() > 0


def test_enterprises_are_scoped_like_the_pages(api_as):
    gx = EnterpriseFactory(township=OrgUnit.objects.get(name="桂溪街道"))
    sp = EnterpriseFactory(township=OrgUnit.objects.get(name="沙坪镇"))
    client = api_as("gx_staff")
    ids = {e["id"] for e in client.get("/api/v1/enterprises/", {"page_size": 500}).json()["results"]}
    assert gx.pk in ids and sp.pk not in ids
    assert client.get(f"/api/v1/enterprises/{sp.pk}/").status_code == 404
    assert api_as("county_leader").get(f"/api/v1/enterprises/{sp.pk}/").status_code == 200


def test_county_leader_cannot_write_through_the_api(api_as):
    client = api_as("county_leader")
    response = client.post("/api/v1/enterprises/", {"name": "x"}, format="json")
    assert response.status_code == 405


def test_anonymous_gets_a_chinese_401(db):
    response = APIClient().get("/api/v1/work-items/")
    assert response.status_code == 401
    assert response.json()["detail"] == "身份认证信息未提供。"


def test_a_bad_token_gets_a_chinese_error(db):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = client.get("/api/v1/plans/")
    assert response.status_code == 401
    assert response.json() == {"detail": "认证令牌无效。"}


def test_a_bad_filter_value_gets_a_400_naming_the_field(api_as):
    client = api_as("county_admin")
    response = client.get("/api/v1/org-units/", {"kind": "planet"})
    assert response.status_code == 400
    assert "kind" in response.json()
    assert "planet" in response.json()["kind"][0]
    response = client.get("/api/v1/work-items/", {"year": "twenty"})
    assert response.status_code == 400
    assert response.json()["year"] == ["输入一个数字。"]


def test_an_unknown_api_url_gets_a_json_404(api_as):
    response = api_as("county_admin").get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到。"}


def test_enterprise_list_takes_a_fixed_number_of_queries(api_as, django_assert_max_num_queries):
    for _ in range(5):
        EnterpriseFactory()
    client = api_as("county_admin")
    with django_assert_max_num_queries(5):  # scope (2) + count + rows + aliases
        body = client.get("/api/v1/enterprises/", {"page_size": 200}).json()
    assert body["count"] >= 5


def test_org_unit_list_takes_a_fixed_number_of_queries(api_as, django_assert_max_num_queries):
    client = api_as("gx_staff")
    with django_assert_max_num_queries(4):  # scope (2) + count + rows
        assert client.get("/api/v1/org-units/", {"page_size": 500}).status_code == 200


@pytest.mark.parametrize("path", ["/api/schema/", "/api/docs/"])
def test_the_schema_and_docs_are_served(path, api_as):
    response = api_as("api_client").get(path)
    assert response.status_code == 200
