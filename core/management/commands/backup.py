import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database (pg_dump) and the uploaded files, with a manifest, under BACKUP_DIR."

    def add_arguments(self, parser):
        default = os.environ.get("BACKUP_DIR") or str(Path(settings.VAR_DIR) / "backups")
        parser.add_argument("--dir", default=default, help="where the backup directory is made (BACKUP_DIR)")

    def handle(self, *args, **options):
        try:
            path = backup_create(
                db=settings.DATABASES["default"], media_root=settings.MEDIA_ROOT, backup_dir=options["dir"]
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(path))
