"""`dangvu report NAME --org CODE --year 2022 [--on DD/MM/YYYY] --format xlsx|pdf|json
[--out FILE]`: a report from the command line, with a progress bar over its sections."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from dangvu.reports.exports import report_pdf, report_xlsx
from dangvu.reports.params import scope_from
from dangvu.reports.queries import REPORTS, build_report


class Command(BaseCommand):
    help = "Compute a report (figures of an organization's subtree) as xlsx, pdf or json."

    def add_arguments(self, parser):
        parser.add_argument("name", choices=sorted(REPORTS), help="dashboard or one section")
        parser.add_argument("--org", default="", help="organization code or id (default: root)")
        parser.add_argument("--year", default="", help="year (default: this year)")
        parser.add_argument("--on", default="", help="as-of date dd/mm/yyyy (default: year end)")
        parser.add_argument("--format", choices=("xlsx", "pdf", "json"), default="json")
        parser.add_argument("--out", default="", help="output file (default: NAME-ORG-DATE.ext)")

    def handle(self, *args, **options):
        try:
            scope = scope_from(
                {"org": options["org"], "year": options["year"], "on": options["on"]}, None
            )
        except ValidationError as error:
            raise CommandError(
                "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
            ) from error
        name, fmt = options["name"], options["format"]
        keys = REPORTS[name][1]
        out = Path(options["out"] or f"{name}-{scope.organization.code}-{scope.on:%Y%m%d}.{fmt}")
        steps = len(keys) + 1
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total}"),
            TimeElapsedColumn(),
            disable=options["verbosity"] == 0,
        ) as progress:
            task = progress.add_task(f"{name} · {scope.organization.name}", total=steps)

            def advance(section: str) -> None:
                progress.update(task, advance=1, description=f"{name} · {section}")

            report = build_report(name, scope, progress=advance)
            progress.update(task, description=f"{name} · {fmt}")
            if fmt == "json":
                out.write_text(
                    json.dumps(report.as_dict(), ensure_ascii=False, indent=2), encoding="utf-8"
                )
            elif fmt == "xlsx":
                with out.open("wb") as handle:
                    report_xlsx(report, handle)
            else:
                out.write_bytes(report_pdf(report))
            progress.update(task, advance=1)
        self.stdout.write(str(out))
