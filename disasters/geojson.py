"""GeoJSON (RFC 7946) for the map page and the API: point features and a FeatureCollection, and a check of
the rules the map and outside GIS tools rely on.

RFC 7946 puts longitude first ([lon, lat]); swapping them would put 垫江 in the Indian Ocean, so the order is
fixed here, in one place, and checked by ``geojson_errors``.
"""

import math

MEDIA_TYPE = "application/geo+json"


def point_feature(*, longitude, latitude, properties, feature_id=None):
    """A Feature with a Point geometry; coordinates as floats, longitude first."""
    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [float(longitude), float(latitude)]},
        "properties": properties,
    }
    if feature_id is not None:
        feature["id"] = feature_id
    return feature


def feature_collection(features):
    return {"type": "FeatureCollection", "features": list(features)}


def geojson_errors(document):
    """What in ``document`` breaks the GeoJSON rules for a FeatureCollection of points; [] when it is valid.

    Checks the type names, that every feature has a geometry and a properties object, that coordinates are
    [longitude, latitude] numbers within range, and that no member RFC 7946 forbids beside them is present.
    """
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        return ['the document is not an object of type "FeatureCollection"']
    features = document.get("features")
    if not isinstance(features, list):
        return ['"features" is not an array']
    errors = []
    for index, feature in enumerate(features):
        errors += [f"feature {index}: {error}" for error in _feature_errors(feature)]
    return errors


def _feature_errors(feature):
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        return ['not an object of type "Feature"']
    errors = []
    if "geometry" not in feature:
        errors.append('no "geometry" member')
    if not isinstance(feature.get("properties"), dict | None) or "properties" not in feature:
        errors.append('"properties" is missing or not an object')
    if "id" in feature and not isinstance(feature["id"], str | int | float):
        errors.append('"id" is neither a string nor a number')
    geometry = feature.get("geometry")
    if geometry is not None:
        errors += _point_errors(geometry)
    return errors


def _point_errors(geometry):
    if not isinstance(geometry, dict) or geometry.get("type") != "Point":
        return ['the geometry is not an object of type "Point"']
    position = geometry.get("coordinates")
    if not isinstance(position, list) or len(position) not in (2, 3):
        return ["the coordinates are not a position [longitude, latitude]"]
    if not all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in position):
        return ["the coordinates are not finite numbers"]
    longitude, latitude = position[0], position[1]
    errors = []
    if not -180 <= longitude <= 180:
        errors.append(f"longitude {longitude} is outside -180..180")
    if not -90 <= latitude <= 90:
        errors.append(f"latitude {latitude} is outside -90..90 (are longitude and latitude swapped?)")
    return errors
