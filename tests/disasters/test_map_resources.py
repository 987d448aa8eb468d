import pytest

from core.models import OrgUnit
from disasters.geojson import geojson_errors
from disasters.models import Depot, Shelter

pytestmark = pytest.mark.django_db
FEATURES = "/disasters/map/features.geojson"


def test_the_shelter_layer_shows_the_active_shelters_the_person_may_see(web_as):
    gx = OrgUnit.objects.get(name="桂溪街道")
    expected = set(Shelter.objects.filter(township=gx, is_active=True).values_list("name", flat=True))
    assert expected, "the demo has shelters in 桂溪街道"

    document = web_as("gx_staff").get(FEATURES, {"layer": "shelters"}).json()

    assert geojson_errors(document) == []
    assert {f["properties"]["name"] for f in document["features"]} == expected
    assert all("/disasters/shelters/" in f["properties"]["url"] for f in document["features"])


def test_the_depot_layer_marks_depots_with_low_stock(web_as):
    document = web_as("county_admin").get(FEATURES, {"layer": "depots"}).json()

    assert geojson_errors(document) == []
    assert len(document["features"]) == Depot.objects.count()
    low = [f for f in document["features"] if f["properties"]["outline"] == "#dc3545"]
    assert low, "the demo has an item below its line"
