"""The suite builds its database from the models (pyproject: --no-migrations), and pytest-django hides the
migrations from this process; a `manage.py` of its own sees them."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_migrations_describe_every_model_as_it_is():
    check = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No changes detected" in check.stdout
