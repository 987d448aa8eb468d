"""The two questions every dashboard page and endpoint answers first: for which unit (none = the county, or
all the person may see) and for which date. A unit outside the person's scope is 404; a bad date a clear
message."""

from django.http import Http404

from core.selectors import unit_in_scope
from dashboards.dates import figure_date


def dashboard_unit(*, user, raw):
    if raw in (None, ""):
        return None
    if not str(raw).isdigit():
        raise Http404
    unit = unit_in_scope(user=user, pk=int(raw))
    if unit is None:
        raise Http404
    return unit


def dashboard_params(*, user, query):
    """(unit or None, date) from a request's query (`unit`, `on`); ValidationError for a bad date."""
    return dashboard_unit(user=user, raw=query.get("unit")), figure_date(query.get("on", ""))
