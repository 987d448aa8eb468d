"""Every named URL of the portal, with a sample address to call it by (pk 999999: a row nobody has)."""

import uuid
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse

MISSING_PK = 999999
# Sample values for the regular-expression groups the routes use (the router's and a few hand-written ones).
REGEX_SAMPLES = {"token": "0" * 32, "decision": "approve", "action": "submit", "key": "abc"}
CONVERTER_SAMPLES = {"IntConverter": MISSING_PK, "UUIDConverter": uuid.UUID(int=1), "SlugConverter": "measure"}


@dataclass(frozen=True)
class Route:
    name: str  # namespaced, e.g. "hazards:detail" or "api:hazard-list"
    url: str

    @property
    def is_api(self):
        return self.name.startswith("api")  # api:…, api-schema, api-docs


def _kwargs(pattern):
    converters = getattr(pattern.pattern, "converters", {})
    kwargs = {key: CONVERTER_SAMPLES.get(type(conv).__name__, "x") for key, conv in converters.items()}
    regex = pattern.pattern.regex
    for group in regex.groupindex:
        if group not in kwargs:
            kwargs[group] = REGEX_SAMPLES.get(group, str(MISSING_PK))
    return kwargs


def _walk(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue  # Django's admin: staff only, its own login
            inner = namespace + (pattern.namespace + ":" if pattern.namespace else "")
            yield from _walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            if "format" in pattern.pattern.regex.groupindex:
                continue  # the router's `.json` twins of each route
            yield namespace + pattern.name, pattern


def all_routes():
    routes = {}
    for name, pattern in _walk(get_resolver().url_patterns):
        if name not in routes:
            routes[name] = Route(name, reverse(name, kwargs=_kwargs(pattern)))
    return sorted(routes.values(), key=lambda route: route.name)


def sample_kwargs(name):
    """The sample path arguments of one route (pk 999999 for every number), to fill in with real rows."""
    return next(_kwargs(pattern) for route_name, pattern in _walk(get_resolver().url_patterns) if route_name == name)


def post_pages():
    """The names of the pages (not the API) whose view answers a POST: the forms and the actions. A function
    view does not say which methods it takes, so it counts as one that does."""
    names = set()
    for name, pattern in _walk(get_resolver().url_patterns):
        view = getattr(pattern.callback, "view_class", None)
        takes_post = view is None or ("post" in view.http_method_names and hasattr(view, "post"))
        if takes_post and not Route(name, "").is_api:
            names.add(name)
    return names
