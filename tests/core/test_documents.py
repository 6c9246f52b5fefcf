"""The document engine (issue 13, rules-next.md §14 and the §18 cases 1–4): number and
symbol, date line, signature, the register (numbers per kind and term, no gaps, no
duplicates under concurrent issue), PDF and DOCX read back."""

from __future__ import annotations

import datetime as dt
import io
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection
from docx import Document as Docx
from pypdf import PdfReader

from dangvu.core.documents import (
    date_line,
    document_docx,
    document_pdf,
    field_line,
    frame_for,
    issuer_for,
    p,
    signer_for,
    table,
    validate_authority,
    validate_number,
)
from dangvu.core.documents.register import cancel, issue, reprint
from dangvu.core.models import DocumentIssuer, RegisteredDocument
from dangvu.organizations.models import CommitteeSeat, Term
from tests.factories import Kind, MemberFactory, make_org


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def docx_text(content: bytes) -> str:
    doc = Docx(io.BytesIO(content))
    lines = []

    def walk(container):
        for par in container.paragraphs:
            lines.append(par.text)
        for tbl in container.tables:
            for row in tbl.rows:
                for cell in row.cells:
                    walk(cell)

    walk(doc)
    return "\n".join(lines)


@pytest.fixture
def ward(db):
    province = make_org(None, "Đảng bộ tỉnh Thử Nghiệm", Kind.PROVINCE_COMMITTEE)
    ward = make_org(province, "Đảng bộ phường Thanh Phong", Kind.COMMUNE_COMMITTEE)
    ward.refresh_from_db()
    return ward


@pytest.fixture
def cell(ward):
    cell = make_org(ward, "Chi bộ khu phố 3", Kind.BASE_BRANCH)
    cell.refresh_from_db()
    return cell


# --- R14.7/R14.8 (§18 case 2) -------------------------------------------------------------


def test_r14_7_number_and_symbol_validation():
    assert validate_number("Số 05-BB/CB") == (5, "BB", "CB")
    assert validate_number("12-NQ/ĐU") == (12, "NQ", "ĐU")
    with pytest.raises(ValidationError):
        validate_number("Số: 05/BB-CB")  # state-style separators
    with pytest.raises(ValidationError):
        validate_number("Số 5-BB/CB")  # numbers below 10 are written 01–09
    with pytest.raises(ValidationError):
        validate_number("Số 05 - BB/CB")  # no spaces


def test_r14_8_state_code_qyd_refused():
    with pytest.raises(ValidationError, match="QyĐ"):
        validate_number("12-QyĐ/ĐU")
    assert validate_number("12-QĐ/ĐU")[1] == "QĐ"


# --- R14.10 (§18 case 3) --------------------------------------------------------------------


def test_r14_10_date_line():
    assert date_line(dt.date(2026, 1, 9)) == "ngày 09 tháng 01 năm 2026"
    assert date_line(dt.date(2026, 12, 2)) == "ngày 02 tháng 12 năm 2026"
    assert date_line(dt.date(2026, 4, 3)) == "ngày 03 tháng 4 năm 2026"
    assert (
        date_line(dt.date(2026, 2, 28), "Thanh Phong") == "Thanh Phong, ngày 28 tháng 02 năm 2026"
    )
    assert date_line(dt.date(2026, 3, 1), "Thanh Phong") == "Thanh Phong, ngày 01 tháng 3 năm 2026"


# --- R14.12/R14.13 (§18 case 4) ---------------------------------------------------------------


def test_r14_13_cell_signs_on_behalf_of_the_cell(cell):
    secretary = MemberFactory(full_name="Đỗ Thị Mai", organization=cell)
    CommitteeSeat.objects.create(
        organization=cell, member=secretary, role="secretary", valid_from=dt.date(2025, 8, 1)
    )
    signer = signer_for(cell, dt.date(2026, 12, 2))
    assert (signer.authority, signer.title, signer.name) == ("T/M CHI BỘ", "BÍ THƯ", "Đỗ Thị Mai")
    assert validate_authority("T/M CHI BỘ", cell.kind) == "T/M CHI BỘ"
    with pytest.raises(ValidationError, match="CHI ỦY"):
        validate_authority("T/M CHI ỦY", cell.kind)
    with pytest.raises(ValidationError):
        validate_authority("TM. CHI BỘ", cell.kind)


def test_r14_13_deputy_signs_when_no_secretary_on_the_day(cell):
    old = MemberFactory(full_name="Bí Thư Cũ", organization=cell)
    deputy = MemberFactory(full_name="Phó Bí Thư", organization=cell)
    CommitteeSeat.objects.create(
        organization=cell,
        member=old,
        role="secretary",
        valid_from=dt.date(2020, 1, 1),
        valid_to=dt.date(2026, 7, 1),  # [from, to): the last day is 30/6
    )
    CommitteeSeat.objects.create(
        organization=cell, member=deputy, role="deputy", valid_from=dt.date(2020, 1, 1)
    )
    assert signer_for(cell, dt.date(2026, 6, 30)).name == "Bí Thư Cũ"
    late = signer_for(cell, dt.date(2026, 7, 1))
    assert (late.authority, late.title, late.name) == ("T/M CHI BỘ", "PHÓ BÍ THƯ", "Phó Bí Thư")


# --- R14.4/R14.5/R14.9: the issuing body ------------------------------------------------------


def test_r14_5_issuer_lines(ward, cell):
    issuer = issuer_for(ward)
    assert issuer.name == "ĐẢNG ỦY PHƯỜNG THANH PHONG"
    assert issuer.superior == "ĐẢNG BỘ TỈNH THỬ NGHIỆM"
    assert (issuer.symbol, issuer.place) == ("ĐU", "Thanh Phong")
    branch = issuer_for(cell)
    assert branch.name == "CHI BỘ KHU PHỐ 3"
    assert branch.superior == "ĐẢNG ỦY PHƯỜNG THANH PHONG"
    assert (branch.symbol, branch.place, branch.authority) == ("CB", "Thanh Phong", "T/M CHI BỘ")


def test_r14_9_issuer_profile_overrides(ward):
    DocumentIssuer.objects.create(organization=ward, symbol="ĐUP", place="Phường Thanh Phong")
    issuer = issuer_for(ward)
    assert (issuer.symbol, issuer.place) == ("ĐUP", "Phường Thanh Phong")


# --- R14.6 (§18 case 1): numbering per kind within the term -----------------------------------


def test_r14_6_numbering_restarts_with_the_new_term(ward):
    Term.objects.create(
        organization=ward,
        name="2020–2025",
        starts_on=dt.date(2020, 7, 1),
        ends_on=dt.date(2025, 7, 20),
    )
    Term.objects.create(organization=ward, name="2025–2030", starts_on=dt.date(2025, 7, 19))
    for _ in range(14):
        issue(ward, frame_for(ward, "NQ", dt.date(2025, 3, 1), summary="Nghị quyết"))
    assert RegisteredDocument.objects.filter(kind="NQ").last().number_text == "01-NQ/ĐU"
    assert RegisteredDocument.objects.order_by("-pk").first().number_text == "14-NQ/ĐU"
    after = issue(ward, frame_for(ward, "NQ", dt.date(2025, 8, 1), summary="Nghị quyết mới"))
    assert after.number_text == "01-NQ/ĐU"
    report = issue(ward, frame_for(ward, "BC", dt.date(2025, 8, 1), summary="Báo cáo"))
    assert report.number_text == "01-BC/ĐU"
    second = issue(ward, frame_for(ward, "NQ", dt.date(2025, 8, 2), summary="Nghị quyết mật"))
    assert second.number_text == "02-NQ/ĐU"  # a secret NQ continues the NQ sequence


def test_r14_6_cancelled_number_is_never_reused(ward):
    first = issue(ward, frame_for(ward, "TB", dt.date(2026, 5, 4), summary="Thông báo"))
    cancel(first, "Ghi nhầm ngày")
    second = issue(ward, frame_for(ward, "TB", dt.date(2026, 5, 4), summary="Thông báo"))
    assert (first.number, second.number) == (1, 2)
    first.refresh_from_db()
    assert first.cancelled_at is not None and first.cancel_reason == "Ghi nhầm ngày"
    with pytest.raises(ValidationError):
        cancel(first, "lần nữa")


def test_r14_6_failed_issue_leaves_no_gap(ward):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        issue(ward, frame_for(ward, "KH", dt.date(2026, 5, 4), summary="Kế hoạch"))
        raise RuntimeError("the caller failed after the number was taken")
    again = issue(ward, frame_for(ward, "KH", dt.date(2026, 5, 4), summary="Kế hoạch"))
    assert again.number == 1


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the in-memory SQLite test database has one shared-cache connection: threads lock "
    "its tables; on a file database IMMEDIATE transactions serialize writers anyway",
)
@pytest.mark.django_db(transaction=True)
def test_r14_6_concurrent_issues_get_distinct_numbers():
    province = make_org(None, "Đảng bộ tỉnh Song Song", Kind.PROVINCE_COMMITTEE)
    ward = make_org(province, "Đảng bộ xã Song Song", Kind.COMMUNE_COMMITTEE)
    ward.refresh_from_db()
    barrier = threading.Barrier(8)
    errors: list[Exception] = []

    def worker():
        try:
            barrier.wait()
            issue(ward, frame_for(ward, "BC", dt.date(2026, 6, 1), summary="Báo cáo"))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = sorted(RegisteredDocument.objects.filter(kind="BC").values_list("number", flat=True))
    assert numbers == list(range(1, 9))


# --- PDF and DOCX: the same content, read back ------------------------------------------------


def test_r14_document_pdf_and_docx_read_back(cell):
    secretary = MemberFactory(full_name="Đỗ Thị Mai", organization=cell)
    CommitteeSeat.objects.create(
        organization=cell, member=secretary, role="secretary", valid_from=dt.date(2025, 8, 1)
    )
    doc = frame_for(
        cell,
        "NQ",
        dt.date(2026, 12, 2),
        summary="Về nhiệm vụ tháng 12 năm 2026",
        recipients=["Đảng ủy phường (để báo cáo),"],
        blocks=[
            p("Chi bộ họp ngày 02 tháng 12 năm 2026."),
            field_line("Có mặt", "12/14 đảng viên"),
            table(["STT", "Họ và tên"], [[1, "Đỗ Thị Mai"]]),
        ],
    )
    registered = issue(cell, doc)
    assert doc.number == "Số 01-NQ/CB"
    for raw in (pdf_text(document_pdf(doc)), docx_text(document_docx(doc))):
        text = " ".join(raw.split())  # a header line may wrap in its half of the page
        for expected in (
            "ĐẢNG ỦY PHƯỜNG THANH PHONG",
            "CHI BỘ KHU PHỐ 3",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "Số 01-NQ/CB",
            "Thanh Phong, ngày 02 tháng 12 năm 2026",
            "NGHỊ QUYẾT",
            "Về nhiệm vụ tháng 12 năm 2026",
            "Có mặt: 12/14 đảng viên",
            "T/M CHI BỘ",
            "BÍ THƯ",
            "Đỗ Thị Mai",
            "Nơi nhận:",
            "- Lưu VT.",
        ):
            assert expected in text, expected
    again = reprint(RegisteredDocument.objects.get(pk=registered.pk))
    assert again == doc


@pytest.mark.parametrize(
    ("typed", "written"),
    [("12-QĐ/ĐU", "12-QĐ/ĐU"), ("Số 9-qđ/đu", "09-QĐ/ĐU"), ("Số: 05-QĐ/CB", "05-QĐ/CB")],
)
def test_r14_7_a_number_typed_on_a_form_is_written_the_party_way(typed, written):
    from dangvu.core.forms import PartyNumberField

    assert PartyNumberField(kinds=("QĐ",)).clean(typed) == written


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("05/QĐ-ĐU", "không đúng thể thức"),  # R14.7: the state's separators
        ("12-QyĐ/ĐU", "QyĐ"),  # R14.8: the state's code
        ("1", "không đúng thể thức"),
        ("12-GGT/ĐU", "ở đây cần số của quyết định"),  # a letter's number where a decision's goes
    ],
)
def test_r14_7_r14_8_a_number_typed_on_a_form_is_refused_with_the_reason(typed, message):
    from django import forms

    from dangvu.core.forms import PartyNumberField

    with pytest.raises(forms.ValidationError) as refused:
        PartyNumberField(kinds=("QĐ",)).clean(typed)
    assert message in " ".join(refused.value.messages)


def test_a_discipline_decision_with_a_state_style_number_is_refused_on_the_page(client, db):
    from tests.conftest import build_world

    world = build_world()
    client.force_login(world.users.officer_a)
    from django.urls import reverse

    from dangvu.members.models import Discipline

    url = reverse("members:discipline", args=[world.duc.pk])
    page = client.post(
        url,
        {
            "form": "warning",
            "reason": "Vi phạm",
            "decision_number": "05/QĐ-ĐU",
            "decision_body": "Đảng ủy xã An Bình",
            "signed_on": "01/03/2025",
        },
    )
    assert page.status_code == 200 and "không đúng thể thức" in page.content.decode()
    assert not Discipline.objects.exists()
