"""`make backup` / `make restore`: a backup restored into a fresh database holds the same rows and the same
history, byte for byte (the audit checksum), and the same uploaded files."""

import json

import pghistory
import psycopg2
import pytest
from django.conf import settings

from core.backup import BackupError, backup_create, backup_restore, backup_verify, database_manifest
from core.models import OrgUnit
from tests.factories import EnterpriseFactory


@pytest.fixture
def fresh_db():
    db = {**settings.DATABASES["default"]}
    db["NAME"] = f"{db['NAME']}_restore"
    yield db
    conn = psycopg2.connect(
        dbname="postgres", user=db.get("USER") or None, host=db.get("HOST") or None, port=db.get("PORT") or None
    )
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{db["NAME"]}" WITH (FORCE)')
    conn.close()


@pytest.fixture
def records(transactional_db):
    """Committed rows (pg_dump runs in another session) with history made by a person on a page."""
    township = OrgUnit.objects.filter(kind="township").first() or OrgUnit.objects.create(
        code="500231001", name="桂溪街道", kind="township"
    )
    enterprise = EnterpriseFactory(name="备份测试厂", township=township)
    with pghistory.context(url="/enterprises/1/edit/"):
        enterprise.name = "备份测试厂（更名）"
        enterprise.save()
    return enterprise


def test_a_backup_restored_into_a_fresh_database_has_the_same_rows_history_and_files(records, fresh_db, tmp_path):
    media = tmp_path / "media"
    (media / "evidence").mkdir(parents=True)
    (media / "evidence" / "photo.jpg").write_bytes(b"\xff\xd8 not really a jpeg")
    source = settings.DATABASES["default"]

    path = backup_create(db=source, media_root=media, backup_dir=tmp_path / "backups")
    manifest = json.loads((path / "manifest.json").read_text())
    assert manifest["tables"]["core_enterprise"] >= 1 and manifest["audit"]["rows"] >= 2
    assert manifest["media"]["files"] == 1

    restored_media = tmp_path / "restored-media"
    backup_restore(path=path, db=fresh_db, media_root=restored_media)

    restored = database_manifest(fresh_db)
    assert restored["tables"] == manifest["tables"] == database_manifest(source)["tables"]
    assert restored["audit"]["sha256"] == manifest["audit"]["sha256"]
    assert (restored_media / "evidence" / "photo.jpg").read_bytes() == b"\xff\xd8 not really a jpeg"

    tampered = {**manifest, "audit": {**manifest["audit"], "sha256": "0" * 64}}
    assert any("history checksum" in problem for problem in backup_verify(tampered, fresh_db))


def test_restoring_into_a_database_that_is_not_empty_is_refused_without_force(records, fresh_db, tmp_path):
    path = backup_create(db=settings.DATABASES["default"], media_root=tmp_path / "none", backup_dir=tmp_path)
    backup_restore(path=path, db=fresh_db, media_root=tmp_path / "m1")
    with pytest.raises(BackupError, match="not empty"):
        backup_restore(path=path, db=fresh_db, media_root=tmp_path / "m2")
    backup_restore(path=path, db=fresh_db, media_root=tmp_path / "m1", force=True)
    assert (
        database_manifest(fresh_db)["audit"]["sha256"]
        == json.loads((path / "manifest.json").read_text())["audit"]["sha256"]
    )
