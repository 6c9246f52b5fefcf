"""Validation first: a workbook with every kind of defect is reported row by row and column by
column, and nothing is written (not even the valid rows) unless asked."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.translation import gettext

from dangvu.imports.models import ImportRun, RunStatus
from dangvu.imports.report import write_report
from dangvu.members.models import Member, Placement
from tests import xlsx_read

from .helpers import MEMBER_HEADERS, cccd, member_row, run_import, write_csv, write_xlsx

pytestmark = pytest.mark.django_db

COL = {h: i for i, h in enumerate(MEMBER_HEADERS)}


def defect_rows(world) -> tuple[list[list], dict[int, str]]:
    """Rows with one defect each, and the column each defect must be reported in."""
    code = world.branch_a1.code
    rows: list[list] = []
    expected: dict[int, str] = {}

    def add(column: str | None, **override):
        rows.append(member_row(len(rows) + 1, code, **override))
        if column:
            expected[len(rows) + 1] = column  # +1: the header is row 1

    add(None)  # row 2: clean
    add("Họ và tên", **{"Họ và tên": None})
    add("Ngày sinh", **{"Ngày sinh": "31/02/1980"})
    add("Ngày vào Đảng", **{"Ngày sinh": dt.date(1980, 1, 1), "Ngày vào Đảng": dt.date(1979, 1, 1)})
    add("Ngày chính thức", **{"Ngày chính thức": dt.date(1990, 1, 1)})
    add("Số CCCD", **{"Số CCCD": "00108012345"})  # 11 digits
    add("Số CCCD", **{"Số CCCD": "999080123456"})  # not a province code
    dup = cccd(dt.date(1981, 2, 2), False, 777777)
    birth = dt.date(1981, 2, 2)
    add("Số CCCD", **{"Số CCCD": dup, "Ngày sinh": birth, "Ngày vào Đảng": dt.date(2006, 1, 1)})
    add("Số CCCD", **{"Số CCCD": dup, "Ngày sinh": birth, "Ngày vào Đảng": dt.date(2006, 1, 1)})
    add("Số CCCD", **{"Số CCCD": world.minh.citizen_id})  # registered in commune_b
    add("Số CCCD", **{"Số thẻ đảng viên": world.duc.card_number})  # Đức's card, other CCCD
    add("Chi bộ", **{"Chi bộ": "Chi bộ không có"})
    add("Chi bộ", **{"Chi bộ": world.base_a.code})  # not a branch
    add(
        "Ngày vào Đảng",
        **{
            "Ngày sinh": dt.date(2010, 1, 1),
            "Ngày vào Đảng": dt.date(2025, 1, 1),
            "Ngày chính thức": dt.date(2026, 1, 1),
            "Số CCCD": cccd(dt.date(2010, 1, 1), False, 888888),
        },
    )  # 15 years old: R2.1
    add("Ngày sinh", **{"Ngày sinh": dt.date(1850, 1, 1)})
    add("Họ và tên", **{"Họ và tên": '=HYPERLINK("http://x.example/","Bấm vào")'})
    add("Giới tính", **{"Giới tính": "Khác"})
    add("Số CCCD", **{"Giới tính": "Nữ"})  # the CCCD says male
    add("Ngày vào Đảng", **{"Ngày vào Đảng": "hôm qua"})
    add("Số thẻ đảng viên", **{"Số thẻ đảng viên": "12AB"})
    add("Số CCCD", **{"Số CCCD": None, "Số thẻ đảng viên": None})  # cannot be matched later
    return rows, expected


def test_every_defect_is_reported_with_row_and_column_and_nothing_is_written(world, tmp_path):
    rows, expected = defect_rows(world)
    path = write_xlsx(tmp_path / "loi.xlsx", MEMBER_HEADERS, rows)
    members, placements = Member.objects.count(), Placement.objects.count()
    run = run_import(path, org=world.commune_a, user=world.users.officer_a)
    assert run.status == RunStatus.INVALID
    assert Member.objects.count() == members and Placement.objects.count() == placements
    errors = {}
    for p in run.problems:
        if p["severity"] == "error":
            errors.setdefault(p["row"], set()).add(p["column"])
    for row, column in expected.items():
        assert column in errors.get(row, set()), (row, column, run.problems)
    assert 2 not in errors  # the clean row
    assert run.invalid == len(expected)
    assert run.created == 1  # what "import only the valid rows" would create
    # The report as xlsx has every problem with its row and column.
    buffer = io.BytesIO()
    write_report(buffer, run)
    sheet = xlsx_read.sheet(buffer.getvalue())
    lines = xlsx_read.table(sheet)
    assert len(lines) == 1 + len(run.problems)
    assert xlsx_read.title_lines(sheet)[:3] == [
        world.commune_a.name,
        gettext("Problems found"),
        gettext("File: %(name)s") % {"name": "loi.xlsx"},
    ]
    assert any(line[1] == 13 and line[2] == "Chi bộ" for line in lines[1:])


def test_import_only_the_valid_rows(world, tmp_path):
    rows, expected = defect_rows(world)
    path = write_xlsx(tmp_path / "loi.xlsx", MEMBER_HEADERS, rows)
    before = Member.objects.count()
    run = run_import(path, org=world.commune_a, user=world.users.officer_a, valid_only=True)
    assert run.status == RunStatus.DONE
    assert Member.objects.count() == before + 1
    assert Member.objects.filter(full_name="Nguyễn Văn Nhập 1").exists()


def test_a_formula_is_refused_and_never_stored(world, tmp_path):
    row = member_row(1, world.branch_a1.code, **{"Họ và tên": '=HYPERLINK("http://x/","A")'})
    path = write_csv(tmp_path / "f.csv", MEMBER_HEADERS, [row])
    run = run_import(path, org=world.commune_a, user=world.users.officer_a, valid_only=True)
    assert any("công thức" in p["message"] for p in run.problems)
    assert not Member.objects.filter(full_name__startswith="=").exists()


def test_numeric_cccd_cells_get_their_zeros_back_with_a_warning(world, tmp_path):
    row = member_row(1, world.branch_a1.code)
    number = row[COL["Số CCCD"]]
    row[COL["Số CCCD"]] = int(number)  # what Excel does to a "number" column
    row[COL["Số thẻ đảng viên"]] = 1234567
    path = write_xlsx(tmp_path / "so.xlsx", MEMBER_HEADERS, [row])
    run = run_import(path, org=world.commune_a, user=world.users.officer_a)
    assert run.status == RunStatus.DONE, run.problems
    member = Member.objects.get(full_name="Nguyễn Văn Nhập 1")
    assert member.citizen_id == number and member.citizen_id.startswith("00")
    warned = {p["column"] for p in run.problems if p["severity"] == "warning"}
    assert {"Số CCCD", "Số thẻ đảng viên"} <= warned


def test_an_empty_file_and_a_file_that_is_not_a_spreadsheet(world, tmp_path):
    empty = tmp_path / "rong.xlsx"
    empty.write_bytes(b"")
    run = run_import(empty, org=world.commune_a, user=world.users.officer_a)
    assert run.status == RunStatus.INVALID and run.problems[0]["row"] == 0
    pdf = tmp_path / "bao-cao.xlsx"
    pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    run = run_import(pdf, org=world.commune_a, user=world.users.officer_a)
    assert run.status == RunStatus.INVALID
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    run = run_import(broken, org=world.commune_a, user=world.users.officer_a)
    assert run.status == RunStatus.INVALID and "xlsx" in run.problems[0]["message"]
    headers_only = write_xlsx(tmp_path / "chi-tieu-de.xlsx", MEMBER_HEADERS, [])
    run, count = None, Member.objects.count()
    run = run_import(headers_only, org=world.commune_a, user=world.users.officer_a)
    assert run.status == RunStatus.INVALID and Member.objects.count() == count


def test_a_wrong_sheet(world, tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Tổ chức"
    workbook.active.append(["Mã", "Tên tổ chức", "Loại"])
    workbook.active.append(["X1", "Chi bộ 1", "Chi bộ"])
    path = tmp_path / "sai-sheet.xlsx"
    workbook.save(path)
    run = run_import(path, org=world.commune_a, user=world.users.officer_a)
    assert run.status == RunStatus.INVALID
    assert "Tổ chức" in run.problems[0]["message"]  # names the sheets it found
    good = write_xlsx(tmp_path / "ds.xlsx", MEMBER_HEADERS, [member_row(1, world.branch_a1.code)])
    run = run_import(good, org=world.commune_a, user=world.users.officer_a, sheet="Không có")
    assert run.status == RunStatus.INVALID and "Không có" in run.problems[0]["message"]


def test_the_command_line_reports_and_writes_nothing_on_errors(world, tmp_path, capsys):
    rows, _expected = defect_rows(world)
    path = write_xlsx(tmp_path / "loi.xlsx", MEMBER_HEADERS, rows)
    report = tmp_path / "bao-cao.xlsx"
    before = Member.objects.count()
    with pytest.raises(CommandError):
        call_command("import", "members", str(path), "--org", "XA", "--report", str(report))
    out = capsys.readouterr().out
    assert "12" in out and "Chi bộ" in out
    assert report.exists() and Member.objects.count() == before
    run = ImportRun.objects.latest("pk")
    assert run.status == RunStatus.INVALID and run.created_by is None


def test_the_command_line_dry_run_then_import(world, tmp_path, capsys):
    rows = [member_row(n, world.branch_a1.code) for n in range(1, 4)]
    path = write_csv(tmp_path / "ds.csv", MEMBER_HEADERS, rows)
    before = Member.objects.count()
    call_command("import", "members", str(path), "--org", "XA", "--dry-run")
    assert Member.objects.count() == before
    assert "3" in capsys.readouterr().out
    call_command("import", "members", str(path), "--org", "XA", "--user", "xa_a")
    assert Member.objects.count() == before + 3
    with pytest.raises(CommandError):
        call_command("import", "members", str(path), "--org", "XA", "--user", "xa_b")


def test_an_unknown_header_can_be_mapped_by_hand(world, tmp_path):
    headers = list(MEMBER_HEADERS)
    headers[COL["Họ và tên"]] = "Tên gọi đầy đủ"
    path = write_csv(tmp_path / "la.csv", headers, [member_row(1, world.branch_a1.code)])
    run = run_import(path, org=world.commune_a, user=world.users.officer_a)
    assert run.status == RunStatus.INVALID
    assert any("Họ và tên" in p["message"] for p in run.problems)
    before = Member.objects.count()
    call_command("import", "members", str(path), "--org", "XA", "--map", "Tên gọi đầy đủ=full_name")
    assert Member.objects.count() == before + 1


def test_R2_1_an_admission_before_the_minimum_age_is_refused(world, tmp_path):
    from dangvu.admissions.rules import ProfileHistory as _Profiles
    from dangvu.admissions.rules import admission_age_problem as check_admission_age
    from dangvu.core.profiles import publish_profile

    profiles = _Profiles()
    birth = dt.date(2000, 5, 10)
    assert check_admission_age(birth, dt.date(2018, 5, 10), profiles) is None  # 216 months
    assert "215" in check_admission_age(birth, dt.date(2018, 5, 9), profiles)
    # The number comes from the rule profile in force on the admission date.
    publish_profile(
        values={"admission.min_age_months": 228},
        valid_from=dt.date(2018, 1, 1),
        note="thử",
        user=world.users.admin,
    )
    profiles = _Profiles()
    assert check_admission_age(birth, dt.date(2018, 5, 10), profiles) is not None
    assert check_admission_age(birth, dt.date(2017, 5, 10), profiles) is not None  # 204 < 216
