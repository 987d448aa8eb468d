import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.history import history_for
from core.models import OrgUnit
from disasters import services
from disasters.geojson import geojson_errors
from disasters.models import RiskPoint
from tasks.models import QuantitativeTarget
from tasks.selectors import target_progress
from tests.disasters.factories import RiskPointFactory, RiskZoneFactory
from tests.disasters.test_map import assert_valid_geojson

pytestmark = pytest.mark.django_db


def unit(name):
    return OrgUnit.objects.get(name=name)


def point_body(**overrides):
    return {
        "code": "500231001901",
        "name": "东街滑坡",
        "kind": "landslide",
        "township": unit("桂溪街道").pk,
        "longitude": "107.348512",
        "latitude": "30.327645",
        "households": 4,
        "people": 15,
        "monitor_name": "王群防",
        **overrides,
    }


def test_a_township_registers_a_risk_point_through_the_api(api_as):
    response = api_as("gx_staff").post("/api/v1/risk-points/", point_body(), format="json")

    assert response.status_code == 201, response.json()
    assert response.json()["kind_display"] == "滑坡"
    assert RiskPoint.objects.get(code="500231001901").registered_by.username == "gx_staff"


@pytest.mark.parametrize(
    ("longitude", "latitude", "field", "words"),
    [
        ("116.397128", "39.916527", "longitude", "不在本县范围内"),  # Beijing
        ("30.327645", "107.348512", "longitude", "填反了"),
        ("107.348512", "31.200000", "latitude", "不在本县范围内"),
    ],
)
def test_coordinates_outside_the_county_or_swapped_are_refused_and_nothing_saved(
    api_as, longitude, latitude, field, words
):
    response = api_as("gx_staff").post(
        "/api/v1/risk-points/", point_body(longitude=longitude, latitude=latitude), format="json"
    )

    assert response.status_code == 400
    assert words in " ".join(response.json()[field])
    assert not RiskPoint.objects.filter(code="500231001901").exists()


def test_a_township_cannot_register_a_point_of_another_township(api_as):
    response = api_as("sp_staff").post("/api/v1/risk-points/", point_body(), format="json")

    assert response.status_code == 400  # 桂溪街道 is not among the units 沙坪镇's staff may pick
    assert not RiskPoint.objects.exists()


def test_read_only_roles_cannot_write(api_as):
    point = RiskPointFactory()
    for username in ("auditor", "county_leader", "api_client"):
        client = api_as(username)
        assert client.post("/api/v1/risk-points/", point_body(), format="json").status_code in (400, 403)
        assert client.patch(f"/api/v1/risk-points/{point.pk}/", {"people": 1}, format="json").status_code == 403
    point.refresh_from_db()
    assert point.people == 18


def test_a_person_sees_own_townships_points_and_not_others(api_as, web_as):
    mine = RiskPointFactory()
    theirs = RiskPointFactory(township=unit("沙坪镇"), longitude=Decimal("107.5"), latitude=Decimal("30.1"))
    client = api_as("gx_staff")

    ids = [row["id"] for row in client.get("/api/v1/risk-points/").json()["results"]]
    assert ids == [mine.pk]
    assert client.get(f"/api/v1/risk-points/{theirs.pk}/").status_code == 404
    web = web_as("gx_staff")
    assert web.get(reverse("disasters:risk-point-detail", args=[mine.pk])).status_code == 200
    assert web.get(reverse("disasters:risk-point-detail", args=[theirs.pk])).status_code == 404


def test_the_supervising_department_sees_and_updates_its_points(api_as):
    dept = OrgUnit.objects.get(short_name="应急局")
    point = RiskPointFactory(township=unit("沙坪镇"), supervising_department=dept)

    response = api_as("yjj_staff").patch(f"/api/v1/risk-points/{point.pk}/", {"people": 30}, format="json")

    assert response.status_code == 200
    assert response.json()["people"] == 30


def test_monitoring_installed_gets_todays_date_and_the_change_is_kept_in_history(demo_user):
    point = RiskPointFactory()
    with time_machine.travel(datetime.datetime(2024, 7, 3, 10, tzinfo=datetime.UTC)):
        services.risk_point_update(actor=demo_user("gx_staff"), point=point, has_monitoring=True)

    point.refresh_from_db()
    assert point.monitoring_installed_on == datetime.date(2024, 7, 3)
    changes = [label for entry in history_for(point) for label, _old, _new in entry.changes]
    assert "已建技防" in changes


def test_a_future_monitoring_date_is_refused(demo_user):
    point = RiskPointFactory()
    with pytest.raises(ValidationError) as error:
        services.risk_point_update(
            actor=demo_user("gx_staff"),
            point=point,
            has_monitoring=True,
            monitoring_installed_on=datetime.date(2099, 1, 1),
        )
    assert "不能晚于今天" in str(error.value)


def test_only_the_county_office_writes_a_point_off(demo_user):
    point = RiskPointFactory()
    with pytest.raises(PermissionDenied):
        services.risk_point_update(actor=demo_user("gx_staff"), point=point, state="written_off")

    services.risk_point_update(actor=demo_user("county_admin"), point=point, state="written_off")
    point.refresh_from_db()
    assert point.state == "written_off" and point.written_off_on is not None


def test_a_point_joins_only_zones_of_its_own_township(demo_user):
    point = RiskPointFactory()
    other = RiskZoneFactory(township=unit("沙坪镇"))
    with pytest.raises(ValidationError) as error:
        services.risk_point_update(actor=demo_user("county_admin"), point=point, zones=[other])
    assert "不属于桂溪街道" in str(error.value)
    assert not point.zones.exists()


def test_the_monitoring_target_counts_points_with_monitoring_installed_in_the_plan_year():
    target = QuantitativeTarget.objects.get(plan__year=2024, data_source="disasters.monitored_points")
    RiskPointFactory.create_batch(3, monitored=True)  # installed 2024-05-10
    RiskPointFactory(has_monitoring=True, monitoring_installed_on=datetime.date(2023, 12, 30))  # the year before
    RiskPointFactory(kind="forest_fire", monitored=True)  # not a 地灾 point
    RiskPointFactory()  # none

    progress = target_progress(target=target)

    assert target.value == 64
    assert progress["actual"] == 3
    assert RiskPoint.objects.filter(has_monitoring=True).count() == 5


def test_the_engineering_target_counts_points_governed_in_the_plan_year(web_as):
    target = QuantitativeTarget.objects.get(plan__year=2024, data_source="disasters.governed_points")
    RiskPointFactory(state="governed", governed_on=datetime.date(2024, 9, 1))
    RiskPointFactory(state="engineering")

    page = web_as("county_admin").get(reverse("target-detail", args=[target.pk]))

    assert target_progress(target=target)["actual"] == 1
    assert "当年完成工程治理的地灾隐患点" in page.content.decode()


def test_the_target_api_reports_the_actual_from_the_records(api_as):
    target = QuantitativeTarget.objects.get(plan__year=2024, data_source="disasters.monitored_points")
    RiskPointFactory.create_batch(2, monitored=True)

    body = api_as("county_admin").get(f"/api/v1/targets/{target.pk}/allocations/").json()

    assert body["actual"] == "2"


def test_geojson_is_a_feature_collection_of_lon_lat_points(api_as):
    RiskPointFactory(longitude=Decimal("107.4"), latitude=Decimal("30.2"))
    RiskPointFactory(township=unit("沙坪镇"))

    response = api_as("gx_staff").get("/api/v1/risk-points/?format=geojson")

    assert response["Content-Type"].startswith("application/geo+json")
    body = response.json()
    assert geojson_errors(body) == []
    assert_valid_geojson(body)  # also against the GeoJSON schema
    assert body["type"] == "FeatureCollection"
    assert len(body["features"]) == 1
    feature = body["features"][0]
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": [107.4, 30.2]}
    assert feature["properties"]["kind_display"] == "滑坡"


def test_the_list_page_filters_and_pins_its_queries(web_as, django_assert_max_num_queries):
    RiskPointFactory.create_batch(12)
    RiskPointFactory(kind="forest_fire", name="林区火险")
    client = web_as("county_admin")

    with django_assert_max_num_queries(12):
        page = client.get(reverse("disasters:risk-point-list"), {"kind": "forest_fire"})

    html = page.content.decode()
    assert "林区火险" in html and "测试滑坡" not in html


def test_the_api_list_pins_its_queries(api_as, django_assert_max_num_queries):
    RiskPointFactory.create_batch(20)
    client = api_as("county_admin")
    with django_assert_max_num_queries(6):
        assert len(client.get("/api/v1/risk-points/").json()["results"]) == 20


def test_a_refused_form_keeps_what_was_typed(web_as):
    data = {**point_body(longitude="30.327645", latitude="107.348512"), "state": "monitoring"}
    data.update(
        households=4,
        people=15,
        property_value="0",
        patrols_per_week_in_season=2,
        patrols_per_month_off_season=1,
    )

    response = web_as("gx_staff").post(reverse("disasters:risk-point-create"), data)

    assert response.status_code == 400
    html = response.content.decode()
    assert "填反了" in html and "东街滑坡" in html and "王群防" in html
    assert not RiskPoint.objects.exists()


def test_the_form_registers_a_point(web_as):
    data = {**point_body(), "state": "monitoring", "property_value": "12.5"}
    data.update(patrols_per_week_in_season=2, patrols_per_month_off_season=1)

    response = web_as("gx_staff").post(reverse("disasters:risk-point-create"), data)

    point = RiskPoint.objects.get(code="500231001901")
    assert response.status_code == 302 and response.url == point.get_absolute_url()


def test_zones_are_scoped_like_points(api_as):
    mine = RiskZoneFactory()
    theirs = RiskZoneFactory(township=unit("沙坪镇"))
    client = api_as("gx_staff")

    assert [z["id"] for z in client.get("/api/v1/risk-zones/").json()["results"]] == [mine.pk]
    assert client.get(f"/api/v1/risk-zones/{theirs.pk}/").status_code == 404


def test_the_admin_lists_the_disasters_records_read_only(web_as):
    RiskPointFactory()
    client = web_as("county_admin")
    for path in ("riskpoint", "warning", "shelter", "supplyitem", "drill", "patrol", "rescueteam"):
        assert client.get(f"/admin/disasters/{path}/").status_code == 200
    assert client.get("/admin/disasters/riskpoint/add/").status_code == 403
