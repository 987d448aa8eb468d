"""Backups: the database (pg_dump, custom format), the uploaded files (a tar of MEDIA_ROOT) and a manifest
that says what they hold — rows per table and a SHA-256 of the history (audit) tables — so a restore can
prove it brought back exactly what was saved. `manage.py backup` / `manage.py restore` (`make backup` /
`make restore`) call these functions; they take the database as a Django DATABASES entry, so a test can
restore into a database of its own."""

import contextlib
import datetime
import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

import psycopg2
from django.apps import apps

MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA_TAR = "media.tar.gz"


class BackupError(Exception):
    pass


@contextlib.contextmanager
def _connect(db, autocommit=True):
    conn = psycopg2.connect(
        dbname=db["NAME"],
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
    )
    conn.autocommit = autocommit
    try:
        yield conn
    finally:
        conn.close()


def _libpq_env(db):
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[var] = str(db[key])
    return env


def server_major(db):
    with _connect(db) as conn, conn.cursor() as cur:
        cur.execute("SHOW server_version_num")
        return int(cur.fetchone()[0]) // 10000


def _candidate_bin_dirs():
    if os.environ.get("PG_BIN_DIR"):
        yield Path(os.environ["PG_BIN_DIR"])
    spec = importlib.util.find_spec("pgserver")  # the embedded server ships its client tools, of its version
    if spec and spec.origin:
        yield Path(spec.origin).parent / "pginstall" / "bin"
    yield from sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    on_path = shutil.which("pg_dump")
    if on_path:
        yield Path(on_path).parent


def _tool_major(path):
    out = subprocess.run([str(path), "--version"], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"\(PostgreSQL\)\s+(\d+)", out).group(1))


def pg_tool(name, major):
    """The client tool (pg_dump, pg_restore) of the server's major version, else the nearest newer one:
    pg_dump refuses a newer server, and pg_restore reads only archives of its own version or older."""
    found = {}
    for bin_dir in _candidate_bin_dirs():
        path = bin_dir / name
        if path.is_file() and os.access(path, os.X_OK):
            found.setdefault(_tool_major(path), path)
    usable = sorted(v for v in found if v >= major)
    if not usable:
        raise BackupError(f"no {name} of PostgreSQL {major} or newer (found {sorted(found)}); set PG_BIN_DIR")
    return found[major] if major in found else found[usable[0]]


def _tables(cur):
    cur.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname"
    )
    return [row[0] for row in cur.fetchall()]


def audit_tables():
    """The history tables (one per tracked model) and pghistory's context table, with their order key."""
    from pghistory.models import Context, Event

    tables = [(m._meta.db_table, "pgh_id") for m in apps.get_models() if issubclass(m, Event) and m._meta.managed]
    return sorted(set(tables)) + [(Context._meta.db_table, "id")]


def audit_checksum(cur):
    """SHA-256 over every history row, table by table in name order, rows in key order, as JSON text."""
    digest, rows = hashlib.sha256(), 0
    cur.execute("SET TIME ZONE 'UTC'")
    present = set(_tables(cur))  # a database not yet migrated to the code's latest models lacks some
    tables = [(table, key) for table, key in audit_tables() if table in present]
    for table, key in tables:
        digest.update(f"\x00{table}\x00".encode())
        cur.execute(f'SELECT row_to_json(t)::text FROM "{table}" t ORDER BY t."{key}"')
        for (text,) in cur:
            digest.update(text.encode())
            digest.update(b"\n")
            rows += 1
    return {"sha256": digest.hexdigest(), "rows": rows, "tables": len(tables)}


def _manifest_of(cur):
    counts = {}
    for table in _tables(cur):
        cur.execute(f'SELECT count(*) FROM "{table}"')
        counts[table] = cur.fetchone()[0]
    return {"tables": counts, "audit": audit_checksum(cur)}


def database_manifest(db):
    """Rows per table of the public schema and the audit checksum."""
    with _connect(db) as conn, conn.cursor() as cur:
        return _manifest_of(cur)


def _versions(db, dump_tool):
    import django

    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent
    ).stdout.strip()
    return {
        "postgresql": server_major(db),
        "pg_dump": subprocess.run([str(dump_tool), "--version"], capture_output=True, text=True).stdout.strip(),
        "django": django.get_version(),
        "portal_commit": commit or None,
    }


def _media_tar(media_root, path):
    files = size = 0
    with tarfile.open(path, "w:gz") as tar:
        if media_root.is_dir():
            for item in sorted(media_root.rglob("*")):
                tar.add(item, arcname=str(item.relative_to(media_root)), recursive=False)
                if item.is_file():
                    files, size = files + 1, size + item.stat().st_size
    return {"files": files, "bytes": size}


def backup_create(*, db, media_root, backup_dir):
    """Write backup_dir/portal-<UTC time>/ with the dump, the media tar and the manifest; return its path.
    The manifest is read in the very snapshot pg_dump dumps (an exported snapshot), so it matches the dump
    even while the portal keeps writing."""
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
    target = Path(backup_dir) / f"portal-{stamp}"
    partial = target.with_name(target.name + ".partial")
    partial.mkdir(parents=True)
    try:
        manifest = _dump(db, partial)
        manifest["media"] = _media_tar(Path(media_root), partial / MEDIA_TAR)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    (partial / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True))
    partial.rename(target)  # only a complete backup carries the final name
    return target


def _dump(db, partial):
    dump_tool = pg_tool("pg_dump", server_major(db))
    with _connect(db, autocommit=False) as conn, conn.cursor() as cur:
        conn.set_session(isolation_level="REPEATABLE READ", readonly=True)
        cur.execute("SELECT pg_export_snapshot()")
        snapshot = cur.fetchone()[0]
        subprocess.run(
            [str(dump_tool), "-Fc", f"--snapshot={snapshot}", "-f", str(partial / DUMP), "-d", db["NAME"]],
            env=_libpq_env(db),
            check=True,
        )
        manifest = _manifest_of(cur)
    manifest.update(
        created_at=datetime.datetime.now(datetime.UTC).isoformat(),
        database=db["NAME"],
        versions=_versions(db, dump_tool),
    )
    return manifest


def _ensure_database(db):
    with _connect({**db, "NAME": "postgres"}) as conn, conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]])
        if cur.fetchone() is None:
            cur.execute(f'CREATE DATABASE "{db["NAME"]}"')


def _is_empty(db):
    with _connect(db) as conn, conn.cursor() as cur:
        return not _tables(cur)


def _clear(db):
    with _connect(db) as conn, conn.cursor() as cur:
        cur.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")


def _restore_media(path, media_root, force):
    media_root = Path(media_root)
    if media_root.is_dir() and any(media_root.iterdir()):
        if not force:
            raise BackupError(f"{media_root} is not empty; restore with FORCE=1 (--force) to replace it")
        shutil.rmtree(media_root)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(path) as tar:
        tar.extractall(media_root, filter="data")


def backup_verify(manifest, db):
    """The differences between the manifest and the database: [] when the restore is exact."""
    actual = database_manifest(db)
    problems = [
        f"{table}: {manifest['tables'].get(table)} rows saved, {actual['tables'].get(table)} restored"
        for table in sorted(set(manifest["tables"]) | set(actual["tables"]))
        if manifest["tables"].get(table) != actual["tables"].get(table)
    ]
    if manifest["audit"] != actual["audit"]:
        problems.append(f"history checksum: saved {manifest['audit']}, restored {actual['audit']}")
    return problems


def backup_restore(*, path, db, media_root, force=False):
    """Restore a backup made by backup_create into db (which must be empty unless force) and media_root,
    then check the restored rows against the manifest. Returns the manifest."""
    path = Path(path)
    if not (path / MANIFEST).is_file() or not (path / DUMP).is_file():
        raise BackupError(f"{path} is not a complete backup (no {MANIFEST} or {DUMP})")
    manifest = json.loads((path / MANIFEST).read_text())
    _ensure_database(db)
    if not _is_empty(db):
        if not force:
            raise BackupError(f"database {db['NAME']} is not empty; restore with FORCE=1 (--force) to replace it")
        _clear(db)
    restore_tool = pg_tool("pg_restore", max(server_major(db), manifest["versions"]["postgresql"]))
    subprocess.run(
        [str(restore_tool), "--no-owner", "--no-privileges", "--exit-on-error", "-d", db["NAME"], str(path / DUMP)],
        env=_libpq_env(db),
        check=True,
    )
    _restore_media(path / MEDIA_TAR, media_root, force)
    problems = backup_verify(manifest, db)
    if problems:
        raise BackupError("restored data differ from the backup:\n" + "\n".join(problems))
    return manifest
