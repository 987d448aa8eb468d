"""Every disasters page opens for each kind of person who may look (no 500 anywhere), and none opens anonymously."""

import pytest
from django.urls import reverse

from tests.disasters.factories import RiskPointFactory, RiskZoneFactory

pytestmark = pytest.mark.django_db

LIST_PAGES = [
    "index",
    "risk-point-list",
    "risk-point-create",
    "risk-zone-list",
    "risk-zone-create",
    "station-list",
    "map",
    "patrol-list",
    "patrol-create",
    "patrols-missing",
    "flood-season",
    "warning-list",
    "shelter-list",
    "shelter-coverage",
    "depot-list",
    "supply-item-list",
    "supply-low-stock",
    "rescue-team-list",
    "emergency-plan-list",
    "drill-list",
    "risk-point-import",
    "shelter-import",
]


@pytest.mark.parametrize("username", ["county_admin", "county_leader", "gx_staff", "yjj_head", "auditor"])
def test_every_list_page_opens_for_each_role(web_as, username):
    point = RiskPointFactory()
    zone = RiskZoneFactory()
    client = web_as(username)
    for name in LIST_PAGES:
        response = client.get(reverse(f"disasters:{name}"))
        assert response.status_code in (200, 403), (name, response.status_code)
    for name, pk in (("risk-point-detail", point.pk), ("risk-zone-detail", zone.pk)):
        assert client.get(reverse(f"disasters:{name}", args=[pk])).status_code in (200, 404)


def test_no_page_opens_anonymously(client):
    for name in LIST_PAGES:
        response = client.get(reverse(f"disasters:{name}"))
        assert response.status_code == 302 and "/login/" in response.url, name
