"""The layers of the map page. Each record type the map shows registers one ``MapLayer``; the page draws one
overlay per layer and loads its features from /disasters/map/features.geojson?layer=<key>.

A layer's ``features(user, filters)`` returns GeoJSON Feature dicts (disasters.geojson.point_feature) of the
records the person may see; ``filters`` is the map form's cleaned data (``township``: an OrgUnit or None,
``kind``, ``state``: strings, "" for any), and a layer ignores the filters that do not apply to it.
The map (static/disasters/map.js) reads these properties of each feature:
  name     the popup's title
  url      the link to the record ("" for none)
  colour   the marker's fill (CSS colour)
  outline  the marker's outline (CSS colour; the fill colour if absent)
  details  [[label, value], …] the popup's lines

Adding a layer is one call, e.g. at the end of this module:
  register_layer(MapLayer(key="shelters", label=_("应急避难场所"), features=shelter_features,
                          legend=((_("避难场所"), "#15803d"),)))
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from disasters.choices import KIND_COLOURS, RiskKind, RiskPointState
from disasters.map_resources import DEPOT_COLOUR, SHELTER_COLOUR, depot_features, shelter_features
from disasters.map_selectors import risk_point_features, state_outline


@dataclass(frozen=True)
class MapLayer:
    key: str
    label: str
    features: Callable[..., list]
    legend: tuple = ()  # ((label, fill colour), …)
    outline_legend: tuple = ()  # ((label, outline colour), …)
    shown: bool = True  # drawn when the page opens (the others are one tick away in the layer control)


_LAYERS = {}


def register_layer(layer):
    """Add a layer to the map (or replace the one with the same key); the layers draw in registration order."""
    _LAYERS[layer.key] = layer
    return layer


def map_layers():
    return list(_LAYERS.values())


def get_layer(key):
    """The layer of that key, or None."""
    return _LAYERS.get(key)


register_layer(
    MapLayer(
        key="risk_points",
        label=_("隐患点"),
        features=risk_point_features,
        legend=tuple((kind.label, KIND_COLOURS[kind]) for kind in RiskKind),
        outline_legend=tuple((state.label, state_outline(state)) for state in RiskPointState),
    )
)
register_layer(
    MapLayer(
        key="shelters", label=_("应急避难场所"), features=shelter_features, legend=((_("避难场所"), SHELTER_COLOUR),)
    )
)
register_layer(
    MapLayer(
        key="depots",
        label=_("物资储备库"),
        features=depot_features,
        legend=((_("物资储备库"), DEPOT_COLOUR),),
        outline_legend=((_("有低库存物资"), "#dc3545"),),
    )
)
