"""Shelters: the 自然村全覆盖 figure (per township, county, target 10 of item 11), the rules of a shelter
(coordinates, covered villages), who sees and writes them, and the lists' query counts."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import OrgUnit
from disasters import shelter_services as services
from disasters.models import Shelter
from disasters.shelter_selectors import percent, shelter_coverage
from tasks.models import QuantitativeTarget
from tasks.selectors import target_progress
from tests.disasters.factories_res import ShelterFactory

pytestmark = pytest.mark.django_db


def township(name):
    return OrgUnit.objects.get(name=name, kind="township")


def villages_of(name):
    return list(OrgUnit.objects.filter(parent__name=name, kind="village").order_by("code"))


@pytest.fixture
def no_shelters():
    """Start from no active shelter, whatever the demo loaded."""
    Shelter.objects.update(is_active=False)


def test_the_demo_covers_most_villages_but_not_all():
    coverage = shelter_coverage()
    assert (coverage.covered, coverage.villages, coverage.percent) == (277, 301, Decimal("92.0"))
    gx = coverage.rows[0]
    assert (gx.township.name, gx.villages, gx.covered, gx.uncovered) == ("桂溪街道", 19, 18, ["西山村村民委员会"])


def test_coverage_counts_each_covered_village_once_per_township_and_for_the_county(no_shelters):
    gx = villages_of("桂溪街道")
    ShelterFactory(is_active=True).covered_villages.set(gx[:10])
    ShelterFactory().covered_villages.set(gx[5:10])  # the same villages again: still 10
    ShelterFactory(is_active=False).covered_villages.set(gx[10:])  # an inactive shelter covers nothing
    coverage = shelter_coverage()
    row = next(r for r in coverage.rows if r.township.name == "桂溪街道")
    assert (row.villages, row.covered, row.percent) == (19, 10, Decimal("52.6"))
    assert row.uncovered == [v.name for v in gx[10:]]
    assert (coverage.covered, coverage.villages, coverage.percent) == (10, 301, Decimal("3.3"))
    sp = next(r for r in coverage.rows if r.township.name == "沙坪镇")
    assert (sp.covered, sp.percent, len(sp.uncovered)) == (0, Decimal("0.0"), 19)


def test_the_percent_is_rounded_down_so_100_means_every_village():
    assert percent(300, 301) == Decimal("99.6")
    assert percent(301, 301) == Decimal("100.0")
    assert percent(0, 0) == Decimal("0.0")


def test_target_10_of_item_11_reads_the_county_coverage(no_shelters):
    target = QuantitativeTarget.objects.get(work_item__number=11, number=10, plan__year=2024)
    assert target.data_source == "disasters.shelter_coverage"
    ShelterFactory().covered_villages.set(villages_of("桂溪街道"))
    progress = target_progress(target=target)
    assert progress["actual"] == Decimal("6.3")  # 19 / 301
    assert progress["source"].url(target) == "/disasters/shelters/coverage/"
    per_unit = progress["source"].per_unit(target)
    assert per_unit[township("桂溪街道").pk] == Decimal("100.0") and per_unit[township("沙坪镇").pk] == Decimal("0.0")


def test_a_township_sees_only_its_own_townships_coverage(web_as):
    page = web_as("gx_staff").get("/disasters/shelters/coverage/").content.decode()
    assert "桂溪街道" in page and "沙坪镇" not in page and "18 / 19" in page
    data = web_as("county_admin").get("/api/v1/shelters/coverage/").json()
    assert (data["covered"], data["villages"], data["percent"]) == (277, 301, "92.0")
    gx = data["townships"][0]
    assert gx["name"] == "桂溪街道" and gx["uncovered"] == ["西山村村民委员会"]


SHELTER = {"code": "BN-X-1", "name": "测试广场", "kind": "emergency", "capacity": 200}


def create(actor, **values):
    return services.shelter_create(
        actor=actor,
        **(SHELTER | {"township": township("桂溪街道")} | {"longitude": Decimal("107.35")} | values)
        | ({} if "latitude" in values else {"latitude": Decimal("30.33")}),
    )


@pytest.mark.parametrize(
    "longitude, latitude, field, message",
    [
        ("30.33", "107.35", "longitude", "经度和纬度填反了"),
        ("108.50", "30.33", "longitude", "经度108.50不在本县范围内"),
        ("107.35", "31.20", "latitude", "纬度31.20不在本县范围内"),
    ],
)
def test_coordinates_outside_the_county_or_swapped_are_refused(demo_user, longitude, latitude, field, message):
    with pytest.raises(ValidationError) as refused:
        create(demo_user("gx_staff"), longitude=Decimal(longitude), latitude=Decimal(latitude))
    assert message in refused.value.message_dict[field][0]
    assert not Shelter.objects.filter(code="BN-X-1").exists()


def test_a_capacity_of_zero_is_refused(demo_user):
    with pytest.raises(ValidationError) as refused:
        create(demo_user("gx_staff"), capacity=0)
    assert "capacity" in refused.value.message_dict


def test_a_township_covers_its_own_villages_only_the_county_admin_a_neighbours(demo_user):
    gx, sp = villages_of("桂溪街道"), villages_of("沙坪镇")
    with pytest.raises(ValidationError) as refused:
        create(demo_user("gx_staff"), covered_villages=[gx[0], sp[0]])
    assert "不属于桂溪街道" in refused.value.message_dict["covered_villages"][0]
    assert not Shelter.objects.filter(code="BN-X-1").exists()

    Shelter.objects.filter(township__name="沙坪镇").update(is_active=False)
    shelter = create(demo_user("county_admin"), covered_villages=[gx[0], sp[0]])
    assert set(shelter.covered_villages.all()) == {gx[0], sp[0]}
    sp_row = next(r for r in shelter_coverage().rows if r.township.name == "沙坪镇")
    assert sp_row.covered == 1  # counted for the village's own township

    # The township may keep the village the administrator added while it edits the rest.
    updated = services.shelter_update(
        actor=demo_user("gx_staff"), shelter=shelter, capacity=250, covered_villages=[gx[0], gx[1], sp[0]]
    )
    assert updated.capacity == 250 and updated.covered_villages.count() == 3


def test_a_township_cannot_register_or_move_a_shelter_into_another_township(demo_user):
    with pytest.raises(PermissionDenied):
        create(demo_user("sp_staff"))
    shelter = create(demo_user("gx_staff"))
    with pytest.raises(PermissionDenied):
        services.shelter_update(actor=demo_user("gx_staff"), shelter=shelter, township=township("沙坪镇"))
    with pytest.raises(PermissionDenied):
        services.shelter_update(actor=demo_user("county_leader"), shelter=shelter, capacity=1)


def test_township_staff_see_their_shelters_and_not_anothers(web_as):
    gx = Shelter.objects.get(code="BN-001-01")
    sp = Shelter.objects.get(code="BN-102-01")
    client = web_as("gx_staff")
    assert client.get(f"/disasters/shelters/{gx.pk}/").status_code == 200
    assert client.get(f"/disasters/shelters/{sp.pk}/").status_code == 404
    assert client.get(f"/api/v1/shelters/{sp.pk}/").status_code == 404
    page = client.get("/disasters/shelters/").content.decode()
    assert gx.name in page and sp.name not in page
    assert {s["code"] for s in client.get("/api/v1/shelters/").json()["results"]} == {"BN-001-01"}
    assert client.get(f"/disasters/shelters/{sp.pk}/edit/").status_code == 404


def test_the_list_filters_by_township_covered_village_and_state(web_as):
    gx = Shelter.objects.get(code="BN-001-01")
    village = gx.covered_villages.first()
    client = web_as("county_admin")
    data = client.get("/api/v1/shelters/", {"village": village.pk}).json()
    assert [s["code"] for s in data["results"]] == ["BN-001-01"]
    data = client.get("/api/v1/shelters/", {"township": gx.township_id, "is_active": "false"}).json()
    assert data["count"] == 0
    page = client.get("/disasters/shelters/", {"township": gx.township_id}).content.decode()
    assert gx.name in page and "沙坪镇应急避难场所" not in page


def test_read_only_roles_cannot_write_through_the_api(api_as):
    gx = Shelter.objects.get(code="BN-001-01")
    body = SHELTER | {"township": township("桂溪街道").pk, "longitude": "107.35", "latitude": "30.33"}
    for username in ["county_leader", "auditor", "api_client"]:
        assert api_as(username).post("/api/v1/shelters/", body, format="json").status_code == 403
        assert api_as(username).patch(f"/api/v1/shelters/{gx.pk}/", {"capacity": 9}, format="json").status_code == 403
    assert not Shelter.objects.filter(code="BN-X-1").exists()


def test_a_township_registers_a_shelter_through_the_api_with_its_villages(api_as):
    gx = villages_of("桂溪街道")
    body = SHELTER | {"township": township("桂溪街道").pk, "longitude": "107.35", "latitude": "30.33"}
    response = api_as("gx_staff").post("/api/v1/shelters/", body | {"covered_villages": [gx[0].pk]}, format="json")
    assert response.status_code == 201, response.json()
    assert [v["id"] for v in response.json()["covered_villages"]] == [gx[0].pk]
    response = api_as("sp_staff").post("/api/v1/shelters/", body | {"code": "BN-X-2"}, format="json")
    assert response.status_code == 403
    swapped = body | {"code": "BN-X-3", "longitude": "30.33", "latitude": "107.35"}
    response = api_as("gx_staff").post("/api/v1/shelters/", swapped, format="json")
    assert response.status_code == 400 and "经度和纬度填反了" in response.json()["longitude"][0]


def test_the_form_registers_a_shelter_and_keeps_what_was_typed_when_refused(web_as):
    gx = township("桂溪街道")
    villages = villages_of("桂溪街道")
    client = web_as("gx_staff")
    page = client.get("/disasters/shelters/new/").content.decode()
    assert villages[0].name in page and 'hx-get="/disasters/shelters/villages/"' in page
    form = SHELTER | {"township": gx.pk, "longitude": "30.33", "latitude": "107.35", "is_active": "on"}
    form["covered_villages"] = [villages[0].pk, villages[1].pk]
    response = client.post("/disasters/shelters/new/", form)
    assert response.status_code == 400
    page = response.content.decode()
    assert "经度和纬度填反了" in page and 'value="测试广场"' in page
    assert not Shelter.objects.filter(code="BN-X-1").exists()
    response = client.post("/disasters/shelters/new/", form | {"longitude": "107.35", "latitude": "30.33"})
    shelter = Shelter.objects.get(code="BN-X-1")
    assert response.status_code == 302 and shelter.covered_villages.count() == 2


def test_the_village_fields_follow_the_chosen_township(web_as):
    sp = township("沙坪镇")
    page = web_as("county_admin").get("/disasters/shelters/villages/", {"township": sp.pk}).content.decode()
    assert villages_of("沙坪镇")[0].name in page and villages_of("桂溪街道")[0].name not in page


def count_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path, {"page_size": 100}).status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", ["/disasters/shelters/", "/api/v1/shelters/", "/disasters/shelters/export/"])
def test_the_shelter_lists_take_the_same_number_of_queries_for_10_and_40_more(path, web_as):
    client = web_as("county_admin")
    client.get(path)
    villages = villages_of("沙坪镇")
    counts = []
    for total in [10, 40]:
        for shelter in ShelterFactory.create_batch(total - Shelter.objects.filter(code__startswith="BN-T").count()):
            shelter.covered_villages.set(villages[:3])
        counts.append(count_queries(client, path))
    assert counts[0] == counts[1]


def test_the_coverage_page_takes_a_fixed_number_of_queries(web_as, django_assert_max_num_queries):
    client = web_as("county_admin")
    client.get("/disasters/shelters/coverage/")
    with django_assert_max_num_queries(8):
        assert client.get("/disasters/shelters/coverage/").status_code == 200
