"""Loaded by pytest before Django starts (pyproject: -p config.testing)."""

import os
from urllib.parse import urlsplit, urlunsplit

# The suite runs with DEBUG off, as production does; these only fill what the caller left unset.
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")


def worker_redis_url(url, worker):
    """pytest-xdist's worker gwN gets Redis database base + N (mod 16): pytest-django gives each worker a test
    database of its own, and one worker's cache.clear() or queue must not reach another's."""
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{(base + int(worker.removeprefix('gw'))) % 16}"))


if os.environ.get("PYTEST_XDIST_WORKER", "").startswith("gw") and os.environ.get("REDIS_URL"):
    os.environ["REDIS_URL"] = worker_redis_url(os.environ["REDIS_URL"], os.environ["PYTEST_XDIST_WORKER"])
