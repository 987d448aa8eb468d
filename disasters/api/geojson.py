"""`?format=geojson` on the risk-point list: a FeatureCollection (RFC 7946) of the filtered points."""

from rest_framework.renderers import JSONRenderer


class GeoJSONRenderer(JSONRenderer):
    media_type = "application/geo+json"
    format = "geojson"


def point_feature(point, properties):
    # RFC 7946: positions are [longitude, latitude], as numbers.
    return {
        "type": "Feature",
        "id": point.pk,
        "geometry": {"type": "Point", "coordinates": [float(point.longitude), float(point.latitude)]},
        "properties": properties,
    }


def feature_collection(features):
    return {"type": "FeatureCollection", "features": list(features)}
