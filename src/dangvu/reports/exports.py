"""A report as xlsx (real numbers, percentages as fractions formatted 0.00%) and as a PDF in
the party's document layout (core/pdf.py), charts and narrative included."""

from __future__ import annotations

import base64
import io

from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core.documents import frame_for
from dangvu.core.exports import Column, TitleBlock, write_xlsx
from dangvu.core.pdf import PartyDocument, render_pdf

from .charts import report_charts
from .narrative import narrative
from .queries import Report


def figure_rows(report: Report) -> list[dict]:
    rows = []
    for section in report.sections:
        for figure in section.figures:
            percent = figure.percent
            rows.append(
                {
                    "section": str(section.title),
                    "group": str(figure.group),
                    "label": str(figure.label),
                    "value": figure.value,
                    "base": figure.base,
                    "share": None if percent is None else percent / 100,
                }
            )
    return rows


def report_columns() -> list[Column]:
    return [
        Column(_("Section"), lambda r: r["section"], width=28),
        Column(_("Group"), lambda r: r["group"], width=24),
        Column(_("Figure"), lambda r: r["label"], width=48),
        Column(_("Number"), lambda r: r["value"], kind="int", width=12),
        Column(_("Out of"), lambda r: r["base"], kind="int", width=12),
        Column(_("Share"), lambda r: r["share"], kind="percent", width=10),
    ]


def report_xlsx(report: Report, target) -> None:
    """Write the report's figures to `target` (a path or binary file), under the title block
    (issue 13): the organization, the report's title, its period and the date made."""
    scope = report.scope
    period = _("From %(start)s to %(end)s") % {
        "start": scope.start.strftime("%d/%m/%Y"),
        "end": scope.on.strftime("%d/%m/%Y"),
    }
    write_xlsx(
        target,
        report_columns(),
        figure_rows(report),
        sheet_title=str(report.title),
        title_block=TitleBlock(scope.organization.name, str(report.title), [period]),
    )


def report_xlsx_bytes(report: Report) -> bytes:
    buffer = io.BytesIO()
    report_xlsx(report, buffer)
    return buffer.getvalue()


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def party_document(report: Report) -> PartyDocument:
    """The frame from the document engine (R14.4–R14.14): the organization's committee as
    issuing body ("ĐẢNG ỦY PHƯỜNG X") under its superior, "Số      -BC/ĐU" left for the
    office's register, the place and date line, the secretary in office signing."""
    organization = report.scope.organization
    return frame_for(
        organization,
        "BC",
        timezone.localdate(),
        summary=_("%(title)s from %(start)s to %(end)s")
        % {
            "title": report.title,
            "start": report.scope.start.strftime("%d/%m/%Y"),
            "end": report.scope.on.strftime("%d/%m/%Y"),
        },
        recipients=[_("The superior committee,")],
    )


def report_pdf(report: Report) -> bytes:
    charts = {k: _data_uri(v) for k, v in report_charts(report, with_trend=True).items()}
    return render_pdf(
        "reports/report_pdf.html",
        {"report": report, "charts": charts, "paragraphs": narrative(report)},
        document=party_document(report),
    )
