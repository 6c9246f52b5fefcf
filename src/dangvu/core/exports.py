"""Streaming xlsx/csv exports shared by every list and report.

Cells keep real types (numbers, dates) so that a spreadsheet can sum and sort them; text that a
spreadsheet would run as a formula (=, +, -, @, tab, CR at the start: OWASP "CSV injection") is
neutralized with a leading apostrophe-quote, in both formats. xlsx is written in openpyxl's
write-only mode and csv row by row, so a 100,000-row list never sits in memory at once.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import FileResponse, StreamingHttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


@dataclass(frozen=True)
class Column:
    """One exported column: its header, how to read a row, and how the cell is formatted.

    kind: "text" (default), "date" (dd/mm/yyyy), "int", "decimal", "percent" (value is a
    fraction: 0.1492 prints as 14,92%)."""

    title: str
    get: Callable[[Any], Any]
    kind: str = "text"
    width: int = 14


_NUMBER_FORMATS = {
    "date": "DD/MM/YYYY",
    "int": "#,##0",
    "decimal": "#,##0.00",
    "percent": "0.00%",
}


def safe_text(value: Any) -> Any:
    """Neutralize text a spreadsheet would evaluate; leave numbers and dates alone."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _plain(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, (bool, int, float, Decimal, dt.date)):
        return value
    return safe_text(str(value))


def _write_sheet(
    workbook: Workbook,
    columns: list[Column],
    rows: Iterable[Any],
    *,
    sheet_title: str,
    numbered: bool = True,
    footer: Iterable[list[Any]] = (),
) -> int:
    sheet = workbook.create_sheet(sheet_title[:31])
    sheet.freeze_panes = "B2" if numbered else "A2"
    widths = ([6] if numbered else []) + [c.width for c in columns]
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)
    header = []
    for title in (["STT"] if numbered else []) + [str(c.title) for c in columns]:
        cell = WriteOnlyCell(sheet, value=safe_text(title))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    formats = [_NUMBER_FORMATS.get(c.kind) for c in columns]
    getters = [c.get for c in columns]
    count = 0
    for count, row in enumerate(rows, 1):
        cells: list[Any] = [count] if numbered else []
        for get, fmt in zip(getters, formats, strict=True):
            value = _plain(get(row))
            if fmt and value is not None and not isinstance(value, str):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = fmt
                cells.append(cell)
            else:
                cells.append(value)
        sheet.append(cells)
    for line in footer:
        sheet.append([_plain(v) for v in line])
    return count


@dataclass(frozen=True)
class Sheet:
    """One sheet of a multi-sheet workbook (see `write_workbook`)."""

    title: str
    columns: list[Column]
    rows: Iterable[Any]
    numbered: bool = True


def write_workbook(target, sheets: Iterable[Sheet]) -> dict[str, int]:
    """Write several sheets to one workbook (write-only, streamed); rows written per sheet."""
    workbook = Workbook(write_only=True)
    counts = {}
    for sheet in sheets:
        counts[sheet.title] = _write_sheet(
            workbook, sheet.columns, sheet.rows, sheet_title=sheet.title, numbered=sheet.numbered
        )
    workbook.save(target)
    return counts


def write_xlsx(
    target,
    columns: list[Column],
    rows: Iterable[Any],
    *,
    sheet_title: str,
    numbered: bool = True,
    footer: Iterable[list[Any]] = (),
) -> int:
    """Write one sheet to `target` (a path or binary file); returns the number of rows."""
    workbook = Workbook(write_only=True)
    count = _write_sheet(
        workbook, columns, rows, sheet_title=sheet_title, numbered=numbered, footer=footer
    )
    workbook.save(target)
    return count


def xlsx_response(
    filename: str, columns: list[Column], rows: Iterable[Any], *, sheet_title: str, **kwargs
) -> FileResponse:
    """An xlsx download built in a temporary file (spooled to disk past 16 MiB)."""
    buffer = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)
    write_xlsx(buffer, columns, rows, sheet_title=sheet_title, **kwargs)
    buffer.seek(0)
    return FileResponse(buffer, as_attachment=True, filename=filename, content_type=XLSX_TYPE)


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(columns: list[Column], rows: Iterable[Any]) -> Iterator[str]:
    """CSV text line by line (UTF-8 BOM first so that Excel reads Vietnamese correctly);
    dates as dd/mm/yyyy, the way the import reads them back."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    yield writer.writerow([safe_text(str(c.title)) for c in columns])
    for row in rows:
        values = []
        for column in columns:
            value = column.get(row)
            if value is None:
                values.append("")
            elif isinstance(value, dt.date):
                values.append(value.strftime("%d/%m/%Y"))
            elif isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
                values.append(str(value))
            else:
                values.append(safe_text(str(value)))
        yield writer.writerow(values)


def csv_response(
    filename: str, columns: list[Column], rows: Iterable[Any]
) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        (line.encode("utf-8") for line in csv_lines(columns, rows)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_bytes(columns: list[Column], rows: Iterable[Any], *, sheet_title: str, **kwargs) -> bytes:
    buffer = io.BytesIO()
    write_xlsx(buffer, columns, rows, sheet_title=sheet_title, **kwargs)
    return buffer.getvalue()
