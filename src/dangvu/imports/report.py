"""The problem report of a run as a spreadsheet (every problem, with row and column)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from dangvu.core.exports import Column, TitleBlock, write_xlsx, xlsx_response

from .models import ImportRun


def report_columns() -> list[Column]:
    severity = {
        "error": _("Error"),
        "warning": _("Warning"),
        "info": _("Note"),
        "omitted": _("Not listed"),
    }
    return [
        Column(_("Row"), lambda p: p["row"] or None, kind="int", width=8),
        Column(_("Column"), lambda p: p["column"], width=26),
        Column(_("Severity"), lambda p: severity.get(p["severity"], p["severity"]), width=12),
        Column(_("Problem"), lambda p: p["message"], width=80),
        Column(_("Value in the file"), lambda p: p["value"], width=30),
    ]


def title_block(run: ImportRun) -> TitleBlock:
    return TitleBlock(
        run.organization.name,
        _("Problems found"),
        [_("File: %(name)s") % {"name": run.file_name}],
    )


def write_report(target, run: ImportRun) -> int:
    return write_xlsx(
        target,
        report_columns(),
        run.problems,
        sheet_title=_("Problems"),
        title_block=title_block(run),
    )


def report_response(run: ImportRun):
    return xlsx_response(
        f"kiem-tra-{run.pk}.xlsx",
        report_columns(),
        run.problems,
        sheet_title=_("Problems"),
        title_block=title_block(run),
    )
