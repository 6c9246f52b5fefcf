"""`dangvu import members|organizations|localities FILE --org CODE [--dry-run] [--valid-only]`.

`members` reads the whole history workbook: the members sheet and, when present, the sheets
of placements, posts, committee seats, disciplines, attendance and evaluation results
(imports/history_sheets.py), all checked first and written in one transaction."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from dangvu.imports.columns import header_key, specs_for
from dangvu.imports.engine import FileProgress, Tee
from dangvu.imports.models import RunStatus
from dangvu.imports.reading import FileProblem, open_table
from dangvu.imports.report import write_report
from dangvu.imports.services import IMPORTERS, create_run, execute

from ._common import BarProgress, acting_user, organization_by_code

SHOWN_PROBLEMS = 50


class Command(BaseCommand):
    help = (
        "Import party members, organizations or localities from an xlsx or csv file into an "
        "organization's subtree. Every row is checked first; nothing is written unless the file "
        "is clean (or --valid-only)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("kind", choices=sorted(IMPORTERS))
        parser.add_argument("file")
        parser.add_argument("--org", required=True, help="code of the organization imported into")
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
        parser.add_argument("--valid-only", action="store_true", help="import the valid rows only")
        parser.add_argument("--sheet", default="", help="sheet of the workbook to read")
        parser.add_argument("--user", default="", help="username the import is attributed to")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="HEADER=FIELD",
            help="map a column the import does not recognize to a field",
        )
        parser.add_argument("--report", default="", help="write every problem to this .xlsx")

    def handle(self, *args, **options) -> None:
        translation.activate("vi")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("No file %(path)s.") % {"path": path})
        organization = organization_by_code(options["org"])
        user = acting_user(options["user"], organization)
        kind = options["kind"]
        mapping = self._mapping(kind, path, options)
        run = create_run(
            user=user,
            kind=kind,
            organization=organization,
            source=path,
            file_name=path.name,
            sheet=options["sheet"],
            dry_run=options["dry_run"],
            valid_only=options["valid_only"],
            keep_copy=False,
        )
        history = None
        if run.status == RunStatus.UPLOADED:
            if mapping:
                run.mapping.update({str(k): v for k, v in mapping.items()})
                run.save(update_fields=["mapping"])
            show_bar = options["verbosity"] > 0 and sys.stderr.isatty()
            with BarProgress(enabled=show_bar) as bar:
                progress = Tee(bar, FileProgress(run.pk))
                run, importer = execute(run, user=user, write=True, progress=progress)
                history = getattr(importer, "history", None)
        self._print(run, options)
        if history is not None and history.readers:
            self.stdout.write(
                _(
                    "History sheets: placement histories %(placements)s, posts %(posts)s "
                    "(village heads %(heads)s), committee seats %(seats)s, disciplines "
                    "%(disciplines)s, monthly attendance %(attendance)s, evaluation levels "
                    "%(evaluations)s; already recorded %(unchanged)s."
                )
                % history.summary()
            )
        if options["report"] and run.problems:
            write_report(options["report"], run)
            self.stdout.write(_("Problem report: %(path)s") % {"path": options["report"]})
        if run.status in (RunStatus.INVALID, RunStatus.FAILED):
            raise CommandError(
                run.message or _("The file has errors: nothing was written to the database.")
            )

    def _mapping(self, kind: str, path: Path, options) -> dict[int, str]:
        if not options["map"]:
            return {}

        keys = {s.key for s in specs_for(kind)}
        try:
            table = open_table(path, kind, options["sheet"] or None)
        except FileProblem as problem:
            raise CommandError(str(problem)) from problem
        table.close()
        headers = [header_key(h) for h in table.headers]
        mapping = {}
        for item in options["map"]:
            header, _sep, key = item.partition("=")
            if key not in keys:
                raise CommandError(
                    _("Unknown field %(key)s (one of: %(keys)s).")
                    % {"key": key, "keys": ", ".join(sorted(keys))}
                )
            if header_key(header) not in headers:
                raise CommandError(_("The file has no column %(header)s.") % {"header": header})
            mapping[headers.index(header_key(header))] = key
        return mapping

    def _print(self, run, options) -> None:
        params = {
            "file": run.file_name,
            "rows": run.rows,
            "created": run.created,
            "updated": run.updated,
            "unchanged": run.unchanged,
            "invalid": run.invalid,
        }
        if run.status == RunStatus.DONE:
            line = _(
                "%(file)s: %(rows)s rows; created %(created)s, updated %(updated)s, "
                "unchanged %(unchanged)s, rows with errors %(invalid)s."
            )
        else:
            line = _(
                "%(file)s: %(rows)s rows; would create %(created)s, would update %(updated)s, "
                "unchanged %(unchanged)s, rows with errors %(invalid)s."
            )
        self.stdout.write(line % params)
        for problem in run.problems[:SHOWN_PROBLEMS]:
            where = _("row %(row)s") % {"row": problem["row"]} if problem["row"] else _("the file")
            level = _("ERROR") if problem["severity"] == "error" else _("note")
            column = _(", column %(column)s") % problem if problem["column"] else ""
            value = f" [{problem['value']}]" if problem["value"] else ""
            self.stdout.write(f"  {level} {where}{column}: {problem['message']}{value}")
        if len(run.problems) > SHOWN_PROBLEMS:
            self.stdout.write(
                _("  … and %(n)s more problems (--report FILE.xlsx).")
                % {"n": len(run.problems) - SHOWN_PROBLEMS}
            )
        if run.status == RunStatus.DONE:
            self.stdout.write(self.style.SUCCESS(_("Imported (run %(id)s).") % {"id": run.pk}))
        elif run.dry_run and run.status == RunStatus.VALIDATED:
            self.stdout.write(_("Dry run: nothing was written to the database."))
