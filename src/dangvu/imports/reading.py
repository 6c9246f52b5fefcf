"""Opening an uploaded file as a table: a workbook (.xlsx, the old .xls, .ods, read by
python-calamine) or csv (any usual encoding and delimiter), the right sheet, the header row.

What real office files hold is dealt with here, before any row is checked: hidden sheets are
skipped, merged cells are filled down, a column-number row under the headers is skipped, text
in the legacy TCVN3/VNI-Windows encodings is converted to Unicode, and the limits below are
checked before the work starts. What the reader finds is reported through `Table.notes` (the
file) and `Table.pending` (a cell: row and column), which the engine turns into problems.
"""

from __future__ import annotations

import codecs
import csv
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.parsers import expat

import python_calamine as calamine
from django.utils.translation import gettext as _

from dangvu.core.text import fold

from . import legacy_fonts
from .columns import alias_table, header_key, specs_for

# --- Limits, checked before any row is read (the message shows the limit).
# 300 MB unpacked: the 100,000-member bench workbook written by openpyxl (inline strings)
# unpacks to 106 MB, and MAX_ROWS rows of it to about 210 MB.
MAX_UNPACKED_BYTES = 300 * 1024 * 1024
# A zip entry that inflates more than this many times is a zip bomb, not a spreadsheet
# (Apache POI's ZipSecureFile uses the same 1:100); small entries (styles) are not judged.
MAX_INFLATE_RATIO = 100
INFLATE_RATIO_FROM_BYTES = 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 200
MAX_CELL_CHARS = 2_000

# Sheet names the subtree export writes (and that offices use), per kind of import.
SHEET_NAMES = {
    "members": ("dang vien", "danh sach dang vien"),
    "organizations": ("to chuc", "to chuc dang"),
    "localities": ("dia ban", "thon to dan pho"),
}
HEADER_SCAN_ROWS = 10
DETECT_ROWS = 200  # rows sampled to recognize a legacy font encoding
ERROR, WARNING, INFO = "error", "warning", "info"


class FileProblem(Exception):
    """The file as a whole cannot be imported (not a spreadsheet, empty, no usable sheet)."""


@dataclass
class Note:
    """Something the reader found: in a cell (row, column index) or in the file (row 0)."""

    row: int
    column: int | None
    message: str
    severity: str = WARNING
    value: str = ""


@dataclass
class Table:
    sheet: str
    sheets: list[str]
    headers: list[str]
    header_row: int
    total_estimate: int
    notes: list[Note] = field(default_factory=list)  # about the file, known once opened
    pending: list[Note] = field(default_factory=list)  # about the rows read so far
    _rows: Iterator[tuple[int, tuple]] = field(repr=False, default=iter(()))
    _close: Any = field(repr=False, default=None)

    def rows(self) -> Iterator[tuple[int, tuple]]:
        """(row number as the spreadsheet shows it, cell values), blank rows skipped. Notes on
        a row's cells are in `pending` when the row is yielded."""
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
        # An OpenDocument file names its type in a first, stored "mimetype" entry.
        return "ods" if b"application/vnd.oasis.opendocument.spreadsheet" in head[:200] else "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "csv"
    if b"\x00" in head or head.startswith(b"%PDF"):
        raise FileProblem(
            _("This file is not a spreadsheet: upload an .xlsx, .xls, .ods or .csv file.")
        )
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
    if fmt == "csv":
        return _open_csv(path, kind, head)
    if fmt in ("xlsx", "ods"):
        _check_unpacked(path, fmt)
    return _open_book(path, fmt, kind, sheet)


def _unreadable(fmt: str, error: Exception) -> FileProblem:
    return FileProblem(
        _("This file is not a readable .%(format)s workbook (%(error)s).")
        % {"format": fmt, "error": type(error).__name__}
    )


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:,.0f}".replace(",", ".")


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _check_unpacked(path: Path, fmt: str) -> None:
    """Refuse a zip that unpacks to too much before anything inflates it."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise _unreadable(fmt, error) from error
    total = sum(entry.file_size for entry in entries)
    if total > MAX_UNPACKED_BYTES:
        raise FileProblem(
            _(
                "This workbook unpacks to %(size)s MB, more than the %(max)s MB an import "
                "reads. Split it into several files."
            )
            % {"size": _mb(total), "max": _mb(MAX_UNPACKED_BYTES)}
        )
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > INFLATE_RATIO_FROM_BYTES and ratio > MAX_INFLATE_RATIO:
            raise FileProblem(
                _(
                    "This workbook is compressed %(ratio)s times (%(size)s MB unpacked), more "
                    "than the %(max)s times of an ordinary spreadsheet: it is refused. Open it "
                    "in Excel, delete the empty or repeated rows and save it again."
                )
                % {
                    "ratio": _number(int(ratio)),
                    "size": _mb(total),
                    "max": MAX_INFLATE_RATIO,
                }
            )


def _check_size(rows: int, columns: int) -> None:
    if rows > MAX_ROWS:
        raise FileProblem(
            _("The sheet has %(rows)s rows, more than the %(max)s an import reads.")
            % {"rows": _number(rows), "max": _number(MAX_ROWS)}
        )
    if columns > MAX_COLUMNS:
        raise FileProblem(
            _("The sheet has %(columns)s columns, more than the %(max)s an import reads.")
            % {"columns": _number(columns), "max": _number(MAX_COLUMNS)}
        )


def _headers(cells: tuple) -> list[str]:
    headers = [("" if c is None else str(c)).strip() for c in cells]
    while headers and not headers[-1]:
        headers.pop()
    return headers


def _candidates(names: list[str], visible: list[str], kind: str, wanted: str | None) -> list[str]:
    """The sheets to try, in order: the one asked for (even hidden), else the visible ones,
    those named for the kind first."""
    if wanted:
        by_key = {fold(n): n for n in names}
        if fold(wanted) not in by_key:
            raise FileProblem(
                _("The workbook has no sheet %(sheet)s; its sheets are: %(sheets)s.")
                % {"sheet": wanted, "sheets": ", ".join(names)}
            )
        return [by_key[fold(wanted)]]
    preferred = [n for n in visible if fold(n) in SHEET_NAMES[kind]]
    return preferred + [n for n in visible if n not in preferred]


def _no_sheet(kind: str, names: list[str], hidden: list[str]) -> FileProblem:
    message = _(
        "No sheet has the expected column headers (e.g. %(example)s). "
        "Sheets in the file: %(sheets)s."
    ) % {
        "example": ", ".join(s.label for s in specs_for(kind) if s.required),
        "sheets": ", ".join(names),
    }
    if hidden:
        message += " " + _("Hidden sheets are not read: %(sheets)s.") % {
            "sheets": ", ".join(hidden)
        }
    return FileProblem(message)


# --- turning raw rows into the rows the import reads


_COLUMN_NUMBER = re.compile(r"^\(?\s*(\d{1,3})\s*\)?$")


def _column_number(cell: Any) -> int | None:
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    if isinstance(cell, str) and (match := _COLUMN_NUMBER.match(cell.strip())):
        return int(match.group(1))
    return None


def is_column_number_row(cells: tuple, headers: list[str]) -> bool:
    """A row like "(1) (2) (3)…" or "1 2 3…" under the headers: numbers in most of the
    headed columns, increasing one by one."""
    headed = [i for i, h in enumerate(headers) if h]
    filled = [i for i in headed if i < len(cells) and not _blank(cells[i])]
    numbers = [_column_number(cells[i]) for i in filled]
    if len(filled) < max(3, len(headed) // 2) or any(n is None for n in numbers):
        return False
    steps = sum(1 for a, b in zip(numbers, numbers[1:], strict=False) if b == a + 1)
    return steps >= 0.8 * (len(numbers) - 1)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class _Cleaner:
    """Applied to each raw row in order: merged cells filled down, legacy text converted,
    integral numbers as int (as Excel shows them), cells longer than the limit refused."""

    def __init__(
        self, merged: list[tuple[tuple[int, int], tuple[int, int]]], col0: int, kind: str
    ) -> None:
        # Vertical merges only ("Chi bộ" over rows 5–9): row index → [(column, top-left)].
        self.fill: dict[int, list[tuple[int, tuple[int, int]]]] = {}
        for (r0, c0), (r1, _c1) in merged or []:
            for r in range(r0 + 1, r1 + 1):
                self.fill.setdefault(r, []).append((c0 - col0, (r0, c0 - col0)))
        self.top_rows: dict[int, set[int]] = {}
        for items in self.fill.values():
            for _col, (r0, c0) in items:
                self.top_rows.setdefault(r0, set()).add(c0)
        self.top_values: dict[tuple[int, int], Any] = {}
        self.kind = kind
        self.encoding: str | None = None
        self.columns: set[int] | None = None  # the legacy-encoded data columns (None: all)
        self.data_from = 0  # index of the first data row, once the header is known

    def setup(self, sample: list[list], header_row: int | None) -> None:
        """Find the encoding on the sample rows and, once the header is known, the columns
        it is used in: a file may mix Unicode columns (a template's) with legacy ones."""
        texts = [c for row in sample for c in row if isinstance(c, str) and c.strip()]
        found = legacy_fonts.detect(texts)
        self.encoding = found[0] if found else None
        if header_row is not None:
            self.data_from = header_row
        if self.encoding and header_row is not None:
            self.columns = legacy_fonts.encoded_columns(sample[header_row:], self.encoding)

    def _convert(self, value: str, col: int, header: bool) -> str:
        encoding = self.encoding
        if encoding is None or not legacy_fonts.should_convert(value, encoding):
            return value
        if header:
            # A header is converted when that makes it one the import knows.
            new = legacy_fonts.convert(value, encoding)
            table = alias_table(self.kind)
            return new if header_key(new) in table and header_key(value) not in table else value
        if self.columns is not None and col not in self.columns:
            return value
        return legacy_fonts.convert(value, encoding)

    def __call__(
        self, index: int, row: list, pending: list[Note] | None, header: bool = False
    ) -> tuple:
        fill = self.fill.get(index)
        if fill:
            for col, top in fill:
                if top[0] < self.data_from <= index:
                    continue  # a header merged down over the first rows is not their data
                if col < len(row) and _blank(row[col]):
                    row[col] = self.top_values.get(top)
        encoding = self.encoding
        for col, value in enumerate(row):
            kind = type(value)  # not isinstance: this runs for every cell of the file
            if kind is str:
                if encoding is not None:
                    row[col] = value = self._convert(value, col, header)
                if len(value) > MAX_CELL_CHARS:
                    if pending is not None:
                        pending.append(_long_cell(index + 1, col, value))
                    row[col] = None
            elif kind is float and value.is_integer() and -1e15 < value < 1e15:
                row[col] = int(value)
        tops = self.top_rows.get(index)
        if tops:
            for col in tops:
                self.top_values[(index, col)] = row[col] if col < len(row) else None
        return tuple(row)

    def sample_conversion(self, sample: list[list], header_row: int) -> tuple[str, str]:
        """A before/after example for the report: a data cell (a name) if any, else a
        header."""
        for row in sample[header_row:]:
            for col, cell in enumerate(row):
                if isinstance(cell, str) and (new := self._convert(cell, col, False)) != cell:
                    return cell, new
        for row in sample[:header_row]:
            for col, cell in enumerate(row):
                if isinstance(cell, str) and (new := self._convert(cell, col, True)) != cell:
                    return cell, new
        return "", ""


def _long_cell(row: int, col: int, value: str) -> Note:
    return Note(
        row,
        col,
        _("This cell holds %(n)s characters, more than the %(max)s an import reads.")
        % {"n": _number(len(value)), "max": _number(MAX_CELL_CHARS)},
        ERROR,
        value[:40],
    )


def _encoding_note(cleaner: _Cleaner, sample: list[list], header_row: int) -> Note:
    before, after = cleaner.sample_conversion(sample, header_row)
    return Note(
        0,
        None,
        _(
            "The file uses the %(encoding)s font encoding; it was converted to Unicode, "
            "e.g. «%(before)s» → «%(after)s». Check the names."
        )
        % {"encoding": legacy_fonts.NAMES[cleaner.encoding], "before": before, "after": after},
        WARNING,
    )


def _number_row_note(number: int) -> Note:
    return Note(
        number,
        None,
        _("Row %(row)s numbers the columns (1), (2)…; it was skipped.") % {"row": number},
        INFO,
    )


# --- workbooks


def _open_book(path: Path, fmt: str, kind: str, wanted: str | None) -> Table:
    try:
        book = calamine.CalamineWorkbook.from_path(str(path))
        metadata = book.sheets_metadata
    except (calamine.CalamineError, OSError, ValueError) as error:
        raise _unreadable(fmt, error) from error
    names = [m.name for m in metadata]
    visible = [
        m.name
        for m in metadata
        if m.visible == calamine.SheetVisibleEnum.Visible
        and m.typ == calamine.SheetTypeEnum.WorkSheet
    ]
    hidden = [n for n in names if n not in visible]
    try:
        for name in _candidates(names, visible, kind, wanted):
            table = _open_sheet(book, name, fmt, kind, path)
            if table is None:
                continue
            table.sheets = names
            message = _("Read the sheet «%(sheet)s».") % {"sheet": name}
            if hidden:
                message += " " + _("Hidden sheets were skipped: %(sheets)s.") % {
                    "sheets": ", ".join(f"«{n}»" for n in hidden)
                }
            table.notes.insert(0, Note(0, None, message, INFO))
            return table
    except FileProblem:
        book.close()
        raise
    except (calamine.CalamineError, ValueError, IndexError) as error:
        book.close()
        raise _unreadable(fmt, error) from error
    book.close()
    raise _no_sheet(kind, names, hidden)


def _open_sheet(book, name: str, fmt: str, kind: str, path: Path) -> Table | None:
    sheet = book.get_sheet_by_name(name)
    start = sheet.start or (0, 0)
    col0 = start[1]
    merged = sheet.merged_cell_ranges or (_ods_merged(path, name) if fmt == "ods" else [])
    sample: list[list] = []
    for index, row in enumerate(sheet.iter_rows()):
        if index >= DETECT_ROWS:
            break
        sample.append(row)
    scan = _Cleaner(merged, col0, kind)
    scan.setup(sample, None)
    first = [
        (index + 1, scan(index, list(row), None, header=True))
        for index, row in enumerate(sample[:HEADER_SCAN_ROWS])
    ]
    found = _find_header(kind, first)
    if found is None:
        return None
    header_row, cells = found
    end = sheet.end or (0, 0)
    _check_size(end[0] + 1 - header_row, end[1] - col0 + 1)
    headers = _headers(cells)
    table = Table(
        sheet=name,
        sheets=[],
        headers=headers,
        header_row=header_row,
        total_estimate=max(end[0] + 1 - header_row, 0),
        _close=book.close,
    )
    cleaner = _Cleaner(merged, col0, kind)  # afresh: fills from the top
    cleaner.setup(sample, header_row)

    def rows() -> Iterator[tuple[int, tuple]]:
        first_data = True
        try:
            for index, raw in enumerate(sheet.iter_rows()):
                data = index >= header_row
                values = cleaner(index, raw, table.pending if data else None, header=not data)
                if index < header_row:
                    continue
                if first_data and any(not _blank(v) for v in values):
                    first_data = False
                    if is_column_number_row(values, headers):
                        table.pending.clear()
                        table.notes.append(_number_row_note(index + 1))
                        continue
                yield index + 1, values
        except (calamine.CalamineError, ValueError, IndexError) as error:
            raise _unreadable(fmt, error) from error

    table._rows = rows()
    if cleaner.encoding:
        table.notes.append(_encoding_note(cleaner, sample, header_row))
    return table


_ODS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


def _ods_merged(path: Path, sheet: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The merged ranges of an .ods sheet, which calamine does not give: cells with
    table:number-rows-spanned / -columns-spanned in content.xml (streamed with expat)."""
    found: list[tuple[tuple[int, int], tuple[int, int]]] = []
    state = {"in": False, "row": -1, "col": 0, "repeat": 1}
    table = "{" + _ODS_TABLE + "}"

    def start(tag: str, attrs: dict) -> None:
        if tag == table + "table":
            state["in"] = attrs.get(table + "name") == sheet
            state["row"] = -1
        elif not state["in"]:
            return
        elif tag == table + "table-row":
            state["row"] += 1
            state["col"] = 0
            state["repeat"] = int(attrs.get(table + "number-rows-repeated", 1))
        elif tag in (table + "table-cell", table + "covered-table-cell"):
            rows = int(attrs.get(table + "number-rows-spanned", 1))
            cols = int(attrs.get(table + "number-columns-spanned", 1))
            if rows > 1 or cols > 1:
                r, c = state["row"], state["col"]
                found.append(((r, c), (r + rows - 1, c + cols - 1)))
            state["col"] += int(attrs.get(table + "number-columns-repeated", 1))

    def end(tag: str) -> None:
        if tag == table + "table-row" and state["in"]:
            state["row"] += min(state.get("repeat", 1), MAX_ROWS + 1) - 1
        elif tag == table + "table" and state["in"]:
            state["in"] = False

    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartElementHandler = lambda tag, attrs: start("{" + tag, _braced(attrs))
    parser.EndElementHandler = lambda tag: end("{" + tag)
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as stream:
            while chunk := stream.read(1 << 20):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except (KeyError, zipfile.BadZipFile, expat.ExpatError, ValueError):
        return []
    return found


def _braced(attrs: dict) -> dict:
    return {("{" + k if "}" in k else k): v for k, v in attrs.items()}


# --- csv


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
        # TCVN3 and VNI text is saved by Excel as Windows-1252 bytes; Excel's plain "CSV" on a
        # Vietnamese Windows is code page 1258.
        sample = head.decode("cp1252", errors="replace")
        if legacy_fonts.detect(sample.replace(";", "\n").replace(",", "\n").splitlines()):
            return "cp1252"
        return "cp1258"


def _csv_problem(error: Exception, row: int) -> FileProblem:
    return FileProblem(
        _("Row %(row)s of the file cannot be read: %(error)s")
        % {"row": row, "error": str(error)[:80]}
    )


def _open_csv(path: Path, kind: str, head: bytes) -> Table:
    encoding = _decode(head)
    # Cells are measured against MAX_CELL_CHARS with their row and column; the csv module's
    # own limit (128 KiB, one message for the whole file) must not come first.
    csv.field_size_limit(max(csv.field_size_limit(), 1 << 30))
    handle = path.open("r", encoding=encoding, newline="", errors="strict")
    sample_rows: list[list] = []
    try:
        sample = handle.read(16384)
        handle.seek(0)
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        reader = csv.reader(handle, dialect)
        for row in reader:
            sample_rows.append(row)
            if len(sample_rows) >= DETECT_ROWS:
                break
    except UnicodeDecodeError as error:
        handle.close()
        raise FileProblem(
            _("The text of this file cannot be read: save it as CSV UTF-8.")
        ) from error
    except csv.Error as error:
        handle.close()
        raise _csv_problem(error, len(sample_rows) + 1) from error
    if not sample_rows:
        handle.close()
        raise FileProblem(_("The file is empty."))
    scan = _Cleaner([], 0, kind)
    scan.setup(sample_rows, None)
    first = [
        (number, scan(number - 1, list(row), None, header=True))
        for number, row in enumerate(sample_rows[:HEADER_SCAN_ROWS], 1)
    ]
    found = _find_header(kind, first)
    if found is None:
        handle.close()
        raise FileProblem(
            _("No column headers were recognized in the first rows (e.g. %(example)s).")
            % {"example": ", ".join(s.label for s in specs_for(kind) if s.required)}
        )
    header_row, cells = found
    headers = _headers(cells)
    cleaner = _Cleaner([], 0, kind)
    cleaner.setup(sample_rows, header_row)
    try:
        _check_csv_size(path, handle, dialect, header_row, max(len(r) for r in sample_rows))
    except FileProblem:
        handle.close()
        raise
    except (UnicodeDecodeError, csv.Error) as error:
        handle.close()
        raise FileProblem(
            _("The text of this file cannot be read: save it as CSV UTF-8.")
        ) from error
    handle.seek(0)
    reader = csv.reader(handle, dialect)
    size = max(path.stat().st_size, 1)
    lines_in_sample = max(sample.count("\n"), 1)
    estimate = int(size / max(len(sample.encode(encoding, "ignore")), 1) * lines_in_sample)
    table = Table(
        sheet="",
        sheets=[],
        headers=headers,
        header_row=header_row,
        total_estimate=max(estimate - header_row, 0),
        _close=handle.close,
    )

    def rows() -> Iterator[tuple[int, tuple]]:
        first_data = True
        number = 0
        try:
            for number, row in enumerate(reader, 1):
                if number <= header_row:
                    continue
                values = cleaner(number - 1, row, table.pending)
                if first_data and any(not _blank(v) for v in values):
                    first_data = False
                    if is_column_number_row(values, headers):
                        table.pending.clear()
                        table.notes.append(_number_row_note(number))
                        continue
                yield number, values
        except (UnicodeDecodeError, csv.Error) as error:
            raise _csv_problem(error, number + 1) from error

    table._rows = rows()
    if cleaner.encoding:
        table.notes.append(_encoding_note(cleaner, sample_rows, header_row))
    return table


def _check_csv_size(path: Path, handle, dialect, header_row: int, sample_width: int) -> None:
    """Rows and columns before the work starts: line breaks counted on the bytes (fast), rows
    counted exactly only when those are already over the limit (quoted line breaks)."""
    _check_size(0, sample_width)
    with path.open("rb") as raw:
        lines = sum(block.count(b"\n") for block in iter(lambda: raw.read(1 << 20), b""))
    if lines - header_row <= MAX_ROWS:
        return
    handle.seek(0)
    count = sum(1 for _row in csv.reader(handle, dialect))
    _check_size(count - header_row, 0)
