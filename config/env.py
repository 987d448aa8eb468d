"""Strict reading of settings from environment variables.

A bad value stops the start with a message that names the variable. Every reader also
accepts ``NAME_FILE``: the path of a file holding the value (for secrets mounted as files).
"""

import os
import re
import zoneinfo
from urllib.parse import urlparse

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _raw(name):
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            with open(file_name, encoding="utf-8") as fh:
                return fh.read().strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE: cannot read {file_name!r}: {exc}") from exc
    return os.environ.get(name)


def env_str(name, default=None, *, required=False):
    value = _raw(name)
    if value is None or value == "":
        if required:
            raise ImproperlyConfigured(f"{name} must be set")
        return default
    return value


def env_bool(name, default=False):
    value = _raw(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean (use true/false, 1/0, yes/no, on/off)")


def env_int(name, default, *, minimum=None, maximum=None):
    value = _raw(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number") from None
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        raise ImproperlyConfigured(f"{name}={number} must be between {minimum} and {maximum}")
    return number


def env_int_list(name, default, *, count, minimum=None, maximum=None):
    """`count` whole numbers separated by commas, e.g. HAZARD_SCORE_WEIGHTS=2,1,-2,-1."""
    value = _raw(name)
    if value is None or value.strip() == "":
        return list(default)
    try:
        numbers = [int(item) for item in value.split(",")]
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} must be {count} whole numbers separated by commas") from None
    if len(numbers) != count:
        raise ImproperlyConfigured(f"{name}={value!r} must be {count} whole numbers separated by commas")
    if any((minimum is not None and n < minimum) or (maximum is not None and n > maximum) for n in numbers):
        raise ImproperlyConfigured(f"{name}={value!r}: each number must be between {minimum} and {maximum}")
    return numbers


def env_list(name, default=()):
    value = _raw(name)
    if value is None:
        return list(default)
    items = [item.strip() for item in value.split(",")]
    if any(not item for item in items):
        raise ImproperlyConfigured(f"{name}={value!r} has an empty entry; separate values with single commas")
    return items


def env_url(name, schemes):
    value = env_str(name)
    if value is None:
        return None
    parsed = urlparse(value)
    if parsed.scheme not in schemes:
        allowed = ", ".join(sorted(schemes))
        raise ImproperlyConfigured(f"{name} must be a URL with scheme {allowed}; got {parsed.scheme or 'none'!r}")
    return value


def env_timezone(name, default):
    value = env_str(name, default)
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ImproperlyConfigured(f"{name}={value!r} is not a known time zone (e.g. Asia/Shanghai)") from exc
    return value


def env_choice(name, default, choices):
    value = env_str(name, default)
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} must be one of: {', '.join(choices)}")
    return value


_RATE = re.compile(r"^([1-9][0-9]*)/([1-9][0-9]*)?([smhd])$")


def env_rate(name, default):
    """A rate limit such as ``5/h`` (count per s, m, h or d; ``10/30m`` is ten per thirty minutes)."""
    value = env_str(name, default).strip()
    if not _RATE.match(value):
        raise ImproperlyConfigured(f"{name}={value!r} is not a rate such as 5/h (a count per s, m, h or d, or 10/30m)")
    return value


def env_bbox(name, default):
    """A bounding box ``west,south,east,north`` in decimal degrees, e.g. COUNTY_BBOX=107.15,29.60,107.75,30.55."""
    value = _raw(name)
    if value is None or value.strip() == "":
        return tuple(default)
    message = f"{name}={value!r} must be four numbers west,south,east,north in degrees"
    try:
        west, south, east, north = (float(item) for item in value.split(","))
    except ValueError:
        raise ImproperlyConfigured(message) from None
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise ImproperlyConfigured(f"{message}, west below east and south below north")
    return (west, south, east, north)


def env_month_day_range(name, default):
    """Two month-days ``MM-DD,MM-DD`` (first not after second), e.g. FLOOD_SEASON_DEFAULT=05-01,09-30.

    Returns ((month, day), (month, day)); a day must exist in every year (02-29 is refused).
    """
    import datetime

    value = _raw(name)
    if value is None or value.strip() == "":
        value = default
    message = f"{name}={value!r} must be two dates MM-DD,MM-DD such as 05-01,09-30, the first not after the second"
    try:
        pairs = [tuple(int(part) for part in item.strip().split("-")) for item in value.split(",")]
        start, end = (datetime.date(2023, month, day) for month, day in pairs)  # 2023: no 29 February
    except (ValueError, TypeError):
        raise ImproperlyConfigured(message) from None
    if start > end:
        raise ImproperlyConfigured(message)
    return ((start.month, start.day), (end.month, end.day))
