"""System checks for where uploaded files live: never where static files are served from without a login."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, register


def _inside(path, folder):
    path, folder = Path(path).resolve(), Path(folder).resolve()
    return path == folder or folder in path.parents


@register("security")
def media_root_outside_static(app_configs, **kwargs):
    static_dirs = [settings.STATIC_ROOT, *settings.STATICFILES_DIRS]
    if any(_inside(settings.MEDIA_ROOT, d) or _inside(d, settings.MEDIA_ROOT) for d in static_dirs if d):
        return [
            Error(
                f"MEDIA_ROOT={settings.MEDIA_ROOT} overlaps the static files: uploaded files would be served "
                "to anyone, without the permission check of the portal's file views.",
                hint="Set MEDIA_ROOT to a folder outside STATIC_ROOT and static/.",
                id="core.E101",
            )
        ]
    return []
