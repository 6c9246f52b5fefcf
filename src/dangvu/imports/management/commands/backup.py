"""`dangvu backup [PATH]`: a consistent snapshot of the live database (see imports/backup.py)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dangvu.imports.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write a consistent backup of the database while the application runs."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "path", nargs="?", default="", help="file to write (default var/backups/)"
        )

    def handle(self, *args, **options) -> None:
        try:
            path = backup(options["path"] or None)
        except BackupError as error:
            raise CommandError(str(error)) from error
        size = path.stat().st_size / 1024 / 1024
        self.stdout.write(
            _("Backup written: %(path)s (%(size).1f MiB)") % {"path": path, "size": size}
        )
