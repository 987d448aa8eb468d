"""The county office's pages on external systems: clients, their roles, tokens shown once, revocation, endpoints
with their secret shown once, and the delivery log with its resend button. Nobody else gets in."""

import pytest
from rest_framework.test import APIClient

from core.api_tokens import api_token_issue
from core.choices import Role
from core.models import OrgUnit, User
from core.models_tokens import ApiToken, hash_key
from integrations.events import event_record
from integrations.models import WebhookDelivery, WebhookEndpoint
from tests.hazards.factories import HazardFactory


@pytest.fixture
def admin_web(web_as):
    return web_as("county_admin")


def test_the_client_list_shows_the_demo_client_and_the_wiring_notes_in_a_fixed_number_of_queries(
    admin_web, make_client, django_assert_max_num_queries
):
    make_client("沙坪镇", roles=[Role.TOWNSHIP_STAFF])
    make_client("垫江县")
    with django_assert_max_num_queries(6):  # however many clients: one for them, one for their roles
        page = admin_web.get("/integrations/").content.decode()
    assert "市数字应急平台" in page and "沙坪镇对接系统" in page and "垫江县对接系统" in page
    assert "X-Portal-Signature" in page and "updated_after" in page


def test_the_top_bar_links_the_pages_for_the_county_office_only(admin_web, web_as):
    assert 'href="/integrations/"' in admin_web.get("/").content.decode()
    assert 'href="/integrations/"' not in web_as("gx_staff").get("/").content.decode()


def test_only_the_county_office_opens_the_pages(web_as, make_client, make_endpoint, receiver):
    client_user = make_client("沙坪镇")
    endpoint, _s = make_endpoint(client_user, receiver.url)
    web = web_as("county_leader")  # reads everything, manages nothing
    for url in [
        "/integrations/",
        "/integrations/clients/new/",
        f"/integrations/clients/{client_user.pk}/",
        f"/integrations/clients/{client_user.pk}/tokens/new/",
        f"/integrations/webhooks/{endpoint.pk}/",
    ]:
        assert web.get(url).status_code == 403, url
    assert web.post(f"/integrations/clients/{client_user.pk}/tokens/new/", {"name": "x"}).status_code == 403
    assert not ApiToken.objects.filter(user=client_user).exists()


def test_a_client_is_created_from_the_page_and_a_refused_form_keeps_what_was_typed(admin_web):
    sp = OrgUnit.objects.get(name="沙坪镇")
    refused = admin_web.post(
        "/integrations/clients/new/",
        {"username": "bad name!", "full_name": "镇对接", "unit": sp.pk, "roles": [Role.TOWNSHIP_STAFF]},
    )
    assert refused.status_code == 400
    page = refused.content.decode()
    assert 'value="bad name!"' in page and 'value="镇对接"' in page
    created = admin_web.post(
        "/integrations/clients/new/",
        {"username": "sp_sync", "full_name": "镇对接", "unit": sp.pk, "roles": [Role.TOWNSHIP_STAFF]},
    )
    client_user = User.objects.get(username="sp_sync")
    assert created.status_code == 302 and created.url == f"/integrations/clients/{client_user.pk}/"
    roles = set(client_user.memberships.filter(unit=sp).values_list("role", flat=True))
    assert roles == {Role.API_CLIENT, Role.TOWNSHIP_STAFF}


def test_the_writing_roles_are_changed_from_the_page(admin_web, make_client):
    client_user = make_client("沙坪镇", roles=[Role.TOWNSHIP_STAFF])
    response = admin_web.post(f"/integrations/clients/{client_user.pk}/roles/", {"roles": [Role.TOWNSHIP_HEAD]})
    assert response.status_code == 302
    assert set(client_user.memberships.values_list("role", flat=True)) == {Role.API_CLIENT, Role.TOWNSHIP_HEAD}


def test_a_token_is_shown_once_on_the_page_that_issues_it(admin_web, make_client):
    client_user = make_client("沙坪镇")
    response = admin_web.post(
        f"/integrations/clients/{client_user.pk}/tokens/new/", {"name": "数据同步", "access": "read"}
    )
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(user=client_user)
    key = response.context["key"]
    assert key in response.content.decode() and token.key_hash == hash_key(key) and token.read_only
    detail = admin_web.get(f"/integrations/clients/{client_user.pk}/").content.decode()
    assert token.prefix in detail and key not in detail
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/v1/hazards/").status_code == 200


def test_a_token_is_revoked_from_the_page_with_a_reason(admin_web, make_client, office):
    client_user = make_client("沙坪镇")
    token, _key = api_token_issue(actor=office, user=client_user, name="数据同步")
    refused = admin_web.post(f"/integrations/tokens/{token.pk}/revoke/", {"reason": ""})
    assert refused.status_code == 400 and ApiToken.objects.get(pk=token.pk).revoked_at is None
    done = admin_web.post(f"/integrations/tokens/{token.pk}/revoke/", {"reason": "令牌泄露"})
    assert done.status_code == 302
    token.refresh_from_db()
    assert (token.revoke_reason, token.revoked_by) == ("令牌泄露", office) and token.revoked_at
    assert "令牌泄露" in admin_web.get(f"/integrations/clients/{client_user.pk}/").content.decode()


def test_an_endpoint_made_with_no_secret_shows_the_one_made_for_it_once(admin_web, make_client, receiver):
    client_user = make_client("沙坪镇")
    values = {"name": "接收端", "url": receiver.url, "events": ["hazard.closed"], "is_active": "on", "secret": ""}
    response = admin_web.post(f"/integrations/clients/{client_user.pk}/webhooks/new/", values)
    endpoint = WebhookEndpoint.objects.get(owner=client_user)
    assert response.status_code == 200 and endpoint.secret in response.content.decode()
    assert endpoint.secret not in admin_web.get(f"/integrations/webhooks/{endpoint.pk}/").content.decode()
    rotated = admin_web.post(f"/integrations/webhooks/{endpoint.pk}/secret/")
    endpoint.refresh_from_db()
    assert endpoint.secret in rotated.content.decode() and endpoint.secret != response.context["key"]


def test_an_endpoint_form_refuses_a_bad_url_and_no_events_keeping_what_was_typed(admin_web, make_client):
    client_user = make_client("沙坪镇")
    values = {"name": "接收端", "url": "ftp://example.org/x", "secret": "agreed-secret"}
    response = admin_web.post(f"/integrations/clients/{client_user.pk}/webhooks/new/", values)
    page = response.content.decode()
    assert response.status_code == 400 and "http:// 或 https://" in page and "请至少订阅一种事件" in page
    assert 'value="ftp://example.org/x"' in page
    assert not WebhookEndpoint.objects.exists()


def test_the_delivery_log_lists_the_endpoints_rows_and_resends_one(
    admin_web,
    make_client,
    make_endpoint,
    receiver,
    django_assert_max_num_queries,
    eager_celery,
    django_capture_on_commit_callbacks,
):
    endpoint, _s = make_endpoint(make_client(), receiver.url, events=["hazard.closed"])
    hazards = [HazardFactory() for _ in range(3)]
    for n, hazard in enumerate(hazards):
        event_record(event_type="hazard.closed", object_id=hazard.pk, key=n, occurred_at=hazard.created_at)
    WebhookDelivery.objects.update(status="failed", attempts=8, last_error="无法连接：Connection refused")
    with django_assert_max_num_queries(7):  # however many rows
        page = admin_web.get(f"/integrations/webhooks/{endpoint.pk}/").content.decode()
    assert page.count("无法连接") == 3 and page.count("重发") >= 3
    assert (
        admin_web.get(f"/integrations/webhooks/{endpoint.pk}/", {"status": "delivered"}).context["page"].paginator.count
        == 0
    )

    delivery = WebhookDelivery.objects.filter(endpoint=endpoint).first()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_web.post(f"/integrations/deliveries/{delivery.pk}/resend/")
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.resent_by.username) == ("delivered", 1, "county_admin")
    assert len(receiver.requests) == 1


def test_an_api_client_reads_the_deliveries_to_its_own_endpoints_only(make_client, make_endpoint, receiver, office):
    mine_owner, other_owner = make_client("沙坪镇"), make_client("垫江县")
    mine, _s = make_endpoint(mine_owner, receiver.url, events=["hazard.closed"])
    make_endpoint(other_owner, receiver.url, events=["hazard.closed"])
    hazard = HazardFactory(territory=OrgUnit.objects.get(name="沙坪镇"), supervising_department=None)
    event_record(event_type="hazard.closed", object_id=hazard.pk, key=9, occurred_at=hazard.created_at)
    _token, key = api_token_issue(actor=office, user=mine_owner, name="同步")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    rows = api.get("/api/v1/webhook-deliveries/").json()["results"]
    assert [(r["endpoint"], r["event_type"], r["status"]) for r in rows] == [(mine.pk, "hazard.closed", "pending")]
    assert rows[0]["payload"]["data"]["id"] == hazard.pk
    other = WebhookDelivery.objects.exclude(endpoint=mine).get()
    assert api.get(f"/api/v1/webhook-deliveries/{other.pk}/").status_code == 404
    admin = APIClient()
    admin.force_authenticate(office)
    assert admin.get("/api/v1/webhook-deliveries/").json()["count"] == 2


def test_every_page_opens_for_the_county_office(admin_web, make_client, make_endpoint, receiver, office):
    client_user = make_client("沙坪镇", roles=[Role.TOWNSHIP_STAFF])
    endpoint, _s = make_endpoint(client_user, receiver.url)
    token, _key = api_token_issue(actor=office, user=client_user, name="同步")
    for url in [
        "/integrations/",
        "/integrations/clients/new/",
        f"/integrations/clients/{client_user.pk}/",
        f"/integrations/clients/{client_user.pk}/roles/",
        f"/integrations/clients/{client_user.pk}/tokens/new/",
        f"/integrations/clients/{client_user.pk}/webhooks/new/",
        f"/integrations/tokens/{token.pk}/revoke/",
        f"/integrations/webhooks/{endpoint.pk}/",
        f"/integrations/webhooks/{endpoint.pk}/edit/",
    ]:
        response = admin_web.get(url)
        assert response.status_code == 200, url
        assert "沙坪镇" in response.content.decode() or url.endswith("/new/"), url
    edit = admin_web.get(f"/integrations/webhooks/{endpoint.pk}/edit/").content.decode()
    assert receiver.url in edit and endpoint.secret not in edit
