from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore a backup made by `backup` into DATABASE_URL's database and MEDIA_ROOT, then verify it."
    requires_system_checks = []  # the database may be empty: nothing to check yet

    def add_arguments(self, parser):
        parser.add_argument("path", help="the backup directory (var/backups/portal-YYYYMMDD-HHMMSS)")
        parser.add_argument("--force", action="store_true", help="replace a database or media that is not empty")

    def handle(self, *args, **options):
        try:
            manifest = backup_restore(
                path=options["path"],
                db=settings.DATABASES["default"],
                media_root=settings.MEDIA_ROOT,
                force=options["force"],
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"restored {sum(manifest['tables'].values())} rows in {len(manifest['tables'])} tables, "
            f"{manifest['audit']['rows']} history rows (checksum verified), {manifest['media']['files']} files"
        )
