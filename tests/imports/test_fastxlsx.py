"""The fast xlsx reader reads what openpyxl reads: strings (shared and inline), numbers,
booleans, dates by their format, formulas as "=…", gaps between cells and rows."""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook, load_workbook

from dangvu.core.exports import Column, write_xlsx
from dangvu.imports.fastxlsx import Book


def openpyxl_rows(path, sheet):
    ws = load_workbook(path, read_only=True, data_only=False)[sheet]
    rows = []
    for number, row in enumerate(ws.iter_rows(values_only=True), 1):
        values = list(row)
        while values and values[-1] is None:
            values.pop()
        if values:
            rows.append((number, tuple(values)))
    return rows


def fast_rows(path, sheet):
    book = Book(path)
    try:
        return [(n, tuple(v)) for n, v in book.rows(sheet)]
    finally:
        book.close()


def test_the_same_values_as_openpyxl(tmp_path):
    workbook = Workbook()
    ws = workbook.active
    ws.title = "Đảng viên"
    ws.append(["Họ và tên", "Ngày sinh", "Số", "Thực", "Đúng", "Công thức", "Giờ"])
    ws.append(
        [
            "Nguyễn Văn Đức",
            dt.date(1980, 6, 16),
            42,
            1.5,
            True,
            "=1+1",
            dt.datetime(2022, 6, 16, 8, 30),
        ]
    )
    ws.append(["Trần Thị Hoa", None, "001080000001", None, False, '=HYPERLINK("http://x/","A")'])
    ws["C7"] = "cách dòng"  # a gap of rows and of cells
    ws["B5"] = dt.date(2001, 1, 2)
    ws["B5"].number_format = "DD/MM/YYYY"
    second = workbook.create_sheet("Khác")
    second.append(["x", 1])
    path = tmp_path / "kieu.xlsx"
    workbook.save(path)
    for sheet in ("Đảng viên", "Khác"):
        assert fast_rows(path, sheet) == openpyxl_rows(path, sheet)


def test_our_own_streamed_exports_read_back(tmp_path):
    path = tmp_path / "xuat.xlsx"
    rows = [("=cmd|x", dt.date(2020, 2, 29), 7, "0012"), ("Ơn", None, 3.25, "")]
    columns = [Column(str(i), lambda r, i=i: r[i]) for i in range(4)]
    write_xlsx(path, columns, rows, sheet_title="Danh sách")
    assert fast_rows(path, "Danh sách") == openpyxl_rows(path, "Danh sách")
