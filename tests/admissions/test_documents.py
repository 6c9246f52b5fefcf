"""The admission papers (issue 13): the branch's resolution proposing admission (NQ, R14.19),
the authorized committee's admission decision (QĐ, R2.8) and the recognition decision (R2.11),
built from a file walked through the services, rendered to PDF and DOCX and read back."""

from __future__ import annotations

import datetime as dt

import pytest

from dangvu.admissions import documents
from dangvu.admissions.choices import Stage
from dangvu.core.documents import document_docx, document_pdf
from dangvu.core.models import RuleProfile
from dangvu.core.registry import registry
from dangvu.organizations.models import CommitteeSeat
from tests.admissions.conftest import walk
from tests.factories import MemberFactory
from tests.members.test_documents import assert_in_order, check_rendered, docx_text, pdf_text

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def seats(world):
    for org, name in (
        (world.branch_a1, "Nguyễn Văn Đức"),
        (world.base_a, "Đinh Thị Thu"),
        (world.commune_b, "Lý Văn Sơn"),
    ):
        member = (
            world.duc
            if name == "Nguyễn Văn Đức"
            else MemberFactory(full_name=name, organization=org)
        )
        CommitteeSeat.objects.create(
            organization=org, member=member, role="secretary", valid_from=D(2020, 1, 1)
        )
    return world


def test_admission_resolution_of_the_branch(seats):
    candidate = walk(seats, Stage.VOTED, hometown="xã Yên Lạc, tỉnh Thử Nghiệm")
    doc = documents.admission_resolution(candidate, on=D(2024, 6, 1))
    assert doc.kind == "NQ" and doc.date == D(2024, 5, 6)
    check_rendered(
        doc,
        [
            "ĐẢNG ỦY CƠ SỞ AN BÌNH",
            "CHI BỘ THÔN ĐÔNG",
            "Số      -NQ/CB",
            "ngày 06 tháng 5 năm 2024",
            "NGHỊ QUYẾT",
            "Về việc đề nghị kết nạp đảng viên",
            "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
            "Căn cứ Quy định số 24-QĐ/TW ngày 30/7/2021 của Ban Chấp hành Trung ương về thi "
            "hành Điều lệ Đảng;",
            "Ngày 06/05/2024, Chi bộ thôn Đông họp xét đề nghị kết nạp quần chúng ưu tú vào Đảng:",
            "Họ và tên: Đỗ Văn Tiến",
            "Giới tính: Nam",
            "Sinh ngày: 10/03/2000",
            "Quê quán: xã Yên Lạc, tỉnh Thử Nghiệm",
            "Nơi cư trú: thôn Đông, xã An Bình",
            "Dân tộc: Kinh",
            "Tôn giáo: Không",
            "Trình độ giáo dục phổ thông: 12/12",
            "Trình độ chuyên môn: Không",
            "Nghề nghiệp: Nông dân",
            "Nơi làm việc: ……",
            "Ngày làm đơn xin vào Đảng: 01/04/2024",
            "Người giới thiệu: Nguyễn Văn Đức (cùng công tác, sinh hoạt từ 01/01/2023, giới "
            "thiệu ngày 01/04/2024); Trần Thị Hoa (cùng công tác, sinh hoạt từ 01/01/2023, giới "
            "thiệu ngày 01/04/2024)",
            "Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng: số CN-001 ngày 01/03/2024, Trung "
            "tâm chính trị xã An Bình",
            "Số đảng viên chính thức của chi bộ: 2",
            "Số đảng viên tán thành kết nạp: 2",
            "Tỷ lệ tán thành tối thiểu: 2/3 (Điều lệ Đảng)",
            "CHI BỘ QUYẾT NGHỊ",
            "Đề nghị Đảng ủy cơ sở An Bình xem xét, quyết định kết nạp quần chúng Đỗ Văn Tiến "
            "vào Đảng Cộng sản Việt Nam.",
            "Nơi nhận:",
            "- Đảng ủy cơ sở An Bình;",
            "- Lưu VT.",
            "T/M CHI BỘ",
            "BÍ THƯ",
            "Nguyễn Văn Đức",
        ],
        "admission_resolution",
    )


def test_admission_resolution_before_the_vote_leaves_the_vote_blank(seats):
    candidate = walk(seats, Stage.INTRODUCED)
    text = docx_text(document_docx(documents.admission_resolution(candidate, on=D(2024, 2, 1))))
    assert_in_order(
        text,
        [
            "ngày 01 tháng 02 năm 2024",
            "Ngày ……, Chi bộ thôn Đông họp xét",
            "Quê quán: ……",
            "Ngày làm đơn xin vào Đảng: ……",
            "Người giới thiệu: ……",
            "Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng: ……",
            "Số đảng viên chính thức của chi bộ: ……",
            "Số đảng viên tán thành kết nạp: ……",
        ],
    )


def test_r2_8_admission_decision_of_the_grassroots_committee(seats):
    candidate = walk(seats, Stage.DECIDED)
    doc = documents.admission_decision(candidate, on=D(2024, 6, 1))
    assert doc.kind == "QĐ" and doc.date == D(2024, 5, 20)
    check_rendered(
        doc,
        [
            "ĐẢNG BỘ XÃ AN BÌNH",
            "ĐẢNG ỦY CƠ SỞ AN BÌNH",
            "Số 101-QĐ/ĐU",
            "An Bình, ngày 20 tháng 5 năm 2024",
            "QUYẾT ĐỊNH",
            "Về việc kết nạp đảng viên",
            "ĐẢNG ỦY CƠ SỞ AN BÌNH",
            "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
            "Căn cứ Quy định số 24-QĐ/TW ngày 30/7/2021",
            "Xét Nghị quyết ngày 06/05/2024 của Chi bộ thôn Đông đề nghị kết nạp quần chúng Đỗ "
            "Văn Tiến vào Đảng;",
            "QUYẾT ĐỊNH",
            "Điều 1. Kết nạp quần chúng Đỗ Văn Tiến vào Đảng Cộng sản Việt Nam.",
            "Họ và tên: Đỗ Văn Tiến",
            "Sinh ngày: 10/03/2000",
            "Quê quán: ……",
            "Sinh hoạt tại: Chi bộ thôn Đông",
            "Điều 2. Chi bộ thôn Đông tổ chức lễ kết nạp cho đồng chí Đỗ Văn Tiến trong thời hạn "
            "30 ngày làm việc kể từ ngày nhận được quyết định; thời gian dự bị 12 tháng kể từ "
            "ngày tổ chức lễ kết nạp.",
            "Điều 3. Chi bộ thôn Đông và đồng chí Đỗ Văn Tiến chịu trách nhiệm thi hành quyết "
            "định này.",
            "- Như Điều 3;",
            "- Lưu VT.",
            "T/M ĐẢNG ỦY",
            "BÍ THƯ",
            "Đinh Thị Thu",
        ],
        "admission_decision",
    )


def test_r2_8_superior_committee_decides_through_its_standing_committee(seats):
    """base_b may not admit: the ward committee's standing committee decides and signs."""
    w = seats
    candidate = walk(w, Stage.VOTED, user=w.users.officer_b, organization=w.branch_b1)
    assert documents.deciding_organization(candidate) == w.commune_b
    doc = documents.admission_decision(candidate, on=D(2024, 6, 1))
    text = pdf_text(document_pdf(doc))
    assert_in_order(
        text,
        [
            "ĐẢNG ỦY PHƯỜNG BÌNH MINH",
            "Số      -QĐ/ĐU",  # not decided yet: the register gives the number
            "Bình Minh, ngày 01 tháng 6 năm 2024",
            "BAN THƯỜNG VỤ ĐẢNG ỦY PHƯỜNG BÌNH MINH",
            "T/M BAN THƯỜNG VỤ",
            "BÍ THƯ",
            "Lý Văn Sơn",
        ],
    )


def test_r2_9_ceremony_deadline_of_the_decision_comes_from_the_profile(seats):
    RuleProfile.objects.create(
        valid_from=D(2024, 1, 1), values={"admission.ceremony_deadline_working_days": 45}
    )
    candidate = walk(seats, Stage.DECIDED)
    text = docx_text(document_docx(documents.admission_decision(candidate, on=D(2024, 6, 1))))
    assert "trong thời hạn 45 ngày làm việc kể từ ngày nhận được quyết định" in text


def test_recognition_decision(seats):
    candidate = walk(seats, Stage.RECOGNIZED)
    doc = documents.recognition_decision(candidate, on=D(2025, 7, 1))
    assert doc.date == D(2025, 6, 20)
    check_rendered(
        doc,
        [
            "ĐẢNG ỦY CƠ SỞ AN BÌNH",
            "Số 55-QĐ/ĐU",
            "An Bình, ngày 20 tháng 6 năm 2025",
            "QUYẾT ĐỊNH",
            "Về việc công nhận đảng viên chính thức",
            "Căn cứ Quy định số 232-QĐ/TW ngày 20/01/2025 của Ban Chấp hành Trung ương về thi "
            "hành Điều lệ Đảng;",
            "Xét Nghị quyết ngày 10/06/2025 của Chi bộ thôn Đông về việc xét công nhận đảng viên "
            "chính thức cho đồng chí Đỗ Văn Tiến (số đảng viên chính thức tán thành: 2/2);",
            "Điều 1. Công nhận đồng chí Đỗ Văn Tiến là đảng viên chính thức kể từ ngày 03/06/2025.",
            "Sinh ngày: 10/03/2000",
            "Quê quán: ……",
            "Ngày quyết định kết nạp: 20/05/2024",
            "Ngày kết nạp: 03/06/2024",
            "Hết thời gian dự bị: 03/06/2025",
            "Sinh hoạt tại: Chi bộ thôn Đông",
            "Điều 2. Chi bộ thôn Đông và đồng chí Đỗ Văn Tiến chịu trách nhiệm thi hành quyết "
            "định này.",
            "- Như Điều 2;",
            "T/M ĐẢNG ỦY",
            "Đinh Thị Thu",
        ],
        "recognition_decision",
    )


def test_recognition_decision_before_it_is_recorded_is_blank(seats):
    candidate = walk(seats, Stage.ADMITTED)
    text = pdf_text(document_pdf(documents.recognition_decision(candidate, on=D(2025, 6, 5))))
    assert_in_order(
        text,
        [
            "Số      -QĐ/ĐU",
            "Xét Nghị quyết ngày …… của Chi bộ thôn Đông",
            "(số đảng viên chính thức tán thành: ……);",
            "là đảng viên chính thức kể từ ngày …….",
            "Ngày kết nạp: 03/06/2024",
            "Hết thời gian dự bị: ……",
        ],
    )


def test_documents_are_declared_with_form_codes_in_a_table(seats):
    declared = {d.key: d for d in registry().documents}
    for key, kind in (
        ("admission_resolution", "NQ"),
        ("admission_decision", "QĐ"),
        ("recognition_decision", "QĐ"),
    ):
        assert (declared[key].kind, declared[key].model) == (kind, "admissions.Candidate")
    # R14.21: 4–17-KNĐ are unconfirmed, so no code is printed
    assert set(documents.FORM_CODES) == {
        "admission_resolution",
        "admission_decision",
        "recognition_decision",
    }
    candidate = walk(seats, Stage.VOTED)
    text = pdf_text(document_pdf(documents.admission_resolution(candidate, on=D(2024, 6, 1))))
    assert "KNĐ" not in text
    w = seats
    assert documents.may_decide(w.users.grassroots_a, candidate)
    assert not documents.may_decide(w.users.secretary_a1, candidate)
    assert not documents.may_decide(w.users.officer_b, candidate)


def test_the_cited_regulation_is_the_one_in_force_on_the_papers_date():
    """rules.md §0: 24 → 232 → 294 (in force 1/7/2025)."""
    cited = [
        "".join(b.text for b in documents.legal_bases(day))
        for day in (D(2025, 1, 19), D(2025, 1, 20), D(2025, 6, 30), D(2025, 7, 1))
    ]
    assert "24-QĐ/TW" in cited[0]
    assert "232-QĐ/TW" in cited[1] and "232-QĐ/TW" in cited[2]
    assert "294-QĐ/TW ngày 26/5/2025" in cited[3]


def test_candidate_page_links_the_papers_and_core_serves_them(seats, login):
    from django.urls import reverse

    from dangvu.core.models import RegisteredDocument

    candidate = walk(seats, Stage.RECOGNIZED)
    client = login(seats.users.grassroots_a)
    page = client.get(reverse("admissions:detail", args=[candidate.pk]))
    assert page.status_code == 200
    for key in ("admission_resolution", "admission_decision", "recognition_decision"):
        assert reverse("documents:pdf", args=[key, candidate.pk]).encode() in page.content
        for name in ("show", "pdf", "docx"):
            assert (
                client.get(reverse(f"documents:{name}", args=[key, candidate.pk])).status_code
                == 200
            )
    # the branch secretary enters the branch's resolution, not the committee's decision
    secretary = login(seats.users.secretary_a1)
    decision_url = reverse("documents:issue", args=["admission_decision", candidate.pk])
    assert secretary.post(decision_url, {"date": "20/05/2024"}).status_code == 403
    resolution_url = reverse("documents:issue", args=["admission_resolution", candidate.pk])
    secretary.post(resolution_url, {"date": "06/05/2024"})
    registered = RegisteredDocument.objects.get()
    assert (registered.number_text, registered.organization_id) == (
        "01-NQ/CB",
        seats.branch_a1.pk,
    )
