"""The common layout of the HD 11-HD/BTCTW forms (R15.3): issuer lines at the top left, the form
code at the top right, the title with the period, the organization, header rows with merged
cells, the numbered column row, the rows, the signatures. One `FormTable` is written as xlsx
(XlsxWriter, constant-memory: rows strictly in order) and as a landscape PDF (the document
engine's renderer), so both show the same cells."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, BinaryIO

import xlsxwriter
from django.utils import timezone

from dangvu.core.documents import PartyDocument, date_line, issuer_for, render_pdf

from .conf import value as setting
from .periods import Period


class _NoData:
    """A cell the registry has no record for: printed as "chưa có dữ liệu", never as 0."""

    def __str__(self) -> str:
        return setting("no_data")

    def __repr__(self) -> str:
        return "NO_DATA"


NO_DATA = _NoData()


@dataclass(frozen=True)
class Column:
    label: str
    group: str = ""  # a header spanning consecutive columns of the same group
    width: int = 14
    kind: str = "int"  # "int", "percent", "text", "code"
    number: str = ""  # the numbered row ("1", "4 = 2*100/3")


@dataclass
class Row:
    number: str
    label: str
    values: list[Any]
    level: int = 0  # indentation of the label
    bold: bool = False
    key: str = ""  # a name unique in the form (the STT repeats: "1" under B and under C)


@dataclass
class FormTable:
    key: str  # "form-1"
    code: str  # "1-BTCTW"
    title: str
    organization: Any
    period: Period
    columns: list[Column]  # after the STT and label columns
    rows: list[Row]
    label_header: str = "Tiêu chí"
    notes: list[str] = field(default_factory=list)

    def cell(self, key: str, column: int = 0) -> Any:
        """The value of the row named `key` in data column `column` (tests, API)."""
        for row in self.rows:
            if row.key == key:
                return row.values[column]
        raise KeyError(key)

    def header_lines(self) -> tuple[list[str], str]:
        """The issuer block (superior, body, board line) and the form code line."""
        issuer = issuer_for(self.organization)
        lines = [issuer.superior] if issuer.superior else []
        lines.append(issuer.name)
        board = setting("board_line").get(str(self.organization.kind))
        if board:
            lines.append(board)
        return lines, f"Biểu số {self.code}"

    def display(self, value: Any, kind: str) -> str:
        if value is None:
            return ""
        if isinstance(value, _NoData) or isinstance(value, str):
            return str(value)
        if kind == "percent":
            return _vn(f"{value:,.2f}")
        if isinstance(value, float):  # a mean (age): one decimal
            return _vn(f"{value:,.1f}")
        return f"{value:,}".replace(",", ".")


def _vn(text: str) -> str:
    """1,234.5 → 1.234,5 (Vietnamese separators)."""
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def percent(this: int | None, last: int | None) -> float | str | None | _NoData:
    """Column 4 = col 2 × 100 / col 3, two decimals (R15.3); blank when last year is 0 [U]."""
    if isinstance(this, _NoData) or isinstance(last, _NoData):
        return NO_DATA
    if this is None or last is None:
        return None
    if not last:
        return setting("percent_when_zero") or None
    return round(this * 100 / last, 2)


def compare_columns() -> list[Column]:
    """Kỳ này | Cùng kỳ năm trước | % (R15.3), numbered 2 | 3 | 4 (=2*100/3)."""
    group = "Thực hiện"
    return [
        Column("Kỳ này", group, 13, number="2"),
        Column("Cùng kỳ năm trước", group, 13, number="3"),
        Column("(%) kỳ này so với cùng kỳ năm trước", "", 16, kind="percent", number="4 = 2*100/3"),
    ]


def compared(this: Any, last: Any) -> list[Any]:
    return [this, last, percent(this, last)]


# --- xlsx


def write_xlsx(form: FormTable, out: BinaryIO) -> None:
    """The form as one sheet laid out like the printed form (rows in order: constant memory)."""
    book = xlsxwriter.Workbook(out, {"constant_memory": True, "in_memory": False})
    sheet = book.add_worksheet(form.code[:31])
    font = {"font_name": "Times New Roman", "font_size": 12}
    f = {
        "plain": book.add_format(font),
        "center_bold": book.add_format({**font, "bold": True, "align": "center"}),
        "right_bold": book.add_format({**font, "bold": True, "align": "right"}),
        "title": book.add_format({**font, "bold": True, "font_size": 14, "align": "center"}),
        "center": book.add_format({**font, "align": "center"}),
        "italic": book.add_format({**font, "italic": True, "align": "center"}),
        "head": book.add_format(
            {
                **font,
                "bold": True,
                "align": "center",
                "valign": "vcenter",
                "text_wrap": True,
                "border": 1,
            }
        ),
        "numbered": book.add_format({**font, "italic": True, "align": "center", "border": 1}),
        "int": book.add_format({**font, "num_format": "#,##0", "border": 1}),
        "int_bold": book.add_format({**font, "num_format": "#,##0", "border": 1, "bold": True}),
        "percent": book.add_format({**font, "num_format": "0.00", "border": 1}),
        "mean": book.add_format({**font, "num_format": "#,##0.0", "border": 1}),
        "nodata": book.add_format(
            {**font, "italic": True, "font_color": "#666666", "align": "center", "border": 1}
        ),
        "text": book.add_format({**font, "border": 1, "text_wrap": True}),
        "code": book.add_format({**font, "border": 1, "align": "center"}),
    }
    labels = {
        level: (
            book.add_format({**font, "border": 1, "text_wrap": True, "indent": level}),
            book.add_format(
                {**font, "border": 1, "text_wrap": True, "indent": level, "bold": True}
            ),
        )
        for level in range(4)
    }
    last_col = len(form.columns) + 1
    sheet.set_column(0, 0, 6)
    sheet.set_column(1, 1, 52)
    for i, column in enumerate(form.columns, start=2):
        sheet.set_column(i, i, column.width)
    lines, code = form.header_lines()
    half = max(1, last_col // 2)
    r = 0
    # Issuer lines at the left, the form code at the right of the first row.
    for i, line in enumerate(lines):
        sheet.merge_range(r, 0, r, half, line, f["center_bold"])
        if i == 0:
            sheet.merge_range(r, half + 1, r, last_col, code, f["right_bold"])
        r += 1
    sheet.merge_range(r, 0, r, half, "*", f["center"])
    r += 2
    for text, style in (
        (form.title + " " + form.period.title(), "title"),
        (form.organization.name, "center_bold"),
        (form.period.window(), "italic"),
    ):
        sheet.merge_range(r, 0, r, last_col, text, f[style])
        r += 1
    r += 1
    head = r
    grouped = any(c.group for c in form.columns)
    # Header row 1: STT, label, the groups (merged across) and the ungrouped columns.
    sheet.write(head, 0, "STT", f["head"])
    sheet.write(head, 1, form.label_header, f["head"])
    vertical = [0, 1]
    col = 2
    while col <= last_col:
        column = form.columns[col - 2]
        if column.group:
            end = col
            while end + 1 <= last_col and form.columns[end + 1 - 2].group == column.group:
                end += 1
            if end > col:
                sheet.merge_range(head, col, head, end, column.group, f["head"])
            else:
                sheet.write(head, col, column.group, f["head"])
            col = end + 1
        else:
            sheet.write(head, col, column.label, f["head"])
            vertical.append(col)
            col += 1
    if grouped:
        # Constant memory refuses any write above the current row, and merge_range pads the
        # second row with formatted blanks (which would start it): merge with no format (an
        # unformatted blank is not written), then format the first cell, then the second row.
        for c in vertical:
            value = "STT" if c == 0 else form.label_header if c == 1 else form.columns[c - 2].label
            sheet.merge_range(head, c, head + 1, c, value, None)
            sheet.write(head, c, value, f["head"])
        for c in range(last_col + 1):
            if c in vertical:
                sheet.write_blank(head + 1, c, None, f["head"])
            else:
                sheet.write(head + 1, c, form.columns[c - 2].label, f["head"])
        r = head + 2
    else:
        r = head + 1
    sheet.set_row(head, 30)
    sheet.write(r, 0, "A", f["numbered"])
    sheet.write(r, 1, "1", f["numbered"])
    for c, column in enumerate(form.columns, start=2):
        sheet.write(r, c, column.number or str(c), f["numbered"])
    r += 1
    sheet.freeze_panes(r, 2)
    for row in form.rows:
        sheet.write(r, 0, row.number, f["code"])
        sheet.write(r, 1, row.label, labels[min(row.level, 3)][row.bold])
        for c, (value, column) in enumerate(zip(row.values, form.columns, strict=True), start=2):
            if isinstance(value, _NoData):
                sheet.write_string(r, c, str(value), f["nodata"])
            elif value is None or value == "":
                sheet.write_blank(r, c, None, f["int"])
            elif isinstance(value, str):
                sheet.write_string(r, c, value, f["text"])
            elif column.kind == "percent":
                sheet.write_number(r, c, value, f["percent"])
            elif isinstance(value, float):
                sheet.write_number(r, c, value, f["mean"])
            else:
                sheet.write_number(r, c, value, f["int_bold" if row.bold else "int"])
        r += 1
    r += 1
    for note in form.notes:
        sheet.merge_range(r, 0, r, last_col, note, f["plain"])
        r += 1
    r += 1
    sheet.merge_range(r, half + 1, r, last_col, _date_line(form), f["italic"])
    r += 1
    sheet.merge_range(r, 0, r, half, setting("maker_title"), f["center_bold"])
    sheet.merge_range(r, half + 1, r, last_col, setting("signer_title"), f["center_bold"])
    r += 1
    sheet.merge_range(r, 0, r, half, setting("maker_hint"), f["italic"])
    sheet.merge_range(r, half + 1, r, last_col, setting("signer_hint"), f["italic"])
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(head, head + (2 if grouped else 1))
    book.close()


def _date_line(form: FormTable) -> str:
    """The date line: blanks to fill in at signing ("………, ngày … tháng … năm 20…")."""
    place = issuer_for(form.organization).place or "………"
    return f"{place}, ngày … tháng … năm {timezone.localdate().year}"


# --- PDF


def form_pdf(form: FormTable) -> bytes:
    lines, code = form.header_lines()
    header_groups: list[tuple[str, int]] = []
    for column in form.columns:
        if column.group and header_groups and header_groups[-1][0] == column.group:
            header_groups[-1] = (column.group, header_groups[-1][1] + 1)
        elif column.group:
            header_groups.append((column.group, 1))
    rows = [
        {
            "number": row.number,
            "label": row.label,
            "level": row.level,
            "bold": row.bold,
            "cells": [
                {
                    "text": form.display(v, c.kind),
                    "nodata": isinstance(v, _NoData),
                }
                for v, c in zip(row.values, form.columns, strict=True)
            ],
        }
        for row in form.rows
    ]
    document = PartyDocument(title=f"{form.code} {form.period.code}", landscape=True)
    context = {
        "form": form,
        "issuer_lines": lines,
        "code_line": code,
        "grouped": bool(header_groups),
        "first_header": _first_header(form),
        "rows": rows,
        # The label column takes what the figures leave (a long criterion on one line).
        "label_width": max(30, 75 - 8 * len(form.columns)),
        "numbers": [c.number or str(i) for i, c in enumerate(form.columns, start=2)],
        "date_line": _date_line(form),
        "maker_title": setting("maker_title"),
        "maker_hint": setting("maker_hint"),
        "signer_title": setting("signer_title"),
        "signer_hint": setting("signer_hint"),
    }
    return render_pdf("reports/forms/form_pdf.html", context, document=document)


def _first_header(form: FormTable) -> list[dict]:
    """Header row 1 for the template: ungrouped columns span two rows, groups span columns."""
    cells: list[dict] = []
    for column in form.columns:
        if column.group and cells and cells[-1].get("group") == column.group:
            cells[-1]["colspan"] += 1
        elif column.group:
            cells.append({"group": column.group, "text": column.group, "colspan": 1})
        else:
            cells.append({"group": "", "text": column.label, "colspan": 1, "rowspan": True})
    return cells


__all__ = [
    "NO_DATA",
    "Column",
    "FormTable",
    "Row",
    "compare_columns",
    "compared",
    "date_line",
    "form_pdf",
    "percent",
    "write_xlsx",
]
