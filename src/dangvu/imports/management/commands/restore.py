"""`dangvu restore PATH`: replace the database's content with a backup."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dangvu.imports.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore the database from a backup written by `dangvu backup` (replaces everything)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, **options) -> None:
        if not options["yes"] and sys.stdin.isatty():
            answer = input(_("Every record will be replaced by the backup's. Type yes to go on: "))
            if answer.strip().lower() not in ("yes", "co", "có"):
                raise CommandError(_("Cancelled: nothing changed."))
        try:
            restore(options["path"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(_("Database restored from %(path)s.") % {"path": options["path"]})
