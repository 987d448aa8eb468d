"""`?format=geojson` on the risk-point list: the renderer; the features come from disasters.geojson."""

from rest_framework.renderers import JSONRenderer

from disasters.geojson import MEDIA_TYPE


class GeoJSONRenderer(JSONRenderer):
    media_type = MEDIA_TYPE
    format = "geojson"
