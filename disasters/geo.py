"""The county's bounding box, and the checks every coordinate entered in the portal passes."""

from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _


def county_bbox():
    """(west, south, east, north) in degrees, WGS-84 / CGCS2000 (the two differ by centimetres)."""
    return tuple(Decimal(str(v)) for v in settings.COUNTY_BBOX)


def inside(longitude, latitude):
    west, south, east, north = county_bbox()
    return west <= longitude <= east and south <= latitude <= north


def coordinate_errors(longitude, latitude):
    """{field: message} for coordinates outside the county; a swapped pair is named as such."""
    if longitude is None or latitude is None:
        return {}
    longitude, latitude = Decimal(str(longitude)), Decimal(str(latitude))
    if inside(longitude, latitude):
        return {}
    west, south, east, north = county_bbox()
    if inside(latitude, longitude):
        message = _("经度和纬度填反了：经度应在%(w)s～%(e)s之间，纬度应在%(s)s～%(n)s之间。")
        return {"longitude": message % {"w": west, "e": east, "s": south, "n": north}}
    errors = {}
    if not west <= longitude <= east:
        errors["longitude"] = _("经度%(v)s不在本县范围内（%(w)s～%(e)s）。") % {"v": longitude, "w": west, "e": east}
    if not south <= latitude <= north:
        errors["latitude"] = _("纬度%(v)s不在本县范围内（%(s)s～%(n)s）。") % {"v": latitude, "s": south, "n": north}
    return errors
