"""core.exports through XlsxWriter: the title block, the header and its frozen pane, Excel's
built-in number formats, real dates, formula neutralization, and a streamed response whose
temporary file is gone once sent. Files are read back with openpyxl and as raw XML."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import tracemalloc
import zipfile
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core import signals
from django.db import close_old_connections
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext

from dangvu.core.exports import (
    Column,
    Sheet,
    TitleBlock,
    sheet_name,
    write_workbook,
    write_xlsx,
    xlsx_bytes,
    xlsx_response,
)
from tests import xlsx_read

MADE = dt.date(2026, 3, 9)


def columns() -> list[Column]:
    return [
        Column("Họ và tên", lambda r: r["name"], width=30),
        Column("Ngày sinh", lambda r: r["born"], kind="date", width=12),
        Column("Số đảng viên", lambda r: r["count"], kind="int"),
        Column("Điểm", lambda r: r["score"], kind="decimal"),
        Column("Tỷ lệ", lambda r: r["share"], kind="percent"),
    ]


ROWS = [
    {"name": "Nguyễn Văn Đức", "born": dt.date(1980, 5, 17), "count": 1234, "score": Decimal("93.5"), "share": 0.1492},  # noqa: E501
    {"name": "Trần Thị Hoa", "born": None, "count": 7, "score": 80, "share": None},
]  # fmt: skip


def title_block() -> TitleBlock:
    return TitleBlock(
        "Đảng bộ xã An Bình",
        "Danh sách đảng viên",
        ["Từ 01/01/2026 đến 31/12/2026", "Giới tính: Nữ"],
        made_on=MADE,
    )


def test_the_title_block_sits_above_the_header_and_the_panes_freeze_below_it():
    ws = xlsx_read.sheet(xlsx_bytes(columns(), ROWS, sheet_title="DS", title_block=title_block()))
    assert xlsx_read.title_lines(ws) == [
        "Đảng bộ xã An Bình",
        "Danh sách đảng viên",
        "Từ 01/01/2026 đến 31/12/2026",
        "Giới tính: Nữ",
        gettext("Date made: %(date)s") % {"date": "09/03/2026"},
    ]
    # organization, title, 2 details, date made, a blank row, then the header on row 7
    assert xlsx_read.header_row(ws) == 7 and ws.freeze_panes == "B8"
    assert [c.value for c in ws[6]] == [None] * 6  # the blank row
    header = ws[7]
    assert [c.value for c in header] == [
        "STT",
        "Họ và tên",
        "Ngày sinh",
        "Số đảng viên",
        "Điểm",
        "Tỷ lệ",
    ]  # noqa: E501
    assert all(c.font.b for c in header)
    assert ws["A2"].font.b and ws["A2"].font.sz == 14  # the title
    assert {str(r) for r in ws.merged_cells.ranges} == {"A2:F2", "A3:F3", "A4:F4", "A5:F5"}
    assert ws.column_dimensions["B"].width == pytest.approx(30, abs=1)
    assert ws.print_title_rows == "$7:$7"  # the header printed on every page
    table = xlsx_read.table(ws)
    assert [row[0] for row in table[1:]] == [1, 2]  # STT
    assert ws.auto_filter.ref == "A7:F9"


def test_without_a_title_block_the_header_is_the_first_row():
    ws = xlsx_read.sheet(xlsx_bytes(columns(), ROWS, sheet_title="DS", numbered=False))
    assert ws.freeze_panes == "A2" and ws["A1"].value == "Họ và tên"
    assert xlsx_read.title_lines(ws) == []


def test_numbers_use_excels_built_in_formats_so_a_vietnamese_excel_shows_1_234():
    raw = xlsx_bytes(columns(), ROWS, sheet_title="DS", title_block=title_block())
    ws = xlsx_read.sheet(raw)
    cell = {c.column_letter: c for c in ws[8]}
    assert cell["D"].value == 1234 and cell["D"].number_format == "#,##0"
    assert cell["E"].value == 93.5 and cell["E"].number_format == "#,##0.00"
    assert cell["F"].value == pytest.approx(0.1492) and cell["F"].number_format == "0.00%"
    assert cell["A"].number_format == "General"
    # Built-in ids (3, 4, 10), not custom format strings: Excel localizes only those.
    styles = zipfile.ZipFile(io.BytesIO(raw)).read("xl/styles.xml").decode()
    custom = re.findall(r'<numFmt numFmtId="\d+" formatCode="([^"]*)"', styles)
    assert custom == ["dd/mm/yyyy"]  # the dates' only
    used = set(re.findall(r'<xf numFmtId="(\d+)"', styles))
    assert {"3", "4", "10"} <= used


def test_a_date_is_a_real_date_shown_dd_mm_yyyy():
    moment = timezone.make_aware(dt.datetime(2026, 1, 2, 23, 30), dt.UTC)
    rows = [{"name": "x", "born": dt.date(1980, 5, 17), "count": moment, "score": 0, "share": 0}]
    ws = xlsx_read.sheet(xlsx_bytes(columns(), rows, sheet_title="DS"))
    born = ws["C2"]
    assert born.is_date and born.value.date() == dt.date(1980, 5, 17)
    assert born.number_format == "dd/mm/yyyy"
    stamp = ws["D2"]  # an aware datetime: the local time, with hours
    assert stamp.is_date and stamp.number_format == "dd/mm/yyyy hh:mm"
    assert stamp.value == timezone.localtime(moment).replace(tzinfo=None)


@pytest.mark.parametrize("text", ["=1+1", "+84 912 345 678", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_text_a_spreadsheet_would_run_is_written_as_text(text):
    rows = [{"name": text, "born": None, "count": None, "score": None, "share": None}]
    block = TitleBlock(text, text, [text], made_on=MADE)
    header = [Column(text, lambda r: r["name"])]
    raw = xlsx_bytes(header, rows, sheet_title="DS", title_block=block)
    ws = xlsx_read.sheet(raw)
    header_row = xlsx_read.header_row(ws)
    expected = "'" + text.replace("\r", "\n")  # a lone CR is a line break, as XML reads it
    assert ws.cell(row=header_row + 1, column=2).value == expected
    assert ws.cell(row=header_row, column=2).value == expected  # the header too
    assert xlsx_read.title_lines(ws)[:3] == [expected] * 3
    sheet_xml = zipfile.ZipFile(io.BytesIO(raw)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml  # no formula anywhere


def test_control_characters_and_overlong_text_do_not_break_the_file():
    rows = [{"name": "Đức\x00\x07" + "x" * 40_000, "born": None, "count": None}]
    ws = xlsx_read.sheet(xlsx_bytes(columns()[:1], rows, sheet_title="DS"))
    value = ws["B2"].value
    assert value.startswith("Đức") and "\x00" not in value and len(value) == 32_767


def test_a_number_that_is_not_one_does_not_break_the_export():
    rows = [{"name": "x", "born": None, "count": float("nan"), "score": float("inf")}]
    ws = xlsx_read.sheet(xlsx_bytes(columns()[:4], rows, sheet_title="DS"))
    assert ws["D2"].value is None and ws["E2"].value is None and ws["B2"].value == "x"


def test_a_column_may_name_an_attribute_dotted_through_a_relation():
    rows = [
        SimpleNamespace(name="Chi bộ 1", parent=SimpleNamespace(name="Đảng bộ xã")),
        SimpleNamespace(name="Đảng bộ xã", parent=None),
    ]
    cols = [Column("Tên", "name"), Column("Cấp trên", "parent.name")]
    assert cols[1].get(rows[0]) == "Đảng bộ xã" and cols[1].get(rows[1]) is None
    ws = xlsx_read.sheet(xlsx_bytes(cols, rows, sheet_title="DS", numbered=False))
    assert xlsx_read.table(ws) == [
        ("Tên", "Cấp trên"),
        ("Chi bộ 1", "Đảng bộ xã"),
        ("Đảng bộ xã", None),
    ]  # noqa: E501


def test_sheets_get_names_excel_accepts_each_with_its_title_block(tmp_path):
    path = tmp_path / "nhieu.xlsx"
    block = title_block()
    counts = write_workbook(
        path,
        [
            Sheet("Tổng hợp: 2026/1", columns(), ROWS, title_block=block),
            Sheet("tổng hợp  2026 1", columns(), ROWS[:1]),
            Sheet("'" + "x" * 40, columns(), [], numbered=False),
        ],
    )
    assert list(counts.values()) == [2, 1, 0]
    book = xlsx_read.workbook(path)
    assert book.sheetnames == ["Tổng hợp  2026 1", "tổng hợp  2026 1 (2)", "x" * 31]
    assert xlsx_read.title_lines(book.worksheets[0])[0] == "Đảng bộ xã An Bình"
    assert book.worksheets[1].freeze_panes == "B2"
    assert sheet_name("a" * 31, ["A" * 31]) == "a" * 27 + " (2)"
    assert sheet_name("😀" * 20) == "😀" * 15  # 31 UTF-16 units at most, as Excel counts
    assert sheet_name("x" * 30 + "'y") == "x" * 30 and sheet_name("[]") == "Sheet"


def test_the_footer_comes_after_the_rows():
    ws = xlsx_read.sheet(
        xlsx_bytes(columns(), ROWS, sheet_title="DS", footer=[["Chỉ xuất 2 dòng đầu"]])
    )
    assert ws["A4"].value == "Chỉ xuất 2 dòng đầu" and ws.max_row == 4


def test_the_response_streams_a_temporary_file_that_is_gone_afterwards():
    response = xlsx_response(
        "ds.xlsx", columns(), ROWS, sheet_title="DS", title_block=title_block()
    )
    assert isinstance(response, FileResponse) and response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="ds.xlsx"'
    handle = response.file_to_stream
    descriptor = handle.fileno()
    assert os.fstat(descriptor).st_nlink == 0  # no name on disk: nothing to clean up later
    content = b"".join(response.streaming_content)
    # What the server does once sent (without the signal's database clean-up, as Django's
    # test client does): the file is closed, and with it the disk space freed.
    signals.request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        signals.request_finished.connect(close_old_connections)
    assert handle.closed
    assert xlsx_read.title_lines(xlsx_read.sheet(content))[1] == "Danh sách đảng viên"


def test_a_large_export_holds_constant_memory(tmp_path):
    """Constant-memory mode: rows leave memory as they are written. 10,000 rows of 6 cells
    take ~11 MB as XlsxWriter's in-memory cell table, under 1 MB streamed; the bound is 4 MB
    (memory, not time: timings belong to bench/)."""

    def rows():
        for n in range(10_000):
            yield {
                "name": f"Đảng viên số {n}",
                "born": dt.date(1950 + n % 50, 1 + n % 12, 1 + n % 28),
                "count": n,
                "score": n / 7,
                "share": n / 10_000,
            }

    tracemalloc.start()
    try:
        count = write_xlsx(tmp_path / "lon.xlsx", columns(), rows(), sheet_title="DS")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 10_000
    assert peak < 4 * 1024 * 1024, peak
    ws = xlsx_read.sheet(tmp_path / "lon.xlsx")
    assert ws.max_row == 10_001 and ws["B10001"].value == "Đảng viên số 9999"
