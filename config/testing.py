"""Loaded by pytest before Django starts (pyproject: -p config.testing)."""

import os

# The suite runs with DEBUG off, as production does; these only fill what the caller left unset.
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
