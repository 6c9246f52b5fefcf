"""Streaming xlsx/csv exports shared by every list and report.

Cells keep real types (numbers, dates) so that a spreadsheet can sum and sort them; text that a
spreadsheet would run as a formula (=, +, -, @, tab, CR at the start: OWASP "CSV injection") is
neutralized with a leading apostrophe-quote, in both formats.

xlsx is written by XlsxWriter in constant-memory mode: each row goes to a temporary file as soon
as the next one starts, so a 100,000-row list never sits in memory; `xlsx_response` streams the
finished file from an unnamed temporary file (gone when the response closes it). Number formats
are Excel's built-in ones (#,##0 / #,##0.00 / 0.00%), which Excel shows in the reader's locale:
a Vietnamese Excel prints 1.234 and 14,92%. Dates are real dates shown dd/mm/yyyy.

A sheet read by people starts with a title block (`TitleBlock`: the organization, the list's
title, its period or filters, "Ngày lập: dd/mm/yyyy"), then the bold header row; the panes are
frozen below the header. CSV has no title block: machines read it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import operator
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import xlsxwriter
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def _attribute_getter(name: str) -> Callable[[Any], Any]:
    """`"organization.name"` → row.organization.name, None when a link on the way is None."""
    parts = name.split(".")
    if len(parts) == 1:
        return operator.attrgetter(name)

    def get(row: Any) -> Any:
        for part in parts:
            if row is None:
                return None
            row = getattr(row, part)
        return row

    return get


@dataclass(frozen=True)
class Column:
    """One exported column: its header, how to read a row (a function, or an attribute name,
    dotted for a relation), and how the cell is formatted.

    kind: "text" (default), "date" (dd/mm/yyyy), "int" (#,##0), "decimal" (#,##0.00),
    "percent" (value is a fraction: 0.1492 prints as 14,92%). Dates are dates whatever the
    kind."""

    title: str
    get: Callable[[Any], Any]
    kind: str = "text"
    width: int = 14

    def __post_init__(self) -> None:
        if isinstance(self.get, str):
            object.__setattr__(self, "get", _attribute_getter(self.get))


@dataclass(frozen=True)
class TitleBlock:
    """The lines above a list's header: which organization the list is of (the user's, or the
    one filtered on), what the list is, its period or filters, and the date it was made."""

    organization: str
    title: str
    details: Sequence[str] = ()
    made_on: dt.date | None = None  # today (local) when None

    def made_line(self) -> str:
        made = self.made_on or timezone.localdate()
        return _("Date made: %(date)s") % {"date": made.strftime("%d/%m/%Y")}


def safe_text(value: Any) -> Any:
    """Neutralize text a spreadsheet would evaluate; leave numbers and dates alone."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CR = re.compile(r"\r\n?")
_MAX_TEXT = 32767  # Excel's limit for one cell
# Built-in number formats (ECMA-376 §18.8.30), localized by Excel: ids, not format strings.
_BUILTIN = {"int": 3, "decimal": 4, "percent": 10}
_DATE = "dd/mm/yyyy"
_DATETIME = "dd/mm/yyyy hh:mm"


def _cut(text: str, units: int) -> str:
    """At most `units` UTF-16 code units (Excel counts a sheet name's length so)."""
    text = text[:units]
    while len(text.encode("utf-16-le")) > units * 2:
        text = text[:-1]
    return text


def sheet_name(title: Any, taken: Iterable[str] = ()) -> str:
    """A name Excel accepts (31 characters, none of []:*?/\\, no edge apostrophe), unique
    among `taken` (case-insensitive)."""

    def clean(text: str, units: int) -> str:
        return _cut(text.strip().strip("'").strip(), units).rstrip().rstrip("'").rstrip()

    base = clean(re.sub(r"[\[\]:*?/\\]", " ", str(title)), 31) or "Sheet"
    lower = {t.lower() for t in taken}
    name, n = base, 2
    while name.lower() in lower:
        suffix = f" ({n})"
        name, n = clean(base, 31 - len(suffix)) + suffix, n + 1
    return name


class _Formats:
    """The workbook's cell formats, created once."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self.header = book.add_format(
            {
                "bold": True,
                "text_wrap": True,
                "valign": "vcenter",
                "align": "center",
                "border": 1,
                "bg_color": "#E7E6E6",
            }
        )
        self.organization = book.add_format({"bold": True})
        self.title = book.add_format({"bold": True, "font_size": 14, "align": "center"})
        self.detail = book.add_format({"italic": True, "align": "center"})
        self.made = book.add_format({"italic": True, "align": "right"})
        self.heading = book.add_format({"bold": True})
        self.date = book.add_format({"num_format": _DATE})
        self.datetime = book.add_format({"num_format": _DATETIME})
        self.number = {k: book.add_format({"num_format": v}) for k, v in _BUILTIN.items()}


class _Workbook:
    """Sheets written one after the other, row by row (XlsxWriter constant-memory mode)."""

    def __init__(self, target: Any) -> None:
        if isinstance(target, os.PathLike):
            target = os.fspath(target)
        self.book = xlsxwriter.Workbook(
            target,
            {
                "constant_memory": True,
                "in_memory": False,
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
            },
        )
        self.formats = _Formats(self.book)
        self.names: list[str] = []

    def add_sheet(self, title: Any):
        name = sheet_name(title, self.names)
        self.names.append(name)
        return self.book.add_worksheet(name)

    def close(self) -> None:
        self.book.close()


def _cell_text(text: str) -> str:
    """What XML can carry: no control characters, CR as a line break, Excel's length limit."""
    if not text.isprintable():  # fast path: most cells are printable (Vietnamese included)
        if "\r" in text:
            text = _CR.sub("\n", text)
        text = _ILLEGAL.sub("", text)
    return text[:_MAX_TEXT]


def _write_value(sheet, row: int, col: int, value: Any, kind: str, formats: _Formats) -> None:
    """One cell by the value's type (the hot loop: 100,000 rows × 15 columns)."""
    if value is None:
        return
    kind_of = type(value)
    if kind_of is str:
        if value.startswith(_FORMULA_STARTS):
            value = "'" + value
        sheet.write_string(row, col, _cell_text(value))
    elif kind_of is int or kind_of is float or kind_of is Decimal:
        number = float(value)
        if math.isfinite(number):  # NaN/inf: an empty cell (XlsxWriter refuses them)
            sheet.write_number(row, col, number, formats.number.get(kind))
    elif kind_of is bool:
        sheet.write_boolean(row, col, value)
    elif isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = timezone.localtime(value).replace(tzinfo=None)
        sheet.write_datetime(row, col, value, formats.datetime)
    elif isinstance(value, dt.date):
        sheet.write_datetime(row, col, value, formats.date)
    else:  # subclasses of the built-ins (IntEnum, a TextChoices member), lazy text, others
        builtin = _builtin(value)
        if builtin is not None:
            _write_value(sheet, row, col, builtin, kind, formats)
        else:
            sheet.write_string(row, col, _cell_text(safe_text(str(value))))


def _builtin(value: Any) -> Any:
    """A subclass of a built-in as the built-in itself (None for anything else)."""
    for base in (bool, int, float, Decimal, str):
        if isinstance(value, base):
            return base(value)
    return None


def _write_line(sheet, row: int, last_col: int, text: str, cell_format) -> None:
    """A title line spread over the table's width (merged), or one cell for a 1-column table."""
    text = _cell_text(safe_text(str(text)))
    if last_col > 0:
        sheet.merge_range(row, 0, row, last_col, text, cell_format)
    else:
        sheet.write_string(row, 0, text, cell_format)


def _write_sheet(
    workbook: _Workbook,
    columns: list[Column],
    rows: Iterable[Any],
    *,
    sheet_title: str,
    numbered: bool = True,
    footer: Iterable[list[Any]] = (),
    heading: str | None = None,
    title_block: TitleBlock | None = None,
) -> int:
    sheet = workbook.add_sheet(sheet_title)
    formats = workbook.formats
    widths = ([6] if numbered else []) + [c.width for c in columns]
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    last_col = len(widths) - 1
    line = 0
    if title_block is not None:
        organization = _cell_text(safe_text(str(title_block.organization)))
        sheet.write_string(line, 0, organization, formats.organization)
        line += 1
        _write_line(sheet, line, last_col, title_block.title, formats.title)
        line += 1
        for detail in title_block.details:
            _write_line(sheet, line, last_col, detail, formats.detail)
            line += 1
        _write_line(sheet, line, last_col, title_block.made_line(), formats.made)
        line += 2  # a blank row before the table
    if heading:
        sheet.write_string(line, 0, _cell_text(safe_text(str(heading))), formats.heading)
        line += 1
    header_row = line
    titles = (["STT"] if numbered else []) + [str(c.title) for c in columns]
    for col, title in enumerate(titles):
        sheet.write_string(header_row, col, _cell_text(safe_text(title)), formats.header)
    # Panes frozen below the header (and right of STT): title and headers stay in view.
    sheet.freeze_panes(header_row + 1, 1 if numbered else 0)
    sheet.repeat_rows(header_row)  # printed on every page
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)

    offset = 1 if numbered else 0
    getters = [(c.get, c.kind, col) for col, c in enumerate(columns, offset)]
    count = 0
    row_index = header_row
    for count, row in enumerate(rows, 1):
        row_index = header_row + count
        if numbered:
            sheet.write_number(row_index, 0, count)
        for get, kind, col in getters:
            _write_value(sheet, row_index, col, get(row), kind, formats)
    if count and last_col >= 0:
        sheet.autofilter(header_row, 0, row_index, last_col)
    for values in footer:
        row_index += 1
        for col, value in enumerate(values):
            _write_value(sheet, row_index, col, value, "text", formats)
    return count


@dataclass(frozen=True)
class Sheet:
    """One sheet of a multi-sheet workbook (see `write_workbook`)."""

    title: str
    columns: list[Column]
    rows: Iterable[Any]
    numbered: bool = True
    title_block: TitleBlock | None = None
    footer: Iterable[list[Any]] = field(default=())


def write_workbook(target: Any, sheets: Iterable[Sheet]) -> dict[str, int]:
    """Write several sheets to one workbook (streamed); rows written per sheet."""
    workbook = _Workbook(target)
    counts = {}
    try:
        for sheet in sheets:
            counts[sheet.title] = _write_sheet(
                workbook,
                sheet.columns,
                sheet.rows,
                sheet_title=sheet.title,
                numbered=sheet.numbered,
                footer=sheet.footer,
                title_block=sheet.title_block,
            )
    finally:
        workbook.close()
    return counts


def write_xlsx(
    target: Any,
    columns: list[Column],
    rows: Iterable[Any],
    *,
    sheet_title: str,
    numbered: bool = True,
    footer: Iterable[list[Any]] = (),
    heading: str | None = None,
    title_block: TitleBlock | None = None,
) -> int:
    """Write one sheet to `target` (a path or binary file); returns the number of rows.
    `title_block`: the lines above the header of a list read by people; `heading`: one bold
    line above the header (kept for sheets that need no more)."""
    workbook = _Workbook(target)
    try:
        return _write_sheet(
            workbook,
            columns,
            rows,
            sheet_title=sheet_title,
            numbered=numbered,
            footer=footer,
            heading=heading,
            title_block=title_block,
        )
    finally:
        workbook.close()


def file_response(write: Callable[[Any], Any], filename: str) -> FileResponse:
    """An xlsx download: `write(file)` fills an unnamed temporary file on disk, which is then
    streamed in blocks and deleted when the response closes it (never whole in memory)."""
    buffer = tempfile.TemporaryFile(suffix=".xlsx")
    try:
        write(buffer)
        buffer.seek(0)
    except BaseException:
        buffer.close()
        raise
    return FileResponse(buffer, as_attachment=True, filename=filename, content_type=XLSX_TYPE)


def xlsx_response(
    filename: str, columns: list[Column], rows: Iterable[Any], *, sheet_title: str, **kwargs
) -> FileResponse:
    """A one-sheet xlsx download (see `write_xlsx` for the keyword arguments)."""
    return file_response(
        lambda f: write_xlsx(f, columns, rows, sheet_title=sheet_title, **kwargs), filename
    )


def workbook_response(filename: str, sheets: Iterable[Sheet]) -> FileResponse:
    """A multi-sheet xlsx download."""
    return file_response(lambda f: write_workbook(f, sheets), filename)


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
    """A small workbook as bytes (a command's output, a test): lists use `xlsx_response`."""
    buffer = io.BytesIO()
    write_xlsx(buffer, columns, rows, sheet_title=sheet_title, **kwargs)
    return buffer.getvalue()


# --- What a list's title block says: whose list it is and which filters made it.


def scope_organization(user: Any, filterset: Any = None) -> Any:
    """The organization a list is of: the one filtered on (`organization`), else the user's."""
    data = getattr(getattr(filterset, "form", None), "cleaned_data", None) or {}
    return data.get("organization") or getattr(user, "organization", None)


def _display(form_field: Any, value: Any) -> str:
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value.tzinfo else ""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, slice):  # django-filter's ranges
        ends = [_display(form_field, v) for v in (value.start, value.stop)]
        return " – ".join(e or "…" for e in ends)
    if isinstance(value, (list, tuple)):
        return ", ".join(_display(form_field, v) for v in value if v not in (None, ""))
    choices = getattr(form_field, "choices", None)
    if choices is not None and not hasattr(value, "pk"):
        for key, label in choices:
            if isinstance(label, (list, tuple)):  # an optgroup
                for sub_key, sub_label in label:
                    if str(sub_key) == str(value):
                        return str(sub_label)
            elif str(key) == str(value):
                return str(label)
    return str(value)


def describe_filters(filterset: Any, skip: Sequence[str] = ("organization",)) -> list[str]:
    """Lines "Label: value", one per filter in use (hidden ones, ordering and `skip` left out)."""
    form = getattr(filterset, "form", None)
    data = getattr(form, "cleaned_data", None)
    if not data:
        return []
    lines = []
    for name, form_field in form.fields.items():
        if name in skip or name in ("ordering", "o", "page", "format"):
            continue
        if getattr(form_field.widget, "is_hidden", False):
            continue
        value = data.get(name)
        if value in (None, "", [], ()) or (isinstance(value, slice) and value == slice(None)):
            continue
        text = _display(form_field, value)
        if text:
            lines.append(f"{form_field.label or name}: {text}")
    return lines


def list_title_block(
    title: Any, user: Any, filterset: Any = None, details: Sequence[str] = ()
) -> TitleBlock:
    """The title block of a filtered list: the scope organization, the title, the filters."""
    organization = scope_organization(user, filterset)
    return TitleBlock(
        organization=str(getattr(organization, "name", "") or ""),
        title=str(title),
        details=[*details, *describe_filters(filterset)],
    )
