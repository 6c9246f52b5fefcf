"""Real office files through the real engine: .xlsx, the old .xls and .ods read by calamine,
hidden sheets, merged cells, a column-number row, the legacy TCVN3 and VNI-Windows encodings,
year-only dates, huge cells, zip bombs and the other limits, and the cap on stored problems."""

from __future__ import annotations

import csv
import datetime as dt
import io
import time
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlwt
from django.urls import reverse
from openpyxl import Workbook

from dangvu.core.exports import Column
from dangvu.core.exports import write_xlsx as export_xlsx
from dangvu.imports import legacy_fonts, reading
from dangvu.imports.engine import STORED_PROBLEMS
from dangvu.imports.models import ImportRun, RunStatus
from dangvu.imports.reading import open_table
from dangvu.members.models import Member

from .helpers import MEMBER_HEADERS, member_row, run_import, write_csv, write_xlsx

pytestmark = pytest.mark.django_db
COL = {h: i for i, h in enumerate(MEMBER_HEADERS)}


def rows_of(world, count: int, **override) -> list[list]:
    return [member_row(n, world.branch_a1.code, **override) for n in range(1, count + 1)]


def imported(run) -> list[str]:
    return sorted(Member.objects.filter(full_name__startswith="Nguyễn Văn Nhập").values_list(
        "full_name", flat=True
    ))  # fmt: skip


def errors(run) -> list[tuple[int, str, str]]:
    return [(p["row"], p["column"], p["message"]) for p in run.problems if p["severity"] == "error"]


def notes(run, severity="info") -> list[str]:
    return [p["message"] for p in run.problems if p["severity"] == severity]


# --- 1. calamine reads what openpyxl reads; .xls and .ods are accepted


def test_calamine_reads_the_values_openpyxl_reads(tmp_path):
    workbook = Workbook()
    ws = workbook.active
    ws.title = "Đảng viên"
    ws.append(["Họ và tên", "Ngày sinh", "Số", "Thực", "Đúng", "Giờ"])
    ws.append(["Nguyễn Văn Đức", dt.date(1980, 6, 16), 42, 1.5, True, dt.datetime(2022, 6, 16, 8)])
    ws.append(["Trần Thị Hoa", None, "001080000001", None, False])
    ws["C7"] = "cách dòng"  # a gap of rows and of cells
    path = tmp_path / "kieu.xlsx"
    workbook.save(path)
    table = open_table(path, "members")
    try:
        got = list(table.rows())
    finally:
        table.close()
    assert got[0] == (
        2,
        ("Nguyễn Văn Đức", dt.date(1980, 6, 16), 42, 1.5, True, dt.datetime(2022, 6, 16, 8)),
    )
    assert got[1][0] == 3 and got[1][1][:5] == ("Trần Thị Hoa", "", "001080000001", "", False)
    assert got[2][0] == 7 and got[2][1][2] == "cách dòng"
    assert table.sheet == "Đảng viên" and table.header_row == 1


def test_our_own_streamed_exports_read_back(tmp_path):
    path = tmp_path / "xuat.xlsx"
    rows = [("Họ và tên", "Ngày sinh"), ("Ơn", dt.date(2020, 2, 29)), ("Đức", None)]
    columns = [Column(str(i), lambda r, i=i: r[i]) for i in range(2)]
    export_xlsx(path, columns, rows, sheet_title="Đảng viên")
    table = open_table(path, "members")
    try:
        got = [values for _n, values in table.rows()]
        assert [v[-2:] for v in got] == [("Ơn", dt.date(2020, 2, 29)), ("Đức", "")]
    finally:
        table.close()


def test_an_old_xls_file_is_imported(world, tmp_path):
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Đảng viên")
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for c, header in enumerate(MEMBER_HEADERS):
        sheet.write(0, c, header)
    for r, row in enumerate(rows_of(world, 3), 1):
        for c, value in enumerate(row):
            if isinstance(value, dt.date):
                sheet.write(r, c, value, date_style)
            else:
                sheet.write(r, c, value)
    path = tmp_path / "cu.xls"
    book.save(str(path))
    run = run_import(path, org=world.commune_a, user=world.users.officer_a)
    assert run.status == RunStatus.DONE, run.problems
    assert imported(run) == [f"Nguyễn Văn Nhập {n}" for n in range(1, 4)]
    member = Member.objects.get(full_name="Nguyễn Văn Nhập 1")
    assert member.birth_date == rows_of(world, 1)[0][COL["Ngày sinh"]]


def _ods_cell(value) -> str:
    if isinstance(value, tuple):  # (rows spanned, text)
        rows, text = value
        return (
            f'<table:table-cell table:number-rows-spanned="{rows}" office:value-type="string">'
            f"<text:p>{text}</text:p></table:table-cell>"
        )
    if value is Ellipsis:  # covered by a merged cell above
        return "<table:covered-table-cell/>"
    if isinstance(value, dt.date):
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{value:%Y-%m-%d}">'
            f"<text:p>{value:%d/%m/%Y}</text:p></table:table-cell>"
        )
    if isinstance(value, int):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    text = "" if value is None else str(value)
    return (
        f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'
    )


def write_ods(path: Path, sheet: str, headers: list, rows: list[list]) -> Path:
    """A minimal OpenDocument spreadsheet written by hand (the format is zipped XML)."""
    body = "".join(
        "<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>"
        for row in [headers, *rows]
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{sheet}">{body}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.2"'
        ' manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"),
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return path


def test_an_ods_file_is_imported(world, tmp_path):
    path = write_ods(tmp_path / "ds.ods", "Đảng viên", MEMBER_HEADERS, rows_of(world, 2))
    assert reading.sniff_format(path.read_bytes()[:200]) == "ods"
    run = run_import(path, org=world.commune_a, user=world.users.officer_a)
    assert run.status == RunStatus.DONE, run.problems
    assert imported(run) == ["Nguyễn Văn Nhập 1", "Nguyễn Văn Nhập 2"]


# --- 2. hidden sheets are skipped, and the sheet read is named


def test_a_hidden_first_sheet_is_skipped_and_the_sheet_read_is_named(world, tmp_path):
    workbook = Workbook()
    hidden = workbook.active
    hidden.title = "Bản cũ"
    hidden.append(MEMBER_HEADERS)
    hidden.append(member_row(99, world.branch_a1.code))
    hidden.sheet_state = "hidden"
    visible = workbook.create_sheet("Danh sách 2025")
    visible.append(MEMBER_HEADERS)
    for row in rows_of(world, 2):
        visible.append(row)
    path = tmp_path / "an.xlsx"
    workbook.save(path)
    run = run_import(path, org=world.commune_a, user=world.users.officer_a)
    assert run.status == RunStatus.DONE, run.problems
    assert run.sheet == "Danh sách 2025"
    assert imported(run) == ["Nguyễn Văn Nhập 1", "Nguyễn Văn Nhập 2"]  # not 99
    [note] = notes(run)
    assert "«Danh sách 2025»" in note and "«Bản cũ»" in note


# --- 3. merged cells are filled down


def test_merged_branch_cells_are_filled_down(world, tmp_path):
    rows = rows_of(world, 5)
    for row in rows[1:3]:
        row[COL["Chi bộ"]] = None
    rows[3][COL["Chi bộ"]] = world.branch_a2.name
    rows[4][COL["Chi bộ"]] = None
    path = write_xlsx(tmp_path / "gop.xlsx", MEMBER_HEADERS, rows)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    letter = openpyxl.utils.get_column_letter(COL["Chi bộ"] + 1)
    sheet.merge_cells(f"{letter}2:{letter}4")  # rows 2–4: branch_a1
    sheet.merge_cells(f"{letter}5:{letter}6")  # rows 5–6: branch_a2
    workbook.save(path)
    run = run_import(path, org=world.commune_a, user=world.users.officer_a)
    assert run.status == RunStatus.DONE, run.problems
    branches = dict(
        Member.objects.filter(full_name__startswith="Nguyễn Văn Nhập").values_list(
            "full_name", "organization__name"
        )
    )
    a1, a2 = world.branch_a1.name, world.branch_a2.name
    assert branches == {f"Nguyễn Văn Nhập {n}": a1 if n <= 3 else a2 for n in range(1, 6)}


def test_headers_merged_over_two_rows_are_not_filled_into_the_data(world, tmp_path):
    path = write_xlsx(tmp_path / "tieu-de-2-dong.xlsx", MEMBER_HEADERS, rows_of(world, 2))
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    sheet.insert_rows(2)
    for col in range(1, len(MEMBER_HEADERS) + 1):
        letter = openpyxl.utils.get_column_letter(col)
        sheet.merge_cells(f"{letter}1:{letter}2")  # each header over rows 1–2
    workbook.save(path)
    run = run_import(path, org=world.commune_a, user=world.users.officer_a)
    assert run.status == RunStatus.DONE, run.problems
    assert imported(run) == ["Nguyễn Văn Nhập 1", "Nguyễn Văn Nhập 2"]
    assert not errors(run)


def test_merged_cells_of_an_ods_file_are_filled_down(world, tmp_path):
    rows = rows_of(world, 3)
    rows[0][COL["Chi bộ"]] = (3, world.branch_a2.name)
    rows[1][COL["Chi bộ"]] = ...
    rows[2][COL["Chi bộ"]] = ...
    path = write_ods(tmp_path / "gop.ods", "Đảng viên", MEMBER_HEADERS, rows)
    run = run_import(path, org=world.commune_a, user=world.users.officer_a)
    assert run.status == RunStatus.DONE, run.problems
    assert (
        Member.objects.filter(
            full_name__startswith="Nguyễn Văn Nhập", organization=world.branch_a2
        ).count()
        == 3
    )


# --- 4. a column-number row under the headers


@pytest.mark.parametrize("style", ["({})", "{}"])
def test_a_column_number_row_is_skipped(world, tmp_path, style):
    numbers = [style.format(n) for n in range(1, len(MEMBER_HEADERS) + 1)]
    if style == "{}":
        numbers = list(range(1, len(MEMBER_HEADERS) + 1))  # number cells
    path = write_xlsx(tmp_path / "so-cot.xlsx", MEMBER_HEADERS, [numbers, *rows_of(world, 2)])
    run = run_import(path, org=world.commune_a, user=world.users.officer_a)
    assert run.status == RunStatus.DONE, run.problems
    assert imported(run) == ["Nguyễn Văn Nhập 1", "Nguyễn Văn Nhập 2"]
    assert any(p["row"] == 2 and p["severity"] == "info" for p in run.problems)
    assert not errors(run)


def test_a_column_number_row_in_csv_and_a_real_first_row_is_not_one(world, tmp_path):
    numbers = [f"({n})" for n in range(1, len(MEMBER_HEADERS) + 1)]
    path = write_csv(tmp_path / "so-cot.csv", MEMBER_HEADERS, [numbers, *rows_of(world, 1)])
    run = run_import(path, org=world.commune_a, user=world.users.officer_a)
    assert run.status == RunStatus.DONE, run.problems
    assert reading.is_column_number_row(tuple(numbers), MEMBER_HEADERS)
    assert not reading.is_column_number_row(tuple(rows_of(world, 1)[0]), MEMBER_HEADERS)


# --- 5. legacy Vietnamese font encodings

TCVN3_HEADERS = {
    "Họ và tên": "Hä vµ tªn",
    "Ngày sinh": "Ngµy sinh",
    "Giới tính": "Giíi tÝnh",
    "Ngày vào Đảng": "Ngµy vµo §¶ng",
    "Chi bộ": "Chi bé",
    "Số CCCD": "Sè CCCD",
}
VNI_HEADERS = {
    "Họ và tên": "Hoï vaø teân",
    "Ngày sinh": "Ngaøy sinh",
    "Giới tính": "Giôùi tính",
    "Ngày vào Đảng": "Ngaøy vaøo Ñaûng",
    "Chi bộ": "Chi boä",
    "Số CCCD": "Soá CCCD",
}
NAMES = {  # Unicode → (TCVN3, VNI-Windows)
    "Nguyễn Văn Đức": ("NguyÔn V¨n §øc", "Nguyeãn Vaên Ñöùc"),
    "Trần Thị Hoa": ("TrÇn ThÞ Hoa", "Traàn Thò Hoa"),
    "Lý Thường Kiệt": ("Lý Th­êng KiÖt", "Lyù Thöôøng Kieät"),
    "Phạm Ngọc Thạch": ("Ph¹m Ngäc Th¹ch", "Phaïm Ngoïc Thaïch"),
}
BRANCH = {"Chi bộ thôn Đông": ("Chi bé th«n §«ng", "Chi boä thoân Ñoâng")}


@pytest.mark.parametrize(("encoding", "index", "label"), [("tcvn3", 0, "TCVN3"), ("vni", 1, "VNI")])
def test_legacy_encoded_names_and_headers_are_converted_with_a_warning(
    world, tmp_path, encoding, index, label
):
    assert world.branch_a1.name == "Chi bộ thôn Đông"
    legacy_headers = TCVN3_HEADERS if index == 0 else VNI_HEADERS
    headers = [legacy_headers.get(h, h) for h in MEMBER_HEADERS]
    rows = []
    for n, name in enumerate(NAMES, 1):
        row = member_row(n, world.branch_a1.code)
        row[COL["Họ và tên"]] = NAMES[name][index]
        row[COL["Chi bộ"]] = BRANCH["Chi bộ thôn Đông"][index]
        rows.append(row)
    path = write_xlsx(tmp_path / f"{encoding}.xlsx", headers, rows)
    run = run_import(path, org=world.commune_a, user=world.users.officer_a)
    assert run.status == RunStatus.DONE, run.problems
    stored = set(
        Member.objects.filter(organization=world.branch_a1, full_name__in=list(NAMES)).values_list(
            "full_name", flat=True
        )
    )
    assert stored == set(NAMES)
    for name in stored:
        assert unicodedata.is_normalized("NFC", name)
    [warning] = [m for m in notes(run, "warning") if label in m]
    first = next(iter(NAMES))
    assert f"«{NAMES[first][index]}» → «{first}»" in warning


def test_legacy_text_in_a_csv_saved_by_excel(world, tmp_path):
    """Excel saves a TCVN3 sheet as Windows-1252 bytes: read as such, then converted."""
    headers = ["STT", "Hä vµ tªn", "Ngµy sinh", "Giíi tÝnh", "Ngµy vµo §¶ng", "Sè CCCD", "Chi bé"]
    row = member_row(1, world.branch_a1.code)
    values = [1, "NguyÔn V¨n §øc", "1/1/1971"] + [
        row[COL[h]] for h in ("Giới tính", "Ngày vào Đảng", "Số CCCD", "Chi bộ")
    ]
    values[3] = "N÷"  # Nữ
    values[4] = row[COL["Ngày vào Đảng"]].strftime("%d/%m/%Y")
    values[5] = row[COL["Số CCCD"]][:3] + "1" + "71" + row[COL["Số CCCD"]][6:]  # a woman of 1971
    path = tmp_path / "abc.csv"
    with path.open("w", encoding="cp1252", newline="") as handle:
        csv.writer(handle).writerows([headers, values])
    run = run_import(path, org=world.commune_a, user=world.users.officer_a)
    assert run.status == RunStatus.DONE, run.problems
    member = Member.objects.get(citizen_id=values[5])
    assert member.full_name == "Nguyễn Văn Đức" and member.gender == "female"
    assert any("TCVN3" in m for m in notes(run, "warning"))


def test_ordinary_unicode_and_ascii_are_never_taken_for_legacy_text(world, tmp_path):
    ordinary = [
        "Nguyễn Văn Đức", "Lê Bá Hùng", "Tô Hoài", "Hà Nội", "Bế Văn Đàn", "Hoà Chí Minh",
        "Chi bộ thôn Đông", "Ngày vào Đảng", "Số CCCD", "Hello World", "STT", "Müller",
        "José Martí", "Café Ô Môn", "12/12", "0912 345 678",
    ]  # fmt: skip
    for text in ordinary:
        assert not legacy_fonts.converts_cleanly(text, legacy_fonts.TCVN3), text
        assert not legacy_fonts.converts_cleanly(text, legacy_fonts.VNI), text
    assert legacy_fonts.detect(ordinary) is None
    assert legacy_fonts.detect(["Lê Bá", "Tô Hoài", "Hà"]) is None  # Latin-1 letters only
    rows = rows_of(world, 2)
    rows[0][COL["Họ và tên"]] = "Lê Bá Hùng"
    rows[1][COL["Họ và tên"]] = "Tô Hoài"
    path = write_xlsx(tmp_path / "unicode.xlsx", MEMBER_HEADERS, rows)
    run = run_import(path, org=world.commune_a, user=world.users.officer_a)
    assert run.status == RunStatus.DONE, run.problems
    assert Member.objects.filter(full_name__in=["Lê Bá Hùng", "Tô Hoài"]).count() == 2
    assert not notes(run, "warning")


def _vietnamese_letters() -> list[str]:
    tones = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]
    bases = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
    lower = [unicodedata.normalize("NFC", b + t) for b in bases for t in tones] + ["đ"]
    return lower + [c.upper() for c in lower]


def test_the_tables_cover_every_vietnamese_letter():
    letters = _vietnamese_letters()
    assert len(letters) == 146  # 12 vowels × 6 tones + đ, in both cases
    tcvn3_values = set(legacy_fonts.TCVN3_TABLE.values())
    for letter in letters:
        if letter.islower() or letter in "ĂÂÊÔƠƯĐ":
            assert letter in tcvn3_values or letter in "aeiouy", letter
    # VNI: every letter is a base letter and marks, or one character of its own.
    inverse = {v: k for k, v in legacy_fonts.VNI_LETTERS.items()}

    def canonical(marks: str) -> str:  # NFD orders the dot below before the breve
        return unicodedata.normalize("NFD", "a" + marks)[1:]

    lower_marks = {canonical(v): k for k, v in legacy_fonts.VNI_MARKS.items() if k.islower()}
    upper_marks = {canonical(v): k for k, v in legacy_fonts.VNI_MARKS.items() if k.isupper()}
    for letter in letters:
        if letter in inverse:
            encoded = inverse[letter]
        else:
            parts = unicodedata.normalize("NFD", letter)
            base, combining = parts[0], parts[1:]
            if "\u031b" in combining:  # ơ ư: their own character, then the tone
                base = inverse[unicodedata.normalize("NFC", base + "\u031b")]
                combining = combining.replace("\u031b", "")
            table = upper_marks if letter.isupper() else lower_marks
            encoded = base + (table[combining] if combining else "")
        assert legacy_fonts.convert(encoded, legacy_fonts.VNI) == letter, (letter, encoded)
    # Known samples, and text typed in capitals.
    assert legacy_fonts.convert("NGUYÔN V¡N §øC", legacy_fonts.TCVN3) == "NGUYỄN VĂN ĐỨC"
    assert legacy_fonts.convert("NGUYEÃN VAÊN ÑÖÙC", legacy_fonts.VNI) == "NGUYỄN VĂN ĐỨC"
    assert legacy_fonts.convert("Tænh uûy Quaûng Trò", legacy_fonts.VNI) == "Tỉnh ủy Quảng Trị"
    assert legacy_fonts.convert("TØnh ñy Qu¶ng TrÞ", legacy_fonts.TCVN3) == "Tỉnh ủy Quảng Trị"


# --- 6. year-only and month/year dates


def test_year_only_and_month_year_dates_are_refused_with_row_and_column(world, tmp_path):
    rows = rows_of(world, 5)
    rows[0][COL["Ngày vào Đảng"]] = 1965  # a number cell: not an Excel day number
    rows[1][COL["Ngày vào Đảng"]] = "1965"
    rows[2][COL["Ngày sinh"]] = "3/1965"
    rows[3][COL["Ngày chính thức"]] = "03/1965"
    path = write_xlsx(tmp_path / "nam.xlsx", MEMBER_HEADERS, rows)
    before = Member.objects.count()
    run = run_import(path, org=world.commune_a, user=world.users.officer_a)
    assert run.status == RunStatus.INVALID and Member.objects.count() == before
    found = {(row, column): message for row, column, message in errors(run)}
    assert "«1965»" in found[(2, "Ngày vào Đảng")] and "dd/mm/yyyy" in found[(2, "Ngày vào Đảng")]
    assert "«1965»" in found[(3, "Ngày vào Đảng")]
    assert "«3/1965»" in found[(4, "Ngày sinh")]
    assert "«03/1965»" in found[(5, "Ngày chính thức")]
    assert not any("120" in message for message in found.values())
    assert not any(row == 6 for row, _column in found)  # the clean row
    # The same in csv (text cells).
    path = write_csv(tmp_path / "nam.csv", MEMBER_HEADERS, rows)
    run = run_import(path, org=world.commune_a, user=world.users.officer_a)
    found = {(row, column) for row, column, _m in errors(run)}
    assert {(2, "Ngày vào Đảng"), (3, "Ngày vào Đảng"), (4, "Ngày sinh")} <= found


# --- 7. every problem has its row and column


def test_a_huge_csv_cell_is_reported_with_its_row_and_column(world, tmp_path):
    rows = rows_of(world, 3)
    rows[1][COL["Nơi ở hiện nay"]] = "x" * 200_000  # beyond csv's own 128 KiB field limit
    path = write_csv(tmp_path / "o-lon.csv", MEMBER_HEADERS, rows)
    run = run_import(path, org=world.commune_a, user=world.users.officer_a)
    assert run.status == RunStatus.INVALID
    [(row, column, message)] = errors(run)
    assert (row, column) == (3, "Nơi ở hiện nay")
    assert "200.000" in message and "2.000" in message
    assert not Member.objects.filter(full_name__startswith="Nguyễn Văn Nhập").exists()


def test_a_long_cell_in_a_column_not_imported_is_only_a_warning(world, tmp_path):
    headers = [*MEMBER_HEADERS, "Ghi chú"]
    rows = [[*row, "y" * 3000] for row in rows_of(world, 1)]
    path = write_xlsx(tmp_path / "ghi-chu.xlsx", headers, rows)
    run = run_import(path, org=world.commune_a, user=world.users.officer_a)
    assert run.status == RunStatus.DONE, run.problems
    assert any(p["row"] == 2 and p["column"] == "Ghi chú" for p in run.problems)


# --- 8. limits, before the work starts


def _bomb(path: Path, unpacked_mb: int) -> Path:
    """An xlsx whose sheet XML is the same row many times over: it zips to almost nothing."""
    workbook = Workbook()
    workbook.active.title = "Đảng viên"
    workbook.active.append(MEMBER_HEADERS)
    workbook.save(path)
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    head = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    header = "<row>" + "".join(
        f'<c t="inlineStr"><is><t>{h}</t></is></c>' for h in MEMBER_HEADERS
    ) + "</row>"  # fmt: skip
    row = "<row>" + '<c t="inlineStr"><is><t>Nguyễn Văn A</t></is></c>' * 18 + "</row>"
    block = (row * 1000).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            if name != "xl/worksheets/sheet1.xml":
                target.writestr(name, data)
        with target.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write((head + header).encode())
            for _ in range(unpacked_mb * 1024 * 1024 // len(block)):
                sheet.write(block)
            sheet.write(b"</sheetData></worksheet>")
    return path


def test_a_zip_bomb_is_refused_at_once_and_nothing_is_written(world, tmp_path):
    path = _bomb(tmp_path / "bom.xlsx", 200)
    assert path.stat().st_size < 2 * 1024 * 1024
    before = Member.objects.count()
    started = time.perf_counter()
    run = run_import(path, org=world.commune_a, user=world.users.officer_a)
    assert time.perf_counter() - started < 5
    assert run.status == RunStatus.INVALID and Member.objects.count() == before
    assert run.problems[0]["row"] == 0 and str(reading.MAX_INFLATE_RATIO) in run.message


def test_row_column_and_size_limits_name_the_limit(world, tmp_path, monkeypatch):
    wide = write_xlsx(
        tmp_path / "rong.xlsx",
        [*MEMBER_HEADERS, *[f"Cột {n}" for n in range(reading.MAX_COLUMNS)]],
        rows_of(world, 1),
    )
    run = run_import(wide, org=world.commune_a, user=world.users.officer_a)
    assert run.status == RunStatus.INVALID and str(reading.MAX_COLUMNS) in run.message
    many = tmp_path / "dai.csv"
    with many.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(MEMBER_HEADERS)
        row = member_row(1, world.branch_a1.code)
        row[COL["Ngày sinh"]] = "1/1/1970"
        for _ in range(reading.MAX_ROWS + 1):
            writer.writerow(row)
    before = Member.objects.count()
    run = run_import(many, org=world.commune_a, user=world.users.officer_a)
    assert run.status == RunStatus.INVALID and "200.000" in run.message
    assert Member.objects.count() == before
    # The rows of a workbook, from its dimensions (a smaller limit for the test).
    monkeypatch.setattr(reading, "MAX_ROWS", 3)
    five = write_xlsx(tmp_path / "nam-dong.xlsx", MEMBER_HEADERS, rows_of(world, 5))
    run = run_import(five, org=world.commune_a, user=world.users.officer_a)
    assert run.status == RunStatus.INVALID and "5 " in run.message and "3 " in run.message
    assert Member.objects.count() == before
    # The unpacked size, checked on the zip's directory (a smaller limit for the test).
    monkeypatch.setattr(reading, "MAX_UNPACKED_BYTES", 1024 * 1024)
    big = _bomb(tmp_path / "to.xlsx", 2)
    run = run_import(big, org=world.commune_a, user=world.users.officer_a)
    assert run.status == RunStatus.INVALID and "1 MB" in run.message


# --- 9. a cap on stored problems


def test_stored_problems_are_capped_with_counts_by_kind(world, login, tmp_path):
    count = STORED_PROBLEMS + 300
    rows = rows_of(world, count, **{"Họ và tên": None, "Giới tính": "Khác"})
    path = write_csv(tmp_path / "nhieu-loi.csv", MEMBER_HEADERS, rows)
    run = run_import(path, org=world.commune_a, user=world.users.officer_a)
    assert run.status == RunStatus.INVALID
    listed = [p for p in run.problems if p["severity"] in ("error", "warning")]
    assert len(listed) == STORED_PROBLEMS
    assert listed[0]["row"] == 2 and max(p["row"] for p in listed) <= STORED_PROBLEMS // 2 + 2
    [summary] = [p for p in run.problems if p["severity"] == "omitted"]
    total = 2 * count - STORED_PROBLEMS
    assert summary["omitted"]["total"] == total and summary["omitted"]["errors"] == total
    kinds = {(k[1], k[3]) for k in summary["omitted"]["kinds"]}
    assert ("Họ và tên", total // 2) in kinds and ("Giới tính", total // 2) in kinds
    assert run.error_count == 2 * count
    assert f"{total:,}".replace(",", ".") in summary["message"]
    page = login(world.users.officer_a).get(reverse("imports:run", args=[run.pk]))
    assert 'id="omitted-problems"' in page.content.decode()
    assert summary["message"] in page.content.decode()


def test_the_problem_report_lists_the_notes(world, tmp_path):
    from dangvu.imports.report import write_report

    path = write_xlsx(tmp_path / "ds.xlsx", MEMBER_HEADERS, rows_of(world, 1))
    run = run_import(path, org=world.commune_a, user=world.users.officer_a)
    buffer = io.BytesIO()
    write_report(buffer, run)
    sheet = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()), read_only=True).worksheets[0]
    lines = list(sheet.iter_rows(values_only=True))
    assert any("«Đảng viên»" in str(cell) for line in lines[1:] for cell in line)


def test_the_upload_page_takes_an_ods_file(world, login, tmp_path):
    client = login(world.users.officer_a)
    form = client.get(reverse("imports:index")).content.decode()
    assert ".xls" in form and ".ods" in form
    path = write_ods(tmp_path / "ds.ods", "Đảng viên", MEMBER_HEADERS, rows_of(world, 1))
    with path.open("rb") as handle:
        response = client.post(
            reverse("imports:index"),
            {"kind": "members", "organization": world.commune_a.pk, "file": handle},
        )
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert 'id="mapping"' in page and "Số CCCD" in page
    run = ImportRun.objects.latest("pk")
    assert run.sheet == "Đảng viên" and run.status == RunStatus.UPLOADED
