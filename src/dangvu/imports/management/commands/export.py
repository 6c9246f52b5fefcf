"""`dangvu export subtree --org CODE OUT.xlsx`: the workbook the import reads back."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from dangvu.imports.exports import member_csv_lines, write_subtree

from ._common import acting_user, organization_by_code


class Command(BaseCommand):
    help = "Export an organization's subtree (organizations, localities, members) as xlsx or csv."

    def add_arguments(self, parser) -> None:
        parser.add_argument("what", choices=["subtree"])
        parser.add_argument("out", help="file to write: .xlsx (three sheets) or .csv (members)")
        parser.add_argument("--org", required=True, help="code of the subtree's organization")
        parser.add_argument("--user", default="", help="check that this user may see it")

    def handle(self, *args, **options) -> None:
        translation.activate("vi")
        root = organization_by_code(options["org"])
        user = acting_user(options["user"])
        if (
            user is not None
            and not root.__class__.objects.visible_to(user).filter(pk=root.pk).exists()
        ):
            raise CommandError(_("This user cannot see %(org)s.") % {"org": root.name})
        out = Path(options["out"])
        out.parent.mkdir(parents=True, exist_ok=True)
        if out.suffix.lower() == ".csv":
            with out.open("w", encoding="utf-8", newline="") as handle:
                for line in member_csv_lines(root):
                    handle.write(line)
            self.stdout.write(_("Members written to %(path)s.") % {"path": out})
            return
        counts = write_subtree(out, root)
        detail = ", ".join(f"{title}: {n}" for title, n in counts.items())
        self.stdout.write(
            _("Subtree written to %(path)s (%(detail)s).") % {"path": out, "detail": detail}
        )
