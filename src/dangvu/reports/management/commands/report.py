"""`dangvu report NAME --org CODE --year 2022 [--on DD/MM/YYYY] --format xlsx|pdf|json
[--out FILE]`: a report from the command line, with a progress bar over its sections.

`dangvu report form-1 --org CODE --period 2026H1 --format xlsx|pdf|json`: a statistics form
of HD 11-HD/BTCTW (form-1 … form-7; reports/forms)."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from dangvu.reports.exports import report_pdf, report_xlsx
from dangvu.reports.forms import FORMS, build_form, form_pdf, parse_period, write_xlsx
from dangvu.reports.forms.layout import FormTable
from dangvu.reports.params import organization_for, scope_from
from dangvu.reports.queries import REPORTS, build_report


class Command(BaseCommand):
    help = "Compute a report (figures of an organization's subtree) as xlsx, pdf or json."

    def add_arguments(self, parser):
        parser.add_argument(
            "name",
            choices=sorted(REPORTS) + list(FORMS),
            help="dashboard, one section, or a statistics form (form-1 … form-7)",
        )
        parser.add_argument("--org", default="", help="organization code or id (default: root)")
        parser.add_argument("--year", default="", help="year (default: this year)")
        parser.add_argument("--on", default="", help="as-of date dd/mm/yyyy (default: year end)")
        parser.add_argument(
            "--period", default="", help="forms: 2026 (year), 2026H1, 2026Q1, 2026-9M"
        )
        parser.add_argument("--format", choices=("xlsx", "pdf", "json"), default="json")
        parser.add_argument("--out", default="", help="output file (default: NAME-ORG-DATE.ext)")

    def handle(self, *args, **options):
        if options["name"] in FORMS:
            return self.form(options)
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

    def form(self, options) -> None:
        """A statistics form: the root organization and last year by default."""
        name, fmt = options["name"], options["format"]
        today = timezone.localdate()
        try:
            if options["org"]:
                organization = organization_for(options["org"], None)
            else:
                organization = scope_from({}, None).organization
            period = parse_period(options["period"] or str(today.year - 1), today)
            form = build_form(name, organization, period)
        except ValidationError as error:
            raise CommandError(
                "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
            ) from error
        out = Path(options["out"] or f"{name}-{organization.code}-{period.code}.{fmt}")
        if fmt == "xlsx":
            with out.open("wb") as handle:
                write_xlsx(form, handle)
        elif fmt == "pdf":
            out.write_bytes(form_pdf(form))
        else:
            out.write_text(
                json.dumps(form_dict(form), ensure_ascii=False, indent=2), encoding="utf-8"
            )
        self.stdout.write(str(out))


def form_dict(form: FormTable) -> dict:
    def plain(value):
        return value if value is None or isinstance(value, int | float) else str(value)

    return {
        "form": form.code,
        "organization": {"code": form.organization.code, "name": form.organization.name},
        "period": form.period.code,
        "from": form.period.start.isoformat(),
        "on": form.period.on.isoformat(),
        "columns": [c.label for c in form.columns],
        "rows": [
            {
                "key": r.key,
                "number": r.number,
                "label": r.label,
                "values": [plain(v) for v in r.values],
            }
            for r in form.rows
        ],
    }
