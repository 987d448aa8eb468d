"""A hazard ledger (隐患台账) import at volume (see bench/README.md): preview and import of ROWS rows through the
same services as the upload page, in a throwaway database; prints rows per second.

    DATABASE_URL=postgres://… REDIS_URL=redis://… python bench/excel_import.py [rows]   (default 10,000)
"""

import sys
import time
from io import BytesIO

from common import admin, bench_database_url, setup_django

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 10000


def ledger_file(rows):
    from openpyxl import Workbook

    from core.choices import OrgUnitKind
    from core.models import OrgUnit
    from hazards import ledger

    townships = list(OrgUnit.objects.filter(kind=OrgUnitKind.TOWNSHIP).values_list("name", flat=True)[:20])
    book = Workbook()
    sheet = book.active
    keys = ["title", "sector", "level", "source", "territory", "place", "found_on", "deadline"]
    sheet.append([ledger.COLUMNS[key] for key in keys])
    for n in range(rows):
        sheet.append(
            [f"基准导入隐患{n}", "危险化学品", "一般", "部门检查", townships[n % len(townships)], f"地点{n}",
             "2024-06-01", "2024-06-30"]
        )  # fmt: skip
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def run():
    import pghistory
    from django.core.management import call_command

    from core.models import User
    from demo.loader import DemoLoader
    from hazards import ledger

    call_command("migrate", verbosity=0)
    DemoLoader(with_work=False).load()
    actor = User.objects.get(username="county_admin")
    content = ledger_file(ROWS)
    started = time.perf_counter()
    preview = ledger.hazard_ledger_preview(actor=actor, content=content)
    previewed = time.perf_counter() - started
    assert preview.ok, preview.errors[:3]
    started = time.perf_counter()
    # The history context the upload's request has (pghistory's middleware): the triggers attach it to each row.
    with pghistory.context(user=actor.pk, url="/hazards/import/bench/"):
        result = ledger.hazard_ledger_import(actor=actor, content=content)
    imported = time.perf_counter() - started
    assert result.created == ROWS, result.errors[:3]
    print(f"{ROWS:,}-row hazard ledger: preview {previewed:.1f} s ({ROWS / previewed:,.0f} rows/s), "
          f"import {imported:.1f} s ({ROWS / imported:,.0f} rows/s, preview included)")  # fmt: skip


def main():
    caller_url, url, name = bench_database_url()
    admin(caller_url, f'DROP DATABASE IF EXISTS "{name}_excel" WITH (FORCE)')
    admin(caller_url, f'CREATE DATABASE "{name}_excel"')
    try:
        setup_django(url + "_excel", ALLOWED_HOSTS="testserver,localhost")
        from django.db import connections

        try:
            run()
        finally:
            connections.close_all()
    finally:
        admin(caller_url, f'DROP DATABASE IF EXISTS "{name}_excel" WITH (FORCE)')


if __name__ == "__main__":
    main()
