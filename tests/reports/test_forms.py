"""The statistics forms of HD 11-HD/BTCTW (rules-next.md §15; reports/forms): each form against a
hand-counted fixture, read back from the xlsx (openpyxl) and the PDF (pdftotext); form 1's
balance on the demo for every organization; periods; scope; the page and the command line.

The fixture (`forms_2025`) is the reports fixture (tests/reports/conftest.py, year 2025) plus,
written through the transfer services:
  - Đỗ Văn Tới arrives in branch_a1 from another province on 01/02/2025 (official; Catholic,
    farmer, 12/12, university, intermediate theory, born 01/01/1985, admitted 2010);
  - Ông Văn Chuyển (branch_a2, since 2005) moves officially to branch_b1: letter 01/03/2025,
    arrival 10/03/2025;
  - Đức goes temporarily to branch_b1: letter 01/05/2025, arrival 05/05/2025.

commune_a, 2025 (last year: 2024):
  A (31/12/2024) 7: Đức, Hoa, Lan, Chuyển and the three who left in 2025 (Tuấn, Khải, Sen).
  B 4 = admitted 3 (Mai 01/04, Nam 01/06, Bình 02/09) + arrived 1 (Tới);
  C 4 = deceased 1 (Sen) + expelled 1 (Khải) + struck off 1 (Tuấn, official) + departed 1
  (Chuyển); D = 7 + 4 − 4 = 7: Đức, Hoa, Lan, Bình, Mai, Nam, Tới. 2024: A = D = 7, no flow.
  D by the breakdowns on 31/12/2025: women 3 (Hoa, Lan, Mai); probationary 3 (Bình, Mai, Nam);
  minority 1 (Hoa, Tày); religious 1 (Tới); ages 24 (Bình), 26 (Mai), 27 (Nam), 33 (Hoa),
  40 (Tới), 45 (Đức, Lan) → ≤30: 3, 31–35: 1, 36–40: 1, 41–45: 2; mean 240/7 = 34.3; last
  year all 44 but Hoa 32 → mean 296/7 = 42.3 → 34.3 × 100 / 42.3 = 81.09 %.
  Grassroots on 31/12/2025: base_a (sector other: 2 branches, 6 members), school_a (school →
  public service, 1 member).
  Transfers: official out 1 (Chuyển), in 1 (Tới); temporary out 1 (Đức), in 0.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from dangvu.members import transfers
from dangvu.members.choices import TransferKind, TransferScope
from dangvu.reports.forms import FORMS, NO_DATA, build_form, form_pdf, parse_period, write_xlsx
from dangvu.reports.forms.form1 import terms
from dangvu.reports.forms.records import balance, scope_for
from tests.factories import MemberFactory
from tests.reports.conftest import add_year_2025

pytestmark = pytest.mark.django_db
ARTIFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artifacts" / "documents"
D = dt.date
NOW = D(2026, 12, 3)  # any day after 2025: the fixture's dates are all past
NO = "chưa có dữ liệu"


def add_transfers(world) -> None:
    transfers.receive_from_outside(
        user=world.users.secretary_a1,
        branch=world.branch_a1,
        from_party="Đảng bộ xã Tân Lập, tỉnh Khác",
        letter_number="88-GGT",
        issued_on=D(2024, 12, 1),
        received_on=D(2025, 2, 1),
        member_data={
            "full_name": "Đỗ Văn Tới",
            "birth_date": D(1985, 1, 1),
            "gender": "male",
            "admitted_on": D(2010, 2, 1),
            "recognized_on": D(2011, 2, 1),
            "status": "official",
            "religion": "catholic",
            "occupation": "farmer",
            "general_education": "12/12",
            "professional_level": "university",
            "theory_level": "intermediate",
        },
    )
    mover = MemberFactory(full_name="Ông Văn Chuyển", organization=world.branch_a2)
    moved = transfers.issue_transfer(
        user=world.users.officer_a,
        member=mover,
        kind=TransferKind.OFFICIAL,
        scope=TransferScope.WITHIN_PROVINCE,
        to_organization=world.branch_b1,
        letter_number="12-GGT/ĐU",
        issued_on=D(2025, 3, 1),
        issuing_body="Đảng ủy xã An Bình",
    )
    transfers.confirm_transfer(
        user=world.users.officer_b, transfer=moved, received_on=D(2025, 3, 10)
    )
    away = transfers.issue_transfer(
        user=world.users.officer_a,
        member=world.duc,
        kind=TransferKind.TEMPORARY,
        scope=TransferScope.WITHIN_PROVINCE,
        to_organization=world.branch_b1,
        letter_number="13-GGT/ĐU",
        issued_on=D(2025, 5, 1),
        until=D(2025, 11, 1),
        issuing_body="Đảng ủy xã An Bình",
    )
    transfers.confirm_transfer(user=world.users.officer_b, transfer=away, received_on=D(2025, 5, 5))


@pytest.fixture
def forms_2025(world):
    add_year_2025(world)
    add_transfers(world)
    return world


def period(code: str = "2025"):
    return parse_period(code, NOW)


def xlsx_of(form) -> bytes:
    out = io.BytesIO()
    write_xlsx(form, out)
    return out.getvalue()


def read_xlsx(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]


def body(ws) -> list[tuple]:
    """The table's rows below the frozen panes (STT, label, values…) up to the first blank."""
    first = int("".join(ch for ch in ws.freeze_panes if ch.isdigit()))
    rows = []
    for row in ws.iter_rows(min_row=first, values_only=True):
        if row[1] in (None, ""):
            break
        rows.append(row)
    return rows


def cells(rows, label: str, occurrence: int = 0) -> tuple:
    found = [r[2:] for r in rows if r[1] == label]
    return found[occurrence]


def pdf_text(content: bytes, name: str) -> str:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.pdf"
    path.write_bytes(content)
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "1",
                str(path),
                str(ARTIFACTS / name),
            ],
            check=True,
        )
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def squeeze(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


# ---- periods ----------------------------------------------------------------------------------


def test_r15_11_period_codes_and_their_boundaries():
    h1 = parse_period("2026H1", D(2026, 12, 3))
    assert (h1.start, h1.end, h1.on, h1.code) == (
        D(2026, 1, 1),
        D(2026, 6, 30),
        D(2026, 6, 30),
        "2026H1",
    )
    year = parse_period("2026", D(2026, 12, 3))
    assert (year.start, year.end, year.on) == (D(2026, 1, 1), D(2026, 12, 31), D(2026, 12, 3))
    assert not year.complete and "kỳ chưa kết thúc" in year.window()
    assert parse_period("2025", D(2026, 1, 1)).complete
    assert parse_period("2024-9M", D(2026, 1, 1)).end == D(2024, 9, 30)
    assert parse_period("2024q1", D(2026, 1, 1)).end == D(2024, 3, 31)
    # the first day of a period is enough; the day before it, the period has not begun
    assert parse_period("2027", D(2027, 1, 1)).on == D(2027, 1, 1)
    with pytest.raises(ValidationError) as error:
        parse_period("2027", D(2026, 12, 31))
    assert "period" in error.value.message_dict
    # the same period one year back, 29/02 → 28/02
    last = parse_period("2024", D(2024, 2, 29)).last_year()
    assert (last.start, last.on) == (D(2023, 1, 1), D(2023, 2, 28))
    assert parse_period("2026H1", D(2026, 12, 3)).last_year().end == D(2025, 6, 30)
    for bad in ("", "2026H3", "26H1", "1929", "2026-13", "abc"):
        with pytest.raises(ValidationError):
            parse_period(bad, D(2026, 12, 3))


def test_r15_3_percent_column_is_blank_when_last_year_is_zero():
    from dangvu.reports.forms.layout import percent

    assert percent(40, 32) == 125.00  # §18.14
    assert percent(3, 0) is None
    assert percent(NO_DATA, 3) is NO_DATA


# ---- form 1 -----------------------------------------------------------------------------------


def test_form_1_counts_the_hand_made_year_and_reads_back_from_the_xlsx(forms_2025):
    form = build_form("form-1", forms_2025.commune_a, period())
    ws = read_xlsx(xlsx_of(form))
    rows = body(ws)
    assert [r[0] for r in rows] == [
        "A", "B", "1", None, "2", "a", "b", "3", "C", "1", "2", "3", None, "4", "5", "a", "b", "D",
    ]  # fmt: skip
    assert cells(rows, "Đảng viên có trong danh sách đến cuối kỳ báo cáo trước") == (7, 7, 100)
    assert cells(rows, "Đảng viên tăng trong kỳ") == (4, 0, None)
    assert cells(rows, "Kết nạp") == (3, 0, None)
    assert cells(rows, "Trong đó: kết nạp lại") == (0, 0, None)
    assert cells(rows, "Chuyển đến") == (1, 0, None)
    assert cells(rows, "Từ tỉnh, thành phố khác") == (NO, NO, NO)
    assert cells(rows, "Phục hồi đảng tịch") == (0, 0, None)
    assert cells(rows, "Đảng viên giảm trong kỳ") == (4, 0, None)
    assert cells(rows, "Từ trần") == (1, 0, None)
    assert cells(rows, "Khai trừ") == (1, 0, None)
    assert cells(rows, "Xóa tên") == (1, 0, None)
    assert cells(rows, "Trong đó: đảng viên dự bị") == (0, 0, None)
    assert cells(rows, "Xin ra khỏi Đảng") == (0, 0, None)
    assert cells(rows, "Chuyển đi") == (1, 0, None)
    assert cells(rows, "Đảng viên có trong danh sách đến cuối kỳ báo cáo (D = A + B − C)") == (
        7,
        7,
        100,
    )
    # the layout: code at the top right, title with the period, merged headers, number formats
    assert ws["A1"].value == "ĐẢNG BỘ TỈNH THỬ NGHIỆM" and ws["A2"].value == "ĐẢNG ỦY XÃ AN BÌNH"
    assert "Biểu số 1-BTCTW" in [c.value for c in ws[1]]
    texts = [c.value for row in ws.iter_rows(max_row=12) for c in row if c.value]
    assert "THỐNG KÊ TĂNG, GIẢM ĐẢNG VIÊN NĂM 2025" in texts
    assert "Đảng bộ xã An Bình" in texts and "Từ ngày 01/01/2025 đến ngày 31/12/2025" in texts
    merged = {str(r) for r in ws.merged_cells.ranges}
    head = int("".join(ch for ch in ws.freeze_panes if ch.isdigit())) - 3
    assert {f"A{head}:A{head + 1}", f"B{head}:B{head + 1}", f"C{head}:D{head}"} <= merged
    assert (
        ws.cell(head, 3).value == "Thực hiện" and ws.cell(head + 1, 4).value == "Cùng kỳ năm trước"
    )
    assert [c.value for c in ws[head + 2]][:5] == ["A", "1", "2", "3", "4 = 2*100/3"]
    first = head + 3
    assert ws.cell(first, 3).number_format == "#,##0" and ws.cell(first, 5).number_format == "0.00"
    assert ws.freeze_panes == f"C{first}"


def test_form_1_pdf_reads_the_same_lines(forms_2025):
    form = build_form("form-1", forms_2025.commune_a, period())
    lines = squeeze(pdf_text(form_pdf(form), "form-1"))
    assert lines[0] == "ĐẢNG BỘ TỈNH THỬ NGHIỆM Biểu số 1-BTCTW"
    assert "THỐNG KÊ TĂNG, GIẢM ĐẢNG VIÊN NĂM 2025" in lines
    for expected in (
        "A Đảng viên có trong danh sách đến cuối kỳ báo cáo trước 7 7 100,00",
        "B Đảng viên tăng trong kỳ 4 0",
        "2 Chuyển đến 1 0",
        "a Từ tỉnh, thành phố khác chưa có dữ liệu chưa có dữ liệu chưa có dữ liệu",
        "C Đảng viên giảm trong kỳ 4 0",
        "D Đảng viên có trong danh sách đến cuối kỳ báo cáo (D = A + B − C) 7 7 100,00",
        "Kiểm tra: D = A + B − C: 7 + 4 − 4 = 7 (khớp).",
        "NGƯỜI LẬP BIỂU TRƯỞNG BAN",
    ):
        assert expected in lines, expected


def test_form_1_of_the_receiving_commune_counts_the_arrival(forms_2025):
    form = build_form("form-1", forms_2025.commune_b, period())
    # commune_b: Đức (other), Minh at the start, + Hải admitted, + Chuyển arrived, − Phúc
    assert [form.cell(k, 0) for k in ("A", "B1", "B2", "C3", "C5", "D")] == [3, 1, 1, 1, 0, 4]


def test_r15_4_form_1_reconciliation_of_the_guide_example():
    """§18.13: A = 1,000; admitted 40, transferred in 12 + 3, restored 1; died 9, expelled 2,
    struck off 5, left 1, transferred out 10 + 4 → D = 1,025; a roll of 1,024 is refused.
    (The balance holds by construction on the records, so the refusal is a guard.)"""
    from dangvu.reports.forms.form1 import reconciles

    terms_ = {"A": 1000, "B": 40 + 12 + 3 + 1, "C": 9 + 2 + 5 + 1 + 10 + 4}
    assert reconciles({**terms_, "D": 1025})
    assert not reconciles({**terms_, "D": 1024})


# ---- form 2 -----------------------------------------------------------------------------------


def test_form_2_newly_admitted_by_the_breakdowns(forms_2025):
    form = build_form("form-2", forms_2025.commune_a, period())
    rows = body(read_xlsx(xlsx_of(form)))
    assert cells(rows, "Tổng số đảng viên mới kết nạp") == (3, 0, None)
    assert cells(rows, "Trong đó: nữ") == (1, 0, None)
    assert cells(rows, "Người dân tộc thiểu số") == (0, 0, None)
    assert cells(rows, "Kết nạp lại") == (0, 0, None)
    assert cells(rows, "Đoàn viên Đoàn Thanh niên Cộng sản Hồ Chí Minh") == (NO, NO, NO)
    assert cells(rows, "Từ 18 đến 30 tuổi") == (3, 0, None)
    assert cells(rows, "Từ 31 đến 35 tuổi") == (0, 0, None)
    assert cells(rows, "Tuổi bình quân") == (25.7, None, None)  # (24 + 26 + 27) / 3
    assert cells(rows, "Khác") == (3, 0, None)
    assert cells(rows, "Cán bộ, công chức nhà nước từ cấp huyện trở lên") == (NO, NO, NO)
    assert cells(rows, "Phó giáo sư") == (NO, NO, NO)
    assert cells(rows, "Đảng bộ cơ sở") == (1, 1, 100)
    assert cells(rows, "Chi bộ cơ sở") == (1, 1, 100)
    # base_a admitted (branch_a1, branch_a2); school_a did not; last year nobody
    assert cells(rows, "Trong đó: có kết nạp đảng viên trong kỳ", 0) == (1, 0, None)
    assert cells(rows, "Trong đó: có kết nạp đảng viên trong kỳ", 1) == (0, 0, None)
    assert cells(rows, "Không còn quần chúng") == (NO, NO, NO)
    # the same members as form 1's B1
    assert form.cell("total") == terms(balance(scope_for(forms_2025.commune_a, period())))["B1"]
    lines = squeeze(pdf_text(form_pdf(form), "form-2"))
    assert "I Tổng số đảng viên mới kết nạp 3 0" in lines
    assert "- Tuổi bình quân 25,7" in lines


# ---- form 3 -----------------------------------------------------------------------------------


def test_form_3_the_membership_at_the_end_by_every_breakdown(forms_2025):
    form = build_form("form-3", forms_2025.commune_a, period())
    rows = body(read_xlsx(xlsx_of(form)))
    assert cells(rows, "Tổng số đảng viên có trong danh sách đến cuối kỳ") == (7, 7, 100)
    assert cells(rows, "Trong đó: đảng viên nữ") == (3, 2, 150)
    assert cells(rows, "Đảng viên dự bị") == (3, 1, 300)  # 2024: Lan (official from 01/02/2025)
    assert cells(rows, "Đảng viên là người dân tộc thiểu số") == (1, 1, 100)
    assert cells(rows, "Đảng viên theo tôn giáo") == (1, 0, None)
    assert cells(rows, "Đảng viên là đoàn viên thanh niên") == (NO, NO, NO)
    assert cells(rows, "Đang công tác, làm việc") == (7, 7, 100)
    assert cells(rows, "Nông dân, lâm nghiệp, ngư nghiệp") == (1, 0, None)
    assert cells(rows, "Khác") == (6, 7, 85.71)
    assert cells(rows, "Nghỉ hưu, nghỉ công tác") == (0, 0, None)
    assert cells(rows, "Từ 18 đến 30 tuổi") == (3, 0, None)
    assert cells(rows, "Từ 31 đến 35 tuổi") == (1, 1, 100)
    assert cells(rows, "Từ 36 đến 40 tuổi") == (1, 0, None)
    assert cells(rows, "Từ 41 đến 45 tuổi") == (2, 6, 33.33)
    assert cells(rows, "Tuổi bình quân") == (34.3, 42.3, 81.09)
    assert cells(rows, "Từ 01/5/1975 đến nay") == (7, 7, 100)
    assert cells(rows, "Trước ngày 19/8/1945") == (0, 0, None)
    assert cells(rows, "Trung học phổ thông") == (1, 0, None)
    assert cells(rows, "Biết đọc, biết viết") == (NO, NO, NO)
    assert cells(rows, "Đại học") == (1, 0, None)
    assert cells(rows, "Trung cấp", 1) == (1, 0, None)  # theory (0 is the professional row)
    assert cells(rows, "Trung cấp", 0) == (NO, NO, NO)
    assert cells(rows, "Giáo sư") == (NO, NO, NO)
    # form 3's total is form 1's D, for this year and the last
    d = build_form("form-1", forms_2025.commune_a, period())
    assert form.cell("total", 0) == d.cell("D", 0) and form.cell("total", 1) == d.cell("D", 1)
    lines = squeeze(pdf_text(form_pdf(form), "form-3"))
    assert "THỐNG KÊ ĐỘI NGŨ ĐẢNG VIÊN NĂM 2025" in lines
    assert "- Tuổi bình quân 34,3 42,3 81,09" in lines


def test_form_3_for_the_first_half_year_counts_on_30_june(forms_2025):
    form = build_form("form-3", forms_2025.commune_a, period("2025H1"))
    # 30/06/2025: Đức, Hoa, Lan, Mai, Nam, Tới (Bình comes on 02/09; Chuyển left in March)
    assert form.cell("total") == 6 and form.cell("total", 1) == 7
    assert form.period.title() == "6 THÁNG ĐẦU NĂM 2025"


# ---- forms 4, 5, 6, 7 -------------------------------------------------------------------------


def test_form_4_ethnic_groups_and_religions_with_members_only(forms_2025):
    form = build_form("form-4", forms_2025.commune_a, period())
    rows = body(read_xlsx(xlsx_of(form)))
    assert [r[1] for r in rows] == ["Dân tộc", "Kinh", "Tày", "Tôn giáo", "Công giáo"]
    assert cells(rows, "Dân tộc") == (7, 3, 100, 3, 1, 100)
    assert cells(rows, "Kinh") == (6, 2, 85.71, 3, 1, 100)
    assert cells(rows, "Tày") == (1, 1, 14.29, 0, 0, None)
    assert cells(rows, "Công giáo") == (1, 0, 14.29, 0, 0, None)
    assert cells(rows, "Tôn giáo") == (1, 0, 14.29, 0, 0, None)


def test_form_5_grassroots_by_type_of_unit(forms_2025):
    form = build_form("form-5", forms_2025.commune_a, period())
    rows = body(read_xlsx(xlsx_of(form)))
    assert cells(rows, "Loại hình khác") == (1, 1, 0, 0, 2, 6)
    assert cells(rows, "Công lập") == (1, 0, 1, 0, 0, 1)
    assert cells(rows, "Đơn vị sự nghiệp") == (1, 0, 1, 0, 0, 1)
    assert cells(rows, "Ngoài công lập") == (NO,) * 6
    assert cells(rows, "Xã") == (0,) * 6
    assert cells(rows, "Tổng số (1 + 2 + … + 11)") == (2, 1, 1, 0, 2, 7)
    assert "Thị trấn" not in [r[1] for r in rows]  # R15.8: no towns after 1/7/2025 (setting)
    lines = squeeze(pdf_text(form_pdf(form), "form-5"))
    assert "Tổng số (1 + 2 + … + 11) 2 1 1 0 2 7" in lines


def test_form_6_evaluation_levels_of_the_year(world):
    from tests.evaluations.test_results import build_results

    build_results(world)
    form = build_form("form-6", world.commune_a, period())
    rows = body(read_xlsx(xlsx_of(form)))
    # tests/evaluations/test_results.py: members 2 / 8 / 1 / 1 (12), 1 not rated; branches
    # branch_a1 excellent, branch_a2 good; grassroots base_a good, school_a excellent
    assert cells(rows, "Số đã được đánh giá, xếp loại") == (2, 100, 2, 100, 12, 100)
    assert cells(rows, "Hoàn thành xuất sắc nhiệm vụ") == (1, 50, 1, 50, 2, 16.67)
    assert cells(rows, "Hoàn thành tốt nhiệm vụ") == (1, 50, 1, 50, 8, 66.67)
    assert cells(rows, "Hoàn thành nhiệm vụ") == (0, None, 0, None, 1, 8.33)
    assert cells(rows, "Không hoàn thành nhiệm vụ") == (0, None, 0, None, 1, 8.33)
    assert cells(rows, "Chưa đánh giá, không xếp loại") == (NO, NO, NO, NO, 1, None)
    assert cells(rows, "Số đã kiểm điểm") == (NO,) * 6


def test_form_7_transfers_are_counted_and_awards_badges_cards_are_no_data(forms_2025):
    form = build_form("form-7", forms_2025.commune_a, period())
    rows = body(read_xlsx(xlsx_of(form)))
    assert cells(rows, "Giới thiệu đi", 0) == (1, 0, None)  # temporary: Đức
    assert cells(rows, "Tiếp nhận", 0) == (0, 0, None)
    assert cells(rows, "Giới thiệu đi", 1) == (1, 0, None)  # official: Chuyển
    assert cells(rows, "Tiếp nhận", 1) == (1, 0, None)  # Tới from another province
    assert cells(rows, "Huy hiệu 30 năm tuổi Đảng") == (NO, NO, NO)
    assert cells(rows, "Phát thẻ cho đảng viên chính thức") == (NO, NO, NO)
    assert cells(rows, "Khen thưởng đảng viên (bằng khen, giấy khen)") == (NO, NO, NO)
    b = build_form("form-7", forms_2025.commune_b, period())
    assert b.cell("in_official") == 1 and b.cell("in_temporary") == 1
    assert b.cell("out_official") == 0
    # the province: transfers inside it are not counted; the arrival from outside is
    province = build_form("form-7", forms_2025.province, period())
    assert [province.cell(k) for k in ("out_official", "in_official", "out_temporary")] == [0, 1, 0]


def test_form_7_official_transfers_are_form_1s_arrivals_and_departures(forms_2025):
    """The registry's facts, whatever wrote them: form 7's official transfers are the balance's
    B2 and C5 for every organization (an imported history has no transfer records)."""
    from dangvu.organizations.models import Organization

    for org in Organization.objects.all():
        one, seven = build_form("form-1", org, period()), build_form("form-7", org, period())
        assert seven.cell("in_official") == one.cell("B2"), org.name
        assert seven.cell("out_official") == one.cell("C5"), org.name


def test_every_form_renders_as_xlsx_and_pdf_with_its_code(forms_2025):
    for key in FORMS:
        form = build_form(key, forms_2025.commune_a, period("2025H1"))
        ws = read_xlsx(xlsx_of(form))
        assert f"Biểu số {form.code}" in [c.value for c in ws[1]]
        assert body(ws)
        text = pdf_text(form_pdf(form), key)
        assert f"Biểu số {form.code}" in text and "6 THÁNG ĐẦU NĂM 2025" in text


# ---- pages and scope --------------------------------------------------------------------------


def test_the_forms_page_lists_the_seven_forms_and_downloads_them(forms_2025, login):
    client = login(forms_2025.users.officer_a)
    response = client.get(reverse("reports:forms") + "?org=XA&period=2025")
    assert response.status_code == 200
    html = response.content.decode()
    for key in FORMS:
        assert f'data-form="{key}"' in html
    assert "Bình Minh" not in html
    url = reverse("reports:form_download", args=["form-1", "xlsx"])
    response = client.get(url + "?org=XA&period=2025")
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert cells(body(read_xlsx(content)), "Đảng viên tăng trong kỳ") == (4, 0, None)
    response = client.get(
        reverse("reports:form_download", args=["form-3", "pdf"]) + "?org=XA&period=2025"
    )
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    dashboard = client.get(reverse("reports:dashboard") + "?year=2025").content.decode()
    assert reverse("reports:forms") in dashboard


def test_a_commune_cannot_get_another_communes_form(forms_2025, login):
    client = login(forms_2025.users.officer_a)
    for fmt in ("xlsx", "pdf"):
        url = reverse("reports:form_download", args=["form-1", fmt])
        assert client.get(url + "?org=XB&period=2025").status_code == 404
        assert client.get(url + f"?org={forms_2025.commune_b.pk}&period=2025").status_code == 404
    assert client.get(reverse("reports:form_download", args=["form-9", "xlsx"])).status_code == 404
    # the province sees both
    client = login(forms_2025.users.provincial)
    url = reverse("reports:form_download", args=["form-1", "xlsx"])
    assert client.get(url + "?org=XB&period=2025").status_code == 200
    # a plain member sees no report
    client = login(forms_2025.users.member_a1)
    assert client.get(reverse("reports:forms")).status_code == 403


def test_bad_period_or_organization_shows_a_message_never_a_500(forms_2025, login):
    client = login(forms_2025.users.officer_a)
    url = reverse("reports:form_download", args=["form-1", "xlsx"])
    response = client.get(url + "?org=XA&period=2026H3")
    assert response.status_code == 400
    html = response.content.decode()
    assert gettext("Enter the period as a year (2026) or 2026H1, 2026Q1, 2026-9M.") in html
    future = timezone.localdate().year + 1
    response = client.get(reverse("reports:forms") + f"?org=XA&period={future}")
    assert response.status_code == 400
    assert gettext("This period has not begun yet.") in response.content.decode()
    response = client.get(reverse("reports:forms") + "?org=XB&period=2025")
    assert response.status_code == 400
    assert gettext("There is no organization with this id or code in your scope.") in (
        response.content.decode()
    )
    response = client.get(url + "?org=XA&period=1999")  # commune_a was founded in 2000
    assert response.status_code == 400
    message = gettext("This organization did not exist on %(date)s.") % {"date": "31/12/1999"}
    assert message in response.content.decode()


# ---- the command line -------------------------------------------------------------------------


def test_the_command_line_writes_a_form(forms_2025, tmp_path, capsys):
    out = tmp_path / "form1.xlsx"
    call_command("report", "form-1", org="XA", period="2025", format="xlsx", out=str(out))
    assert cells(body(read_xlsx(out.read_bytes())), "Kết nạp") == (3, 0, None)
    pdf = tmp_path / "form3.pdf"
    call_command("report", "form-3", org="XA", period="2025H1", format="pdf", out=str(pdf))
    assert "THỐNG KÊ ĐỘI NGŨ ĐẢNG VIÊN 6 THÁNG ĐẦU NĂM 2025" in pdf_text(pdf.read_bytes(), "cli-3")
    with pytest.raises(CommandError, match="period"):
        call_command("report", "form-1", org="XA", period="2025H7", format="xlsx")
    with pytest.raises(CommandError, match="org"):
        call_command("report", "form-1", org="NOPE", period="2025", format="xlsx")
    # the existing reports still work
    json_out = tmp_path / "d.json"
    call_command("report", "members", org="XA", year="2025", format="json", out=str(json_out))
    assert json_out.exists()
