"""The map page, its GeoJSON endpoint (scoped, filtered, valid GeoJSON) and the layer registry."""

import json
import re
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import OrgUnit
from disasters.geojson import MEDIA_TYPE, feature_collection, geojson_errors, point_feature
from disasters.map_layers import MapLayer, get_layer, map_layers, register_layer
from tests.disasters.factories import RiskPointFactory

pytestmark = pytest.mark.django_db

SCHEMA = json.loads((Path(__file__).parent / "geojson_schema.json").read_text())
FEATURES = "/disasters/map/features.geojson"


def assert_valid_geojson(document):
    jsonschema.validate(document, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert geojson_errors(document) == []


def map_config(page):
    found = re.search(r'<script id="map-config" type="application/json">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))


@pytest.fixture
def points():
    """Two points in 桂溪街道 and one in 沙坪镇, at distinct places."""
    sp = OrgUnit.objects.get(name="沙坪镇")
    return {
        "gx1": RiskPointFactory(longitude=Decimal("107.351234"), latitude=Decimal("30.331234")),
        "gx2": RiskPointFactory(kind="waterlogging", state="engineering", longitude=Decimal("107.36"), people=40),
        "sp": RiskPointFactory(township=sp, kind="collapse", longitude=Decimal("107.52"), latitude=Decimal("30.10")),
    }


def test_the_map_page_uses_the_vendored_leaflet_and_no_cdn(web_as, points):
    response = web_as("gx_staff").get("/disasters/map/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "/static/vendor/leaflet-1.9.4/leaflet.js" in page and "/static/vendor/leaflet-1.9.4/leaflet.css" in page
    assert "/static/disasters/map.js" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "http://" not in page and "https://" not in page
    # no inline script: the only <script> without src is the JSON config
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == ['<script id="map-config" type="application/json">']


def test_anonymous_people_are_sent_to_sign_in(client):
    for path in ["/disasters/map/", f"{FEATURES}?layer=risk_points"]:
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_the_page_offers_the_filters_the_legend_and_one_layer_per_registered_layer(web_as, points):
    page = web_as("gx_staff").get("/disasters/map/").content.decode()
    config = map_config(page)
    assert [layer["key"] for layer in config["layers"]] == [layer.key for layer in map_layers()]
    assert config["layers"][0]["url"] == f"{FEATURES}?layer=risk_points"
    for label in ["全部乡镇（街道）", "全部类型", "全部状态", "滑坡", "易涝点", "监测中", "已核销", "外圈颜色表示状态"]:
        assert label in page
    assert "沙坪镇" not in page  # a township person is offered only their own township


def test_the_features_are_scoped_to_the_person(web_as, points):
    response = web_as("gx_staff").get(FEATURES, {"layer": "risk_points"})
    assert response.status_code == 200 and response["Content-Type"] == MEDIA_TYPE
    document = response.json()
    assert_valid_geojson(document)
    assert sorted(f["id"] for f in document["features"]) == sorted([points["gx1"].pk, points["gx2"].pk])
    everyone = web_as("county_admin").get(FEATURES, {"layer": "risk_points"}).json()
    assert len(everyone["features"]) == 3
    assert [f["id"] for f in web_as("sp_staff").get(FEATURES, {"layer": "risk_points"}).json()["features"]] == [
        points["sp"].pk
    ]


def test_coordinates_are_longitude_then_latitude_as_numbers(web_as, points):
    document = web_as("gx_staff").get(FEATURES, {"layer": "risk_points"}).json()
    feature = next(f for f in document["features"] if f["id"] == points["gx1"].pk)
    assert feature["geometry"] == {"type": "Point", "coordinates": [107.351234, 30.331234]}
    properties = feature["properties"]
    assert properties["kind"] == "landslide" and properties["kind_label"] == "滑坡"
    assert properties["state"] == "monitoring" and properties["state_label"] == "监测中"
    assert properties["colour"] == "#b45309" and properties["outline"] == "#dc3545"
    assert properties["township"] == "桂溪街道" and properties["people"] == 18
    assert properties["has_monitoring"] is False
    assert properties["url"] == f"/disasters/risk-points/{points['gx1'].pk}/"
    assert ["威胁人数", 18] in properties["details"]


def test_the_filters_narrow_the_features_and_a_bad_value_is_refused(web_as, points):
    client = web_as("county_admin")
    sp = OrgUnit.objects.get(name="沙坪镇")

    def ids(**params):
        return [f["id"] for f in client.get(FEATURES, {"layer": "risk_points", **params}).json()["features"]]

    assert ids(township=sp.pk) == [points["sp"].pk]
    assert ids(kind="waterlogging") == [points["gx2"].pk]
    assert ids(state="engineering", kind="collapse") == []
    response = web_as("gx_staff").get(FEATURES, {"layer": "risk_points", "township": sp.pk})
    assert response.status_code == 400 and "township" in response.json()["errors"]
    assert client.get(FEATURES, {"layer": "risk_points", "kind": "volcano"}).status_code == 400
    response = client.get(FEATURES, {"layer": "nothing"})
    assert response.status_code == 404 and response.json()["detail"] == "没有这个地图图层。"


def test_the_features_take_the_same_queries_for_few_or_many_points(web_as):
    client = web_as("gx_staff")
    counts = []
    for extra in [1, 6]:
        RiskPointFactory.create_batch(extra)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(FEATURES, {"layer": "risk_points"}).status_code == 200
        counts.append(len(queries))
    # session, user, the person's scope (memberships, units), the points with their townships
    assert counts == [5, 5]


def test_the_page_takes_the_same_queries_for_few_or_many_points(web_as):
    client = web_as("gx_staff")
    counts = []
    for extra in [1, 6]:
        RiskPointFactory.create_batch(extra)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/disasters/map/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_offline_the_page_has_no_tiles_and_labels_townships_where_their_points_are(web_as, points, settings):
    settings.MAP_TILE_URL = ""
    page = web_as("county_admin").get("/disasters/map/").content.decode()
    config = map_config(page)
    assert config["tileUrl"] == "" and "map-offline" in page
    assert config["bbox"] == [float(v) for v in settings.COUNTY_BBOX]
    labels = {t["name"]: (t["longitude"], t["latitude"]) for t in config["townships"]}
    assert labels == {"桂溪街道": (107.355617, 30.330617), "沙坪镇": (107.52, 30.1)}


def test_with_a_tile_url_the_page_carries_it_and_no_offline_drawing(web_as, points, settings):
    settings.MAP_TILE_URL = "https://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&TILEMATRIX={z}&tk=KEY"
    settings.MAP_TILE_ATTRIBUTION = "天地图"
    settings.MAP_TILE_SUBDOMAINS = "01234567"
    page = web_as("gx_staff").get("/disasters/map/").content.decode()
    config = map_config(page)
    assert config["tileUrl"] == settings.MAP_TILE_URL
    assert config["tileAttribution"] == "天地图" and config["tileSubdomains"] == "01234567"
    assert config["townships"] == [] and "map-offline" not in page


def test_the_geojson_check_catches_what_breaks_the_rules():
    good = feature_collection([point_feature(longitude=Decimal("107.35"), latitude=Decimal("30.33"), properties={})])
    assert good["features"][0]["geometry"]["coordinates"] == [107.35, 30.33]
    assert_valid_geojson(good)
    swapped = feature_collection([point_feature(longitude=30.33, latitude=107.35, properties={})])
    assert geojson_errors(swapped) == [
        "feature 0: latitude 107.35 is outside -90..90 (are longitude and latitude swapped?)"
    ]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(swapped, SCHEMA)
    text_point = {"type": "Point", "coordinates": ["107.35", "30.33"]}
    as_text = feature_collection([{**good["features"][0], "geometry": text_point}])
    assert geojson_errors(as_text) == ["feature 0: the coordinates are not finite numbers"]
    assert geojson_errors({"type": "Feature"}) == ['the document is not an object of type "FeatureCollection"']
    no_properties = {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": None}]}
    assert geojson_errors(no_properties) == ['feature 0: "properties" is missing or not an object']
    for bad in [swapped, as_text, no_properties, {"type": "featurecollection", "features": []}]:
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, SCHEMA)


def test_adding_a_layer_is_one_call_and_the_page_and_endpoint_follow(web_as, points):
    def depots(user, filters):
        return [point_feature(longitude=107.4, latitude=30.2, properties={"name": "县应急物资库", "url": ""})]

    before = get_layer("extra")
    try:
        register_layer(MapLayer(key="extra", label="物资储备库", features=depots, legend=(("储备库", "#15803d"),)))
        client = web_as("gx_staff")
        assert [layer["key"] for layer in map_config(client.get("/disasters/map/").content.decode())["layers"]] == [
            "risk_points",
            "shelters",
            "depots",
            "extra",
        ]
        document = client.get(FEATURES, {"layer": "extra"}).json()
        assert_valid_geojson(document)
        assert document["features"][0]["properties"]["name"] == "县应急物资库"
    finally:
        from disasters import map_layers as registry

        registry._LAYERS.pop("extra")
        if before:
            register_layer(before)
