"""Uploaded import files (任务分解表, 隐患台账 …), kept under MEDIA_ROOT/imports/ by a random token between
preview and confirmation.

Only a token made here names a file, so nothing a browser posts becomes a path.
"""

import re
import secrets
import time
from pathlib import Path

from django.conf import settings

KEEP_SECONDS = 24 * 3600
TOKEN = re.compile(r"[0-9a-f]{32}")


def _path(token, suffix=".xlsx"):
    if not TOKEN.fullmatch(token):
        raise ValueError("not an import token")
    return Path(settings.MEDIA_ROOT) / "imports" / f"{token}{suffix}"


def import_file_keep(upload):
    """Store the upload; returns its token."""
    token = secrets.token_hex(16)
    path = _path(token)
    path.parent.mkdir(parents=True, exist_ok=True)
    _sweep(path.parent)
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return token


def import_file_read(token):
    try:
        return _path(token).read_bytes()
    except FileNotFoundError:
        return None


def import_file_claim(token):
    """Take the file for importing; a second confirmation (a double click) finds it gone and imports nothing."""
    claimed = _path(token, ".importing")
    try:
        _path(token).rename(claimed)
    except FileNotFoundError:
        return None
    return claimed.read_bytes()


def import_file_release(token):
    """Give a claimed file back after a failed import, so its preview page shows why."""
    _path(token, ".importing").rename(_path(token))


def import_file_discard(token):
    for suffix in (".xlsx", ".importing"):
        _path(token, suffix).unlink(missing_ok=True)


def _sweep(folder):
    """Previews that were never confirmed leave their files behind; drop those older than a day."""
    cutoff = time.time() - KEEP_SECONDS
    for path in folder.iterdir():
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except FileNotFoundError:
            pass
