"""Offline field entry's server side: the service worker, the manifest, the 待发送 page, the fresh CSRF token, and
the entry forms that carry an idempotency key."""

import json

import pytest
from django.contrib.staticfiles import finders

from tests.disasters.factories import RiskPointFactory

pytestmark = pytest.mark.django_db


def test_the_service_worker_is_served_at_the_root_uncached_with_the_shell_it_keeps(client):
    response = client.get("/sw.js")
    body = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"] == "text/javascript; charset=utf-8"
    assert "no-cache" in response["Cache-Control"] and response["Service-Worker-Allowed"] == "/"
    assert '/bootstrap.min.css", ' in body and 'OFFLINE_URL = "/offline/";' in body and "importScripts(" in body
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_the_manifest_names_the_portal_in_chinese_with_its_icons(client):
    response = client.get("/manifest.webmanifest")
    manifest = json.loads(response.content)
    assert response["Content-Type"].startswith("application/manifest+json")
    assert manifest["name"] == "垫江县安全生产与自然灾害防治工作平台" and manifest["display"] == "standalone"
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon


def test_the_queue_page_and_the_fresh_token_are_for_signed_in_people(client, web_as, demo_user):
    assert client.get("/offline/").status_code == 302
    assert client.get("/offline/session/").status_code == 302
    client = web_as("gx_staff")
    page = client.get("/offline/").content.decode()
    assert 'id="offline-list"' in page and "待发送的记录" in page
    session = client.get("/offline/session/")
    assert "no-cache" in session["Cache-Control"] and session.json()["user"] == demo_user("gx_staff").pk
    assert len(session.json()["csrf_token"]) == 64


def test_the_three_entry_forms_carry_a_key_and_the_edit_form_does_not(web_as):
    from core.models import Enterprise
    from hazards.models import Checklist
    from tests.hazards.factories import HazardFactory

    client = web_as("gx_staff")
    enterprise = Enterprise.objects.filter(
        township__name="桂溪街道", supervising_department__short_name="应急局"
    ).first()
    checklist = Checklist.objects.get(name="危险化学品企业日检查表")
    for url in [
        f"/disasters/risk-points/{RiskPointFactory().pk}/patrols/new/",
        "/hazards/new/",
        f"/hazards/self-inspections/record/{enterprise.pk}/{checklist.pk}/",
    ]:
        page = client.get(url).content.decode()
        assert "data-offline-form=" in page and 'name="idempotency_key"' in page, url
        assert "offline-queue.js" in page and 'id="offline-pending"' in page, url
    edit = client.get(f"/hazards/{HazardFactory().pk}/edit/").content.decode()
    assert "data-offline-form" not in edit and "idempotency_key" not in edit
