from django.conf import settings


def absolute_link(path):
    """A record's page as a full address for messages read outside the portal; empty if PORTAL_BASE_URL is unset,
    as a bare path cannot be opened from an e-mail or a group chat."""
    if not path:
        return ""
    if path.startswith(("http://", "https://")):
        return path
    base = settings.PORTAL_BASE_URL.rstrip("/")
    return f"{base}{path}" if base else ""
