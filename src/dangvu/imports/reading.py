"""Opening an uploaded file as a table: xlsx (openpyxl read-only, streamed) or csv (any usual
encoding and delimiter), the right sheet, the header row. Rows are streamed, never loaded at once.
"""

from __future__ import annotations

import codecs
import csv
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.parsers import expat

from django.utils.translation import gettext as _

from dangvu.core.text import fold

from . import fastxlsx
from .columns import alias_table, header_key, specs_for

# Sheet names the subtree export writes (and that offices use), per kind of import.
SHEET_NAMES = {
    "members": ("dang vien", "danh sach dang vien"),
    "organizations": ("to chuc", "to chuc dang"),
    "localities": ("dia ban", "thon to dan pho"),
}
HEADER_SCAN_ROWS = 10


class FileProblem(Exception):
    """The file as a whole cannot be imported (not a spreadsheet, empty, no usable sheet)."""


@dataclass
class Table:
    sheet: str
    sheets: list[str]
    headers: list[str]
    header_row: int
    total_estimate: int
    _rows: Iterator[tuple[int, tuple]] = field(repr=False, default=iter(()))
    _close: Any = field(repr=False, default=None)

    def rows(self) -> Iterator[tuple[int, tuple]]:
        """(row number as the spreadsheet shows it, cell values), blank rows skipped."""
        for number, values in self._rows:
            if any(value is not None and str(value).strip() != "" for value in values):
                yield number, values

    def close(self) -> None:
        if self._close is not None:
            self._close()


def sniff_format(head: bytes) -> str:
    if not head:
        raise FileProblem(_("The file is empty."))
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileProblem(
            _("This is an old Excel file (.xls). Open it in Excel and save it as .xlsx.")
        )
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "csv"
    if b"\x00" in head or head.startswith(b"%PDF"):
        raise FileProblem(_("This file is not a spreadsheet: upload an .xlsx or .csv file."))
    return "csv"


def _score(kind: str, cells: tuple) -> int:
    table = alias_table(kind)
    return sum(1 for cell in cells if cell is not None and header_key(cell) in table)


def _find_header(kind: str, first_rows: list[tuple[int, tuple]]) -> tuple[int, tuple] | None:
    """The first of the top rows where at least two headers (or every required one) match."""
    required = {header_key(s.label) for s in specs_for(kind) if s.required}
    for number, cells in first_rows:
        score = _score(kind, cells)
        if score >= min(2, len(required)):
            return number, cells
    return None


def open_table(path: str | Path, kind: str, sheet: str | None = None) -> Table:
    path = Path(path)
    with path.open("rb") as handle:
        head = handle.read(65536)
    fmt = sniff_format(head)
    if fmt == "xlsx":
        return _open_xlsx(path, kind, sheet)
    return _open_csv(path, kind, head)


def _headers(cells: tuple) -> list[str]:
    headers = [("" if c is None else str(c)).strip() for c in cells]
    while headers and not headers[-1]:
        headers.pop()
    return headers


def _candidates(names: list[str], kind: str, wanted: str | None) -> list[str]:
    """The sheets to try, in order: the one asked for, else those named for the kind first."""
    if wanted:
        by_key = {fold(n): n for n in names}
        if fold(wanted) not in by_key:
            raise FileProblem(
                _("The workbook has no sheet %(sheet)s; its sheets are: %(sheets)s.")
                % {"sheet": wanted, "sheets": ", ".join(names)}
            )
        return [by_key[fold(wanted)]]
    preferred = [n for n in names if fold(n) in SHEET_NAMES[kind]]
    return preferred + [n for n in names if n not in preferred]


def _no_sheet(kind: str, names: list[str]) -> FileProblem:
    return FileProblem(
        _(
            "No sheet has the expected column headers (e.g. %(example)s). "
            "Sheets in the file: %(sheets)s."
        )
        % {
            "example": ", ".join(s.label for s in specs_for(kind) if s.required),
            "sheets": ", ".join(names),
        }
    )


def _open_fast(book: fastxlsx.Book, kind: str, wanted: str | None) -> Table:
    names = book.sheetnames
    try:
        for name in _candidates(names, kind, wanted):
            first = list(book.rows(name, max_row=HEADER_SCAN_ROWS))
            found = _find_header(kind, first)
            if found is None:
                continue
            header_row, cells = found

            def rows(name=name, header_row=header_row) -> Iterator[tuple[int, tuple]]:
                try:
                    yield from book.rows(name, min_row=header_row + 1)
                except (
                    expat.ExpatError,
                    KeyError,
                    ValueError,
                    IndexError,
                    zipfile.BadZipFile,
                ) as e:
                    raise FileProblem(
                        _("This file is not a readable .xlsx workbook (%(error)s).")
                        % {"error": type(e).__name__}
                    ) from e

            columns = sum(1 for c in cells if c is not None)
            return Table(
                sheet=name,
                sheets=names,
                headers=_headers(cells),
                header_row=header_row,
                total_estimate=book.estimate_rows(name, columns),
                _rows=rows(),
                _close=book.close,
            )
    except FileProblem:
        book.close()
        raise
    except (expat.ExpatError, KeyError, ValueError, IndexError, zipfile.BadZipFile) as error:
        book.close()
        raise FileProblem(
            _("This file is not a readable .xlsx workbook (%(error)s).")
            % {"error": type(error).__name__}
        ) from error
    book.close()
    raise _no_sheet(kind, names)


def _open_xlsx(path: Path, kind: str, wanted: str | None) -> Table:
    from openpyxl import load_workbook

    try:
        book = fastxlsx.Book(path)
    except fastxlsx.Unsupported:
        book = None  # an unusual structure: openpyxl below reads it, more slowly
    if book is not None:
        return _open_fast(book, kind, wanted)
    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise FileProblem(
            _("This file is not a readable .xlsx workbook (%(error)s).")
            % {"error": type(error).__name__}
        ) from error
    names = list(workbook.sheetnames)
    try:
        for name in _candidates(names, kind, wanted):
            sheet = workbook[name]
            first = [
                (number, row)
                for number, row in enumerate(
                    sheet.iter_rows(max_row=HEADER_SCAN_ROWS, values_only=True), 1
                )
            ]
            found = _find_header(kind, first)
            if found is None:
                continue
            header_row, cells = found
            rows = (
                (number, row)
                for number, row in enumerate(
                    sheet.iter_rows(min_row=header_row + 1, values_only=True), header_row + 1
                )
            )
            return Table(
                sheet=name,
                sheets=names,
                headers=_headers(cells),
                header_row=header_row,
                total_estimate=_estimate_rows(path, sheet, header_row, cells),
                _rows=rows,
                _close=workbook.close,
            )
    except FileProblem:
        workbook.close()
        raise
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        workbook.close()
        raise FileProblem(
            _("This file is not a readable .xlsx workbook (%(error)s).")
            % {"error": type(error).__name__}
        ) from error
    workbook.close()
    raise _no_sheet(kind, names)


def _estimate_rows(path: Path, sheet, header_row: int, cells) -> int:
    """Data rows in a sheet, for the progress bar and the choice of a background run. Many
    writers leave out the sheet's <dimension>; then the sheet XML's size tells roughly."""
    if sheet.max_row:
        return max(sheet.max_row - header_row, 0)
    try:
        with zipfile.ZipFile(path) as archive:
            member = getattr(sheet, "_worksheet_path", None) or ""  # openpyxl read-only
            size = archive.getinfo(member.lstrip("/")).file_size if member else 0
    except (KeyError, ValueError, AttributeError, zipfile.BadZipFile):
        return 0
    columns = max(sum(1 for c in cells if c is not None), 1)
    return int(size / (columns * 45))  # about 45 bytes of XML per filled cell


def _decode(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        if error.start > len(head) - 4:  # a character cut by the 64 KiB sample
            return "utf-8"
        # Excel's plain "CSV" on a Vietnamese Windows is code page 1258.
        return "cp1258"


def _open_csv(path: Path, kind: str, head: bytes) -> Table:
    encoding = _decode(head)
    handle = path.open("r", encoding=encoding, newline="", errors="strict")
    try:
        sample = handle.read(16384)
        handle.seek(0)
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        reader = csv.reader(handle, dialect)
        first: list[tuple[int, tuple]] = []
        for number, row in enumerate(reader, 1):
            first.append((number, tuple(row)))
            if number >= HEADER_SCAN_ROWS:
                break
    except UnicodeDecodeError as error:
        handle.close()
        raise FileProblem(
            _("The text of this file cannot be read: save it as CSV UTF-8.")
        ) from error
    except csv.Error as error:
        handle.close()
        raise FileProblem(_("This file is not a valid CSV file.")) from error
    if not first:
        handle.close()
        raise FileProblem(_("The file is empty."))
    found = _find_header(kind, first)
    if found is None:
        handle.close()
        raise FileProblem(
            _("No column headers were recognized in the first rows (e.g. %(example)s).")
            % {"example": ", ".join(s.label for s in specs_for(kind) if s.required)}
        )
    header_row, cells = found
    handle.seek(0)
    reader = csv.reader(handle, dialect)
    size = max(path.stat().st_size, 1)
    lines_in_sample = max(sample.count("\n"), 1)
    estimate = int(size / max(len(sample.encode(encoding, "ignore")), 1) * lines_in_sample)

    def rows() -> Iterator[tuple[int, tuple]]:
        try:
            for number, row in enumerate(reader, 1):
                if number > header_row:
                    yield number, tuple(row)
        except (UnicodeDecodeError, csv.Error) as error:
            raise FileProblem(
                _("Row %(row)s of the file cannot be read: %(error)s")
                % {"row": reader.line_num, "error": str(error)[:80]}
            ) from error

    return Table(
        sheet="",
        sheets=[],
        headers=_headers(cells),
        header_row=header_row,
        total_estimate=max(estimate - header_row, 0),
        _rows=rows(),
        _close=handle.close,
    )
