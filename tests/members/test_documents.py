"""The members app's papers (issue 13): the transfer letter, official and temporary (R9.1–R9.3,
R14.23), its receipt (rules-next §16), and the member summary (phiếu đảng viên, R14.20/R14.22).

Each is built from records written through the services, rendered to PDF and DOCX, read back
and compared line by line, word for word, in order; page 1 goes to a PNG for a look."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from pathlib import Path

import pytest
from django.utils import timezone
from docx import Document as Docx
from pypdf import PdfReader

from dangvu.core.documents import document_docx, document_pdf
from dangvu.core.models import RuleProfile
from dangvu.core.registry import registry
from dangvu.evaluations.choices import EvaluationStep, Framework
from dangvu.evaluations.models import EvaluationCycle, MemberEvaluation
from dangvu.members import documents, transfers
from dangvu.members.choices import DisciplineForm, EventKind, PostKind, TransferKind, TransferScope
from dangvu.members.events.records import record_event
from dangvu.members.models import Discipline, Member, MemberPost
from dangvu.members.rules.letters import letter_issuer_in
from dangvu.organizations.models import CommitteeSeat
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artifacts" / "documents"
D = dt.date


# --- reading a rendered document back ---------------------------------------------------------


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF")
    return _flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages))


def docx_text(content: bytes) -> str:
    """Paragraphs and table cells in the order of the document (python-docx's inner content)."""
    from docx.table import Table

    lines: list[str] = []

    def walk(container) -> None:
        for item in container.iter_inner_content():
            if isinstance(item, Table):
                for row in item.rows:
                    seen = []
                    for cell in row.cells:
                        if cell._tc not in seen:  # a merged cell repeats
                            seen.append(cell._tc)
                            walk(cell)
            else:
                lines.append(item.text)

    walk(Docx(io.BytesIO(content)))
    return _flat(" ".join(lines))


def assert_in_order(text: str, expected: list[str]) -> None:
    """Each expected line occurs in `text`, word for word, after the previous one."""
    at = 0
    for line in expected:
        found = text.find(_flat(line), at)
        assert found >= 0, f"missing after position {at}: {line!r}\n--- text ---\n{text}"
        at = found + len(_flat(line))


def write_png(content: bytes, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = ARTIFACTS / f"{name}.pdf"
    pdf.write_bytes(content)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "70",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            pdf,
            ARTIFACTS / name,
        ],
        check=True,
    )
    png = ARTIFACTS / f"{name}.png"
    assert png.stat().st_size > 5000
    return png


def check_rendered(doc, expected: list[str], name: str) -> tuple[str, str]:
    """Render both ways, compare both with the expected lines, keep page 1 as PNG."""
    pdf, docx = document_pdf(doc), document_docx(doc)
    pdf_read, docx_read = pdf_text(pdf), docx_text(docx)
    assert_in_order(pdf_read, expected)
    assert_in_order(docx_read, expected)
    write_png(pdf, name)
    return pdf_read, docx_read


# --- fixtures -----------------------------------------------------------------------------------


def seat(org, name: str, role: str = "secretary"):
    member = MemberFactory(full_name=name, organization=org)
    CommitteeSeat.objects.create(
        organization=org, member=member, role=role, valid_from=D(2020, 1, 1)
    )
    return member


@pytest.fixture
def letters_world(world):
    seat(world.commune_a, "Vũ Minh Quang")
    seat(world.base_a, "Đinh Thị Thu")
    seat(world.base_b, "Lý Văn Sơn")
    Member.objects.filter(pk=world.duc.pk).update(hometown="xã An Bình, tỉnh Thử Nghiệm")
    world.duc.refresh_from_db()
    return world


def official(world, **extra):
    data = {
        "user": world.users.officer_a,
        "member": world.duc,
        "kind": TransferKind.OFFICIAL,
        "scope": TransferScope.WITHIN_PROVINCE,
        "to_organization": world.branch_b1,
        "letter_number": "12-GGT/ĐU",
        "issued_on": D(2025, 3, 1),
    }
    data.update(extra)
    return transfers.issue_transfer(**data)


def temporary(world):
    """The probationer (no card, no home town recorded) goes to study for a few months."""
    Member.objects.filter(pk=world.probationer.pk).update(card_number=None)
    world.probationer.refresh_from_db()
    return transfers.issue_transfer(
        user=world.users.grassroots_a,
        member=world.probationer,
        kind=TransferKind.TEMPORARY,
        scope=TransferScope.WITHIN_PROVINCE,
        to_organization=world.branch_b1,
        letter_number="07/GGT",  # typed in a non-party form: the number line keeps its blanks
        issued_on=D(2025, 10, 1),
        until=D(2026, 2, 1),
    )


# --- R9.1 who issues ----------------------------------------------------------------------------


def test_r9_1_issuing_level(letters_world):
    w = letters_world
    chain_a1 = [w.branch_a1, w.base_a, w.commune_a, w.province]
    # between branches of one grassroots organization: its committee
    assert letter_issuer_in("official", chain_a1, [w.branch_a2, w.base_a, w.commune_a]) == w.base_a
    # to another grassroots organization, province or outside: the committee above it
    assert letter_issuer_in("official", chain_a1, [w.branch_b1, w.base_b]) == w.commune_a
    assert letter_issuer_in("official", chain_a1, None) == w.commune_a
    # a temporary transfer: the home grassroots committee keeps the member (R9.2)
    assert letter_issuer_in("temporary", chain_a1, [w.branch_b1, w.base_b]) == w.base_a
    # a chi bộ cơ sở is its own grassroots organization
    assert letter_issuer_in("temporary", [w.school_a, w.commune_a, w.province], None) == w.school_a


# --- the transfer letter -------------------------------------------------------------------------


def test_official_transfer_letter(letters_world):
    w = letters_world
    transfer = official(w)
    doc = documents.transfer_letter(transfer, on=D(2025, 3, 2))
    assert doc.kind == "GGT" and doc.date == D(2025, 3, 1)
    check_rendered(
        doc,
        [
            "ĐẢNG BỘ TỈNH THỬ NGHIỆM",
            "ĐẢNG ỦY XÃ AN BÌNH",
            "Số 12-GGT/ĐU",
            "An Bình, ngày 01 tháng 3 năm 2025",
            "GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG CHÍNH THỨC",
            "Kính gửi: Đảng ủy cơ sở Bình Minh",
            "Đảng ủy xã An Bình giới thiệu:",
            "Đồng chí: Nguyễn Văn Đức",
            "Sinh ngày: 17/05/1980",
            "Quê quán: xã An Bình, tỉnh Thử Nghiệm",
            "Ngày vào Đảng: 02/03/2005",
            "Ngày chính thức: 02/03/2006",
            f"Số thẻ đảng viên: {w.duc.card_number}",
            "Là đảng viên: chính thức",
            "Hiện sinh hoạt tại: Chi bộ thôn Đông",
            "Được giới thiệu đến sinh hoạt đảng chính thức tại: Chi bộ khu phố 1",
            "Đến trình diện chậm nhất ngày: 31/03/2025",
            "Đồng chí Nguyễn Văn Đức xuất trình giấy giới thiệu này với cấp ủy nơi đến trong "
            "thời hạn 30 ngày kể từ ngày ký.",
            "Nơi nhận:",
            "- Như trên;",
            "- Lưu VT.",
            "T/M BAN THƯỜNG VỤ",
            "BÍ THƯ",
            "Vũ Minh Quang",
        ],
        "transfer_letter_official",
    )


def test_r9_3_letter_deadline_comes_from_the_rule_profile(letters_world):
    """R9.3: the reporting window is the profile's (here 45 days from 1/1/2025), not 30."""
    RuleProfile.objects.create(valid_from=D(2025, 1, 1), values={"transfer.report_days": 45})
    doc = documents.transfer_letter(official(letters_world), on=D(2025, 3, 2))
    text = pdf_text(document_pdf(doc))
    assert_in_order(
        text,
        ["Đến trình diện chậm nhất ngày: 15/04/2025", "trong thời hạn 45 ngày kể từ ngày ký."],
    )
    assert "31/03/2025" not in text


def test_temporary_transfer_letter_blank_fields(letters_world):
    w = letters_world
    doc = documents.transfer_letter(temporary(w), on=D(2025, 10, 2))
    assert doc.number == "Số      -GGT/ĐU"  # the register gives it
    pdf_read, docx_read = check_rendered(
        doc,
        [
            "ĐẢNG BỘ XÃ AN BÌNH",
            "ĐẢNG ỦY CƠ SỞ AN BÌNH",
            "An Bình, ngày 01 tháng 10 năm 2025",
            "GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG TẠM THỜI",
            "Kính gửi: Đảng ủy cơ sở Bình Minh",
            "Đảng ủy cơ sở An Bình giới thiệu:",
            "Đồng chí: Lê Văn Bình",
            "Sinh ngày: 20/01/2001",
            "Quê quán: ……",
            "Ngày vào Đảng: 02/09/2025",
            "Ngày chính thức: ……",
            "Số thẻ đảng viên: ……",
            "Là đảng viên: dự bị",
            "Hiện sinh hoạt tại: Chi bộ thôn Tây",
            "Được giới thiệu đến sinh hoạt đảng tạm thời tại: Chi bộ khu phố 1",
            "Thời gian sinh hoạt đảng tạm thời: từ ngày 01/10/2025 đến ngày 01/02/2026",
            "Đến trình diện chậm nhất ngày: 31/10/2025",
            "T/M ĐẢNG ỦY",
            "BÍ THƯ",
            "Đinh Thị Thu",
        ],
        "transfer_letter_temporary",
    )
    assert "07/GGT" not in pdf_read and "07/GGT" not in docx_read


def test_letter_of_an_arrival_from_outside_is_not_printed(letters_world):
    """Its letter was issued outside the system: the paper says so and cannot be entered;
    the receipt goes back to the party organization that sent the member."""
    w = letters_world
    transfer = transfers.receive_from_outside(
        user=w.users.officer_b,
        branch=w.branch_b1,
        from_party="Đảng bộ xã Tân Lập, tỉnh Khác",
        letter_number="88-GGT/ĐU",
        issued_on=D(2025, 2, 1),
        received_on=D(2025, 2, 10),
        member_data={
            "full_name": "Đỗ Văn Tới",
            "birth_date": D(1985, 1, 1),
            "gender": "male",
            "admitted_on": D(2010, 2, 1),
            "recognized_on": D(2011, 2, 1),
            "status": "official",
        },
    )
    text = pdf_text(document_pdf(documents.transfer_letter(transfer, on=D(2025, 3, 2))))
    assert "GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG CHÍNH THỨC" in text
    assert "Đồng chí:" not in text and "Số 88-GGT/ĐU" not in text
    assert not documents.may_issue_letter(w.users.officer_b, transfer)
    receipt = docx_text(document_docx(documents.transfer_receipt(transfer, on=D(2025, 3, 2))))
    assert_in_order(
        receipt,
        [
            "ĐẢNG ỦY CƠ SỞ BÌNH MINH",
            "Bình Minh, ngày 10 tháng 02 năm 2025",
            "Kính gửi: Đảng bộ xã Tân Lập, tỉnh Khác",
            "Đồng chí: Đỗ Văn Tới",
            "Theo giấy giới thiệu số: 88-GGT/ĐU ngày 01/02/2025",
            "Ngày đến trình diện: 10/02/2025",
        ],
    )
    assert documents.may_issue_receipt(w.users.officer_b, transfer)


# --- the receipt ---------------------------------------------------------------------------------


def test_transfer_receipt_after_arrival(letters_world):
    w = letters_world
    transfer = official(w)
    transfers.confirm_transfer(
        user=w.users.officer_b, transfer=transfer, received_on=D(2025, 3, 10)
    )
    transfer.refresh_from_db()
    doc = documents.transfer_receipt(transfer, on=D(2025, 4, 1))
    assert doc.kind == "GCN" and doc.date == D(2025, 3, 10)
    check_rendered(
        doc,
        [
            "ĐẢNG BỘ PHƯỜNG BÌNH MINH",
            "ĐẢNG ỦY CƠ SỞ BÌNH MINH",
            "Số      -GCN/ĐU",
            "Bình Minh, ngày 10 tháng 3 năm 2025",
            "GIẤY BÁO ĐÃ NHẬN SINH HOẠT ĐẢNG",
            "Kính gửi: Đảng ủy xã An Bình",
            "Đảng ủy cơ sở Bình Minh đã nhận sinh hoạt đảng chính thức của:",
            "Đồng chí: Nguyễn Văn Đức",
            "Sinh ngày: 17/05/1980",
            "Theo giấy giới thiệu số: 12-GGT/ĐU ngày 01/03/2025",
            "Ngày đến trình diện: 10/03/2025",
            "Sinh hoạt tại: Chi bộ khu phố 1",
            "T/M ĐẢNG ỦY",
            "Lý Văn Sơn",
        ],
        "transfer_receipt",
    )


def test_transfer_receipt_before_arrival_leaves_the_arrival_blank(letters_world):
    transfer = official(letters_world)
    doc = documents.transfer_receipt(transfer, on=D(2025, 3, 5))
    text = docx_text(document_docx(doc))
    assert_in_order(
        text,
        ["Bình Minh, ngày 05 tháng 3 năm 2025", "Ngày đến trình diện: ……", "Sinh hoạt tại: ……"],
    )


def test_receipt_of_a_transfer_out_of_the_system_is_not_printed(letters_world):
    w = letters_world
    transfer = official(
        w, to_organization=None, to_party="Đảng bộ tỉnh Khác", scope="other_province"
    )
    text = docx_text(document_docx(documents.transfer_receipt(transfer, on=D(2025, 3, 5))))
    assert "GIẤY BÁO ĐÃ NHẬN SINH HOẠT ĐẢNG" in text and "Đồng chí:" not in text
    assert not documents.may_issue_receipt(w.users.officer_a, transfer)


# --- the member summary --------------------------------------------------------------------------


def make_summary_member(world) -> Member:
    """A member with the facts the registry records: admission and recognition events with
    their decisions, a committee seat and a concurrent post, a discipline, three ratings."""
    member = MemberFactory(
        full_name="Trịnh Thị Ngọc",
        gender="female",
        birth_date=D(1990, 4, 12),
        ethnicity="Tày",
        religion="buddhism",
        hometown="xã Yên Lạc, tỉnh Thử Nghiệm",
        residence="thôn Đông, xã An Bình",
        general_education="12/12",
        professional_level="university",
        theory_level="intermediate",
        occupation="teacher",
        workplace="Trường THCS An Bình",
        admitted_on=D(2015, 7, 26),
        recognized_on=D(2016, 8, 10),
        organization=world.branch_a1,
    )
    record_event(
        user=None,
        member=member,
        kind=EventKind.ADMITTED,
        occurred_on=D(2015, 8, 10),
        organization=world.branch_a1,
        decision_number="45-QĐ/ĐU",
        decision_date=D(2015, 7, 26),
        decision_body="Đảng ủy cơ sở An Bình",
    )
    record_event(
        user=None,
        member=member,
        kind=EventKind.RECOGNIZED,
        occurred_on=D(2016, 8, 10),
        organization=world.branch_a1,
        decision_number="60-QĐ/ĐU",
        decision_date=D(2016, 8, 25),
        decision_body="Đảng ủy cơ sở An Bình",
    )
    CommitteeSeat.objects.create(
        organization=world.branch_a1, member=member, role="deputy", valid_from=D(2020, 9, 1)
    )
    MemberPost.objects.create(
        member=member, kind=PostKind.WOMEN_HEAD, title="thôn Đông", valid_from=D(2019, 1, 1)
    )
    MemberPost.objects.create(  # ended: not printed
        member=member,
        kind=PostKind.YOUTH_SECRETARY,
        valid_from=D(2012, 1, 1),
        valid_to=D(2018, 1, 1),
    )
    Discipline.objects.create(
        member=member,
        organization=world.branch_a1,
        org_path=world.branch_a1.path,
        form=DisciplineForm.REPRIMAND,
        reason="Vi phạm quy chế",
        decision_number="03-QĐ/CB",
        decision_body="Chi bộ thôn Đông",
        signed_on=D(2021, 5, 4),
        announced_on=D(2021, 5, 6),
    )
    for year, rating in ((2022, "good"), (2023, "excellent"), (2024, "completed"), (2025, "good")):
        cycle = EvaluationCycle.objects.create(
            organization=world.province,
            year=year,
            self_from=D(year, 11, 10),
            self_until=D(year, 11, 30),
            propose_until=D(year, 12, 10),
            decide_until=D(year, 12, 31),
            status="closed",
        )
        MemberEvaluation.objects.create(
            cycle=cycle,
            year=year,
            org_path=world.branch_a1.path,
            member=member,
            organization=world.branch_a1,
            grassroots=world.base_a,
            framework=Framework.NO_POST,
            step=EvaluationStep.DECIDED,
            rating=rating,
            decided_at=timezone.make_aware(dt.datetime(year, 12, 20, 9)),
        )
    return member


def test_member_summary(letters_world):
    w = letters_world
    member = make_summary_member(w)
    doc = documents.member_summary(member, on=D(2025, 12, 31))
    assert doc.kind == "" and doc.number == "" and tuple(doc.recipients) == ()
    pdf_read, docx_read = check_rendered(
        doc,
        [
            "ĐẢNG BỘ XÃ AN BÌNH",
            "ĐẢNG ỦY CƠ SỞ AN BÌNH",
            "An Bình, ngày 31 tháng 12 năm 2025",
            "PHIẾU ĐẢNG VIÊN",
            "I. SƠ YẾU LÝ LỊCH",
            "Họ và tên: Trịnh Thị Ngọc",
            "Giới tính: Nữ",
            "Sinh ngày: 12/04/1990",
            "Quê quán: xã Yên Lạc, tỉnh Thử Nghiệm",
            "Nơi cư trú: thôn Đông, xã An Bình",
            "Dân tộc: Tày",
            "Tôn giáo: Phật giáo",
            f"Số căn cước công dân: {member.citizen_id}",
            "Nghề nghiệp: Giáo viên",
            "Nơi làm việc: Trường THCS An Bình",
            "Trình độ giáo dục phổ thông: 12/12",
            "Trình độ chuyên môn: Đại học",
            "Trình độ lý luận chính trị: Trung cấp",
            "II. QUÁ TRÌNH VÀO ĐẢNG",
            "Ngày quyết định kết nạp: 26/07/2015",
            "Quyết định kết nạp: 45-QĐ/ĐU ngày 26/07/2015 của Đảng ủy cơ sở An Bình",
            "Ngày kết nạp: 10/08/2015",
            "Nơi kết nạp: Chi bộ thôn Đông",
            "Ngày chính thức: 10/08/2016",
            "Quyết định công nhận đảng viên chính thức: 60-QĐ/ĐU ngày 25/08/2016 của Đảng ủy "
            "cơ sở An Bình",
            f"Số thẻ đảng viên: {member.card_number}",
            "III. HIỆN NAY",
            "Sinh hoạt tại: Chi bộ thôn Đông",
            "Tình trạng: Chính thức",
            "Chức vụ: Phó Bí thư Chi bộ thôn Đông (từ 01/09/2020); Chi hội trưởng Phụ nữ: "
            "thôn Đông (từ 01/01/2019)",
            "IV. KHEN THƯỞNG, KỶ LUẬT",
            "Khen thưởng: ……",
            "Hình thức kỷ luật",
            "Khiển trách",
            "03-QĐ/CB",
            "04/05/2021",
            "Chi bộ thôn Đông",
            "V. XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN",
            "Năm",
            "Mức xếp loại",
            "2025 Hoàn thành tốt nhiệm vụ",
            "2024 Hoàn thành nhiệm vụ",
            "2023 Hoàn thành xuất sắc nhiệm vụ",
            "T/M ĐẢNG ỦY",
            "BÍ THƯ",
            "Đinh Thị Thu",
        ],
        "member_summary",
    )
    for text in (pdf_read, docx_read):
        assert "Số      -" not in text and "Nơi nhận" not in text
        assert "2022" not in text  # three years only (R14.20)
        assert "Bí thư Đoàn" not in text  # the ended post


def test_member_summary_blank_fields(world):
    """A member imported with the bare minimum: every unrecorded field is the dotted blank."""
    member = MemberFactory(
        full_name="Mai Văn Lực",
        organization=world.school_a,
        card_number=None,
        status="probationary",
        recognized_on=None,
        status_since=D(2025, 6, 1),
        admitted_on=D(2025, 6, 1),
    )
    text = docx_text(document_docx(documents.member_summary(member, on=D(2025, 12, 1))))
    assert_in_order(
        text,
        [
            "CHI BỘ TRƯỜNG THCS AN BÌNH",
            "Quê quán: ……",
            "Nơi cư trú: ……",
            "Nơi làm việc: ……",
            "Trình độ giáo dục phổ thông: ……",
            "Ngày quyết định kết nạp: 01/06/2025",
            "Quyết định kết nạp: ……",
            "Ngày kết nạp: ……",
            "Nơi kết nạp: ……",
            "Ngày chính thức: ……",
            "Quyết định công nhận đảng viên chính thức: ……",
            "Số thẻ đảng viên: ……",
            "Chức vụ: ……",
            "Khen thưởng: ……",
            "Kỷ luật: Không",
            "Xếp loại: ……",
            "T/M CHI BỘ",
        ],
    )


# --- the declarations ---------------------------------------------------------------------------


def test_documents_are_declared_with_their_builders(letters_world):
    declared = {d.key: d for d in registry().documents}
    for key, kind, model in (
        ("transfer_letter", "GGT", "members.Transfer"),
        ("transfer_receipt", "GCN", "members.Transfer"),
        ("member_summary", "", "members.Member"),
    ):
        assert (declared[key].kind, declared[key].model) == (kind, model)
    w = letters_world
    transfer = official(w)
    assert documents.may_issue_letter(w.users.officer_a, transfer)
    assert not documents.may_issue_letter(w.users.officer_b, transfer)
    assert not documents.may_issue_receipt(w.users.officer_b, transfer)  # not arrived yet
    transfers.confirm_transfer(user=w.users.officer_b, transfer=transfer, received_on=D(2025, 3, 9))
    transfer.refresh_from_db()
    assert documents.may_issue_receipt(w.users.officer_b, transfer)
    assert not documents.may_issue_receipt(w.users.officer_a, transfer)
    assert documents.transfer_letter_issuer(transfer) == w.commune_a
    assert documents.transfer_receipt_issuer(transfer) == w.base_b


# --- through core's pages -------------------------------------------------------------------------


def test_pages_link_the_papers_and_core_serves_them(letters_world, login):
    from django.urls import reverse

    from dangvu.core.models import RegisteredDocument

    w = letters_world
    transfer = official(w)
    client = login(w.users.officer_a)
    page = client.get(reverse("members:transfer_detail", args=[transfer.pk]))
    assert page.status_code == 200
    for key in ("transfer_letter", "transfer_receipt"):
        assert reverse("documents:show", args=[key, transfer.pk]).encode() in page.content
        for name in ("show", "pdf", "docx"):
            assert (
                client.get(reverse(f"documents:{name}", args=[key, transfer.pk])).status_code == 200
            )
    profile = client.get(reverse("members:detail", args=[w.duc.pk]))
    assert reverse("documents:pdf", args=["member_summary", w.duc.pk]).encode() in profile.content
    pdf = client.get(reverse("documents:pdf", args=["member_summary", w.duc.pk]))
    assert "PHIẾU ĐẢNG VIÊN" in pdf_text(pdf.content)

    # the sending side enters the letter: the register gives GGT its number
    issue_url = reverse("documents:issue", args=["transfer_letter", transfer.pk])
    client.post(issue_url, {"date": "01/03/2025"})
    registered = RegisteredDocument.objects.get(document_key="transfer_letter")
    assert (registered.kind, registered.number_text) == ("GGT", "01-GGT/ĐU")
    # nobody enters the summary (a record, no kind); the receiving side may not enter the
    # sender's letter (`login` logs the same test client in as another user)
    summary_url = reverse("documents:issue", args=["member_summary", w.duc.pk])
    assert client.post(summary_url, {"date": "01/03/2025"}).status_code == 403
    other = login(w.users.officer_b)
    assert other.post(issue_url, {"date": "01/03/2025"}).status_code == 403
    assert RegisteredDocument.objects.count() == 1


def test_a_transfer_out_of_the_system_serves_its_receipt_page_without_error(letters_world, login):
    from django.urls import reverse

    w = letters_world
    transfer = official(
        w, to_organization=None, to_party="Đảng bộ tỉnh Khác", scope="other_province"
    )
    client = login(w.users.officer_a)
    for name in ("show", "pdf", "docx"):
        url = reverse(f"documents:{name}", args=["transfer_receipt", transfer.pk])
        assert client.get(url).status_code == 200


def test_a_cancelled_transfer_letter_cannot_be_entered(letters_world):
    w = letters_world
    transfer = official(w)
    transfers.cancel_transfer(user=w.users.officer_a, transfer=transfer, on=D(2025, 3, 3))
    transfer.refresh_from_db()
    assert not documents.may_issue_letter(w.users.officer_a, transfer)
