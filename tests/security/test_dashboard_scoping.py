"""The cockpit and its API answer for a unit only to those who see it: a township asking for another township's
figures gets 404 (dashboards.params), a county-wide role gets them; the ranking is everyone's, but its links
to the lists behind a figure only for the units the person sees."""

import pytest
from django.urls import reverse

from core.models import OrgUnit

pytestmark = pytest.mark.django_db

FIGURES = ["api:dashboard-summary", "api:dashboard-trend"]


def _township(name):
    return OrgUnit.objects.get(name=name, kind="township")


@pytest.mark.parametrize("name", FIGURES)
def test_a_township_is_refused_another_townships_figures(api_as, name):
    client = api_as("gx_staff")
    url = reverse(name)
    assert client.get(url, {"unit": _township("沙坪镇").pk}).status_code == 404
    assert client.get(url, {"unit": _township("桂溪街道").pk}).status_code == 200


@pytest.mark.parametrize("username", ["county_leader", "county_admin"])
@pytest.mark.parametrize("name", FIGURES)
def test_a_county_wide_role_reads_any_townships_figures(api_as, name, username):
    assert api_as(username).get(reverse(name), {"unit": _township("沙坪镇").pk}).status_code == 200


def test_the_cockpit_page_of_another_township_is_refused(web_as):
    url = reverse("dashboards:cockpit")
    sp, gx = _township("沙坪镇").pk, _township("桂溪街道").pk
    assert web_as("gx_staff").get(url, {"unit": sp}).status_code == 404
    assert web_as("gx_staff").get(url, {"unit": gx}).status_code == 200
    assert web_as("county_leader").get(url, {"unit": sp}).status_code == 200


def _ranking_links(client):
    response = client.get(reverse("api:dashboard-ranking"), {"kind": "township", "period": "2024Q2"})
    assert response.status_code == 200
    return {
        row["unit"]["name"]: {cell[key] for cell in row["metrics"] for key in ("list_url", "denominator_list_url")}
        for row in response.json()["rows"]
    }


def test_the_ranking_links_only_to_the_lists_of_units_the_person_sees(api_as):
    township = _ranking_links(api_as("gx_staff"))
    county = _ranking_links(api_as("county_leader"))
    sp = _township("沙坪镇").display_name
    gx = _township("桂溪街道").display_name
    assert township[sp] <= {""}, township[sp]
    assert township[gx] - {""}
    assert county[sp] - {""}
