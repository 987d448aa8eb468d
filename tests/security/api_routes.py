"""The API's routes by router basename, with the HTTP methods each answers (from the router's own tables)."""

from dataclasses import dataclass

from django.urls import URLPattern, get_resolver

WRITE_METHODS = {"post", "put", "patch", "delete"}


@dataclass(frozen=True)
class ApiRoute:
    name: str  # "api:hazard-transition"
    detail: bool  # takes a pk
    methods: frozenset
    extra_args: tuple  # further path arguments (member_id, equipment_id)


def api_routes():
    api = next(p for p in get_resolver().url_patterns if getattr(p, "namespace", None) == "api")
    routes = {}
    for pattern in api.url_patterns:
        if not isinstance(pattern, URLPattern) or "format" in pattern.pattern.regex.groupindex:
            continue
        callback = pattern.callback
        view = callback.cls
        if hasattr(callback, "actions"):
            methods = frozenset(m for m in callback.actions if m in view.http_method_names)
        else:
            methods = frozenset(m for m in view.http_method_names if hasattr(view, m) and m not in ("options", "head"))
        groups = tuple(pattern.pattern.regex.groupindex) or tuple(getattr(pattern.pattern, "converters", {}))
        routes["api:" + pattern.name] = ApiRoute(
            "api:" + pattern.name, "pk" in groups, methods, tuple(g for g in groups if g != "pk")
        )
    return routes


def basename_of(name):
    """The router basename a route name belongs to (api:hazard-transition -> hazard), or None."""
    from config.api_urls import router

    short = name.removeprefix("api:")
    names = sorted((basename for _prefix, _viewset, basename in router.registry), key=len, reverse=True)
    return next((b for b in names if short == f"{b}-list" or short == f"{b}-detail" or short.startswith(b + "-")), None)
