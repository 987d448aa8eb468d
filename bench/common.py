"""What every benchmark needs: a throwaway database next to the caller's, Django set up on it, and COPY of
many rows of a model from a template instance with a few varying columns (history triggers off)."""

import io
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2

CHUNK = 100_000


def bench_database_url():
    url = os.environ.get("DATABASE_URL")
    if not url or not os.environ.get("REDIS_URL"):
        sys.exit("Set DATABASE_URL and REDIS_URL (the bench creates its own database next to DATABASE_URL's).")
    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "_bench"
    return url, urlunsplit(parts._replace(path="/" + name)), name


def admin(url, sql):
    connection = psycopg2.connect(url)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql)
    finally:
        connection.close()


def setup_django(url, **environ):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ["DATABASE_URL"] = url
    os.environ.update(environ)
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def copy_text(value):
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def copy_rows(model, template, varying, rows):
    """COPY `rows` (tuples of the `varying` attnames' values) into the model's table; every other column is
    the template's. The table's user triggers (pghistory) are off while it loads: bench data has no history."""
    from django.db import connection

    fields = [f for f in model._meta.concrete_fields if not f.primary_key and f.attname not in varying]
    constant = "\t".join(copy_text(f.get_db_prep_save(f.pre_save(template, True), connection)) for f in fields)
    columns_of = {f.attname: f.column for f in model._meta.concrete_fields}
    columns = ", ".join(f'"{columns_of[name]}"' for name in varying) + ", " + ", ".join(f'"{f.column}"' for f in fields)
    table = model._meta.db_table
    count = 0
    with connection.cursor() as cursor:
        cursor.execute(f'ALTER TABLE "{table}" DISABLE TRIGGER USER')
        buffer = io.StringIO()
        for row in rows:
            buffer.write("\t".join(copy_text(v) for v in row) + "\t" + constant + "\n")
            count += 1
            if count % CHUNK == 0:
                buffer.seek(0)
                cursor.copy_expert(f'COPY "{table}" ({columns}) FROM STDIN', buffer)
                buffer = io.StringIO()
        buffer.seek(0)
        cursor.copy_expert(f'COPY "{table}" ({columns}) FROM STDIN', buffer)
        cursor.execute(f'ALTER TABLE "{table}" ENABLE TRIGGER USER')
    return count
