"""The permission suite covers every endpoint: a route that is neither public nor in a permission table fails
here, by name, until a test covers it (tests/security/tables.py says which table tests what)."""

from .api_routes import basename_of
from .tables import API_MODELS, API_VIEWS, PAGE_RECORDS, PAGES_WITHOUT_RECORD, PUBLIC
from .urlwalk import all_routes


def _covered(route):
    if route.name in PUBLIC:
        return True
    if route.is_api:
        return basename_of(route.name) in API_MODELS or route.name in API_VIEWS
    return route.name in PAGE_RECORDS or route.name in PAGES_WITHOUT_RECORD


def test_every_route_has_permission_tests():
    missing = [f"{route.name} ({route.url})" for route in all_routes() if not _covered(route)]
    assert not missing, "routes without permission tests (add them to tests/security/tables.py): " + ", ".join(missing)


def test_the_tables_name_no_route_that_is_gone():
    names = {route.name for route in all_routes()}
    listed = PUBLIC | set(PAGE_RECORDS) | PAGES_WITHOUT_RECORD | API_VIEWS
    assert not listed - names, sorted(listed - names)
    from config.api_urls import router

    assert set(API_MODELS) == {basename for _prefix, _viewset, basename in router.registry}
