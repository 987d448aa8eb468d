"""The project's own Django apps (not the libraries', not the demo loader): what the whole-project checks walk."""

PORTAL_APPS = frozenset(
    {
        "core",
        "notifications",
        "tasks",
        "responsibilities",
        "hazards",
        "disasters",
        "inspections",
        "dashboards",
        "integrations",
    }
)
