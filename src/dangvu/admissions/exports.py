"""The admission statistics as a workbook (xlsx) or csv: the statistics page's columns."""

from __future__ import annotations

import datetime as dt

from django.http import HttpResponse
from django.utils.translation import gettext as _

from dangvu.core.exports import Column, TitleBlock, csv_response, xlsx_response

from .queries import Statistics


def statistics_columns(stats: Statistics) -> list[Column]:
    """One row per child organization and the total: (Row, organization name) pairs."""

    def value(get):
        return lambda pair: get(pair[0])

    return [
        Column(_("Organization"), lambda pair: pair[1], width=40),
        Column(_("Admitted"), value(lambda r: r.admitted), kind="int"),
        Column(_("Of which re-admitted"), value(lambda r: r.readmitted), kind="int"),
        *[
            Column(str(label), value(lambda r, k=key: r.categories.get(k, 0)), kind="int")
            for key, label in stats.categories
        ],
        Column(_("Target"), value(lambda r: r.target), kind="int"),
        Column(
            _("Fulfilment (%)"),
            value(lambda r: round(r.fulfilment, 2) if r.fulfilment is not None else None),
        ),
        Column(_("Members on 1 January"), value(lambda r: r.members_at_start), kind="int"),
        Column(
            _("Admission rate (%)"),
            value(lambda r: round(r.rate, 2) if r.rate is not None else None),
        ),
    ]


def statistics_response(stats: Statistics, kind: str | None) -> HttpResponse:
    """`kind` "csv" gives a csv file, anything else the xlsx workbook."""
    columns = statistics_columns(stats)
    rows = [(row, row.organization.name) for row in stats.children]
    rows.append((stats.total, _("Total")))
    if kind == "csv":
        return csv_response(f"ket-nap-{stats.year}.csv", columns, rows)
    period = _("From %(start)s to %(end)s") % {
        "start": dt.date(stats.year, 1, 1).strftime("%d/%m/%Y"),
        "end": dt.date(stats.year, 12, 31).strftime("%d/%m/%Y"),
    }
    return xlsx_response(
        f"ket-nap-{stats.year}.xlsx",
        columns,
        rows,
        sheet_title=str(stats.year),
        numbered=False,
        title_block=TitleBlock(stats.organization.name, _("Admission statistics"), [period]),
    )
