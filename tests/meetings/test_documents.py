"""A meeting's papers (issue 13): the invitation (GM), the minutes (BB, R3.8/R14.18) and the
branch resolution (NQ, R14.19), built from records written through the services, rendered
to PDF and DOCX, read back and compared line by line, in order; page 1 of each PDF is
written to var/test-artifacts/documents/ as PNG."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document as Docx
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PdfReader

from dangvu.core.documents import document_docx, document_pdf
from dangvu.core.documents.content import PartyDocument, Signature
from dangvu.core.documents.register import issue, reprint
from dangvu.core.models import RegisteredDocument
from dangvu.core.registry import registry
from dangvu.meetings import documents, services
from dangvu.meetings.choices import AttendanceState, MeetingKind
from dangvu.meetings.models import Meeting
from dangvu.organizations.models import CommitteeSeat
from tests.factories import Kind, MemberFactory, Role, make_org, make_user

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
ARTIFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artifacts" / "documents"
P, E, A = AttendanceState.PRESENT, AttendanceState.EXCUSED, AttendanceState.ABSENT
DAY = dt.date(2026, 3, 10)  # a Tuesday; the clock is pinned ten days later
NOW = dt.datetime(2026, 3, 20, 9, 0, tzinfo=VN)


def at(hour: int, minute: int = 0, day: dt.date = DAY) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=VN)


# ---- reading back -------------------------------------------------------------------------------


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def docx_text(content: bytes) -> str:
    """Paragraphs and table cells in document order (the header table first, the signatures
    last), as a reader of the file sees them."""
    lines: list[str] = []

    def walk(container) -> None:
        for part in container.iter_inner_content():
            if isinstance(part, Paragraph):
                lines.append(part.text)
            elif isinstance(part, Table):
                for row in part.rows:
                    for cell in row.cells:
                        walk(cell)

    walk(Docx(io.BytesIO(content)))
    return "\n".join(lines)


def flat(text: str) -> str:
    return " ".join(text.split())  # a line may wrap in its column of the page


def assert_in_order(raw: str, expected: list[str]) -> None:
    text, position = flat(raw), 0
    for line in expected:
        found = text.find(flat(line), position)
        assert found >= 0, f"missing after position {position}: {line!r}\n---\n{text[position:]}"
        position = found + len(flat(line))


def snapshot(name: str, pdf: bytes) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    source = ARTIFACTS / f"{name}.pdf"
    source.write_bytes(pdf)
    assert shutil.which("pdftoppm"), "poppler's pdftoppm is needed for the page-1 PNG"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(source),
         str(ARTIFACTS / name)],
        check=True,
    )  # fmt: skip
    png = ARTIFACTS / f"{name}.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return png


def both(document: PartyDocument, name: str) -> list[str]:
    pdf, docx = document_pdf(document), document_docx(document)
    assert pdf[:5] == b"%PDF-" and docx[:2] == b"PK"
    snapshot(name, pdf)
    return [pdf_text(pdf), docx_text(docx)]


# ---- the meeting, written through the services ------------------------------------------------


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def cast(clock, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    province = make_org(None, "Đảng bộ tỉnh Thử Nghiệm", Kind.PROVINCE_COMMITTEE)
    commune = make_org(province, "Đảng bộ xã An Bình", Kind.COMMUNE_COMMITTEE)
    office = make_org(commune, "Chi bộ cơ quan Đảng ủy xã", Kind.BRANCH)
    branch = make_org(commune, "Chi bộ thôn Đông", Kind.BRANCH)
    branch.refresh_from_db()
    names = [
        "Nguyễn Văn Đức",
        "Trần Thị Hoa",
        "Lê Văn Bình",
        "Phạm Thị Lan",
        "Hoàng Văn Minh",
        "Đỗ Thị Mai",
    ]
    m = SimpleNamespace(
        **{
            key: MemberFactory(full_name=name, organization=branch)
            for key, name in zip(["duc", "hoa", "binh", "lan", "minh", "mai"], names, strict=True)
        }
    )
    thu = MemberFactory(full_name="Vũ Thị Thu", organization=office)
    since = dt.date(2025, 8, 1)
    CommitteeSeat.objects.create(
        organization=branch, member=m.duc, role="secretary", valid_from=since
    )
    CommitteeSeat.objects.create(organization=branch, member=m.hoa, role="deputy", valid_from=since)
    CommitteeSeat.objects.create(organization=commune, member=thu, role="deputy", valid_from=since)
    admin = make_user("quantri", Role.ADMIN, None, is_staff=True, is_superuser=True)
    secretary = make_user("bithu", Role.BRANCH_SECRETARY, branch)
    services.assign_visit_duty(
        user=admin, committee=commune, member=thu, branch=branch, valid_from=since
    )
    return SimpleNamespace(
        branch=branch, commune=commune, thu=thu, m=m, secretary=secretary, admin=admin
    )


def schedule(cast, **data) -> Meeting:
    payload = {
        "kind": MeetingKind.REGULAR,
        "scheduled_at": at(8),
        "planned_end_at": at(10),
        "place": "Nhà văn hóa thôn Đông",
        "agenda": "Kiểm điểm công tác tháng 02\nNhiệm vụ tháng 3",
        **data,
    }
    return services.schedule_meeting(user=cast.secretary, organization=cast.branch, data=payload)


@pytest.fixture
def held(cast) -> Meeting:
    """Held on 10/3: 3 present, Bình and Lan excused (with reasons), Minh absent, the
    commune's deputy secretary visiting, a guest, minutes, a resolution, a task, a score."""
    user, m = cast.secretary, cast.m
    meeting = schedule(cast)
    services.add_document(
        user=user,
        meeting=meeting,
        title="Dự thảo nghị quyết tháng 3",
        file=SimpleUploadedFile("du-thao.pdf", b"%PDF-1.4 test"),
    )
    services.send_notice(user=user, meeting=meeting)
    meeting.refresh_from_db()
    entries = {
        m.duc.pk: (P, ""),
        m.hoa.pk: (P, ""),
        m.binh.pk: (E, "ốm"),
        m.lan.pk: (E, "đi công tác"),
        m.minh.pk: (A, ""),
        m.mai.pk: (P, ""),
    }
    meeting = services.save_roll_call(
        user=user, meeting=meeting, entries=entries, expected_version=meeting.version
    )
    services.record_visit(user=user, meeting=meeting, member=cast.thu)
    services.record_minutes(
        user=user,
        meeting=meeting,
        data={
            "started_at": at(8),
            "ended_at": at(10, 5),
            "chair": m.duc,
            "minute_taker": m.hoa,
            "guests": "Ông Lý Văn Sơn, Trưởng thôn Đông",
            "items": [
                {
                    "item": "Kiểm điểm công tác tháng 02",
                    "content": "Đồng chí Bí thư báo cáo kết quả tháng 02.",
                    "opinions": "Đồng chí Mai đề nghị đẩy nhanh thu đảng phí.",
                    "for": 3,
                    "against": 0,
                    "abstain": 0,
                },
                {
                    "item": "Nhiệm vụ tháng 3",
                    "content": "Chi bộ thống nhất ba nhiệm vụ trọng tâm.",
                    "opinions": "",
                    "for": 2,
                    "against": 1,
                    "abstain": 0,
                },
            ],
            "conclusions": (
                "Hoàn thành thu đảng phí quý I.\nVận động hội viên tham gia vệ sinh môi trường."
            ),
        },
    )
    services.add_resolution(
        user=user,
        meeting=meeting,
        data={
            "title": "Về nhiệm vụ tháng 3 năm 2026",
            "content": "Hoàn thành thu đảng phí quý I.\nRà soát hồ sơ đảng viên.",
            "votes_for": 3,
            "votes_against": 0,
            "votes_abstain": 0,
        },
    )
    services.add_task(
        user=user,
        meeting=meeting,
        data={"title": "Thu đảng phí quý I", "assignee": m.mai, "due_on": dt.date(2026, 3, 31)},
    )
    meeting.refresh_from_db()
    return meeting


# The left half of the header (superior body, issuer, star, number), then the right half.
HEADER = ["ĐẢNG ỦY XÃ AN BÌNH", "CHI BỘ THÔN ĐÔNG", "*"]
NATIONAL = "ĐẢNG CỘNG SẢN VIỆT NAM"


# ---- the invitation (GM) ---------------------------------------------------------------------


def test_meeting_notice_reads_back_in_pdf_and_docx(cast, held):
    made = dt.date(2026, 3, 5)
    document = documents.notice(held, on=made, user=cast.secretary)
    assert (document.kind, document.title) == ("GM", "GIẤY MỜI")
    expected = [
        *HEADER,
        "Số -GM/CB",
        NATIONAL,
        "An Bình, ngày 05 tháng 3 năm 2026",  # the day it is made, not the meeting's
        "GIẤY MỜI",
        "Dự sinh hoạt chi bộ thường kỳ tháng 3 năm 2026",
        "-----",
        "Kính gửi:",
        "- Đồng chí Vũ Thị Thu, Phó Bí thư Đảng ủy xã An Bình",
        "- Các đồng chí đảng viên Chi bộ thôn Đông (6 đồng chí)",
        "Chi bộ thôn Đông trân trọng kính mời các đồng chí đến dự sinh hoạt chi bộ thường kỳ "
        "tháng 3 năm 2026.",
        "Thời gian: 08 giờ 00 phút, thứ Ba, ngày 10 tháng 3 năm 2026 "
        "(dự kiến kết thúc lúc 10 giờ 00 phút)",
        "Địa điểm: Nhà văn hóa thôn Đông",
        "Nội dung:",
        "- Kiểm điểm công tác tháng 02",
        "- Nhiệm vụ tháng 3",
        "Tài liệu nghiên cứu trước:",
        "- Dự thảo nghị quyết tháng 3",
        "Đề nghị các đồng chí dự đầy đủ, đúng giờ;",
        "Nơi nhận:",
        "- Như kính gửi,",
        "- Lưu VT.",
        "T/M CHI BỘ",
        "BÍ THƯ",
        "Nguyễn Văn Đức",
    ]
    for text in both(document, "meeting_notice"):
        assert_in_order(text, expected)


def test_a_notice_leaves_blanks_for_what_is_not_recorded(cast):
    meeting = schedule(cast, place="", agenda="", planned_end_at=None)
    document = documents.notice(meeting, on=dt.date(2026, 3, 1), user=cast.secretary)
    for text in (pdf_text(document_pdf(document)), docx_text(document_docx(document))):
        # Not notified yet: the follower on duty that day is invited.
        assert_in_order(
            text,
            [
                "An Bình, ngày 01 tháng 3 năm 2026",
                "- Đồng chí Vũ Thị Thu, Phó Bí thư Đảng ủy xã An Bình",
                "Thời gian: 08 giờ 00 phút, thứ Ba, ngày 10 tháng 3 năm 2026",
                "Địa điểm: ……",
                "Nội dung: ……",
                "Đề nghị",
            ],
        )
        assert "Tài liệu nghiên cứu trước" not in text
        assert "dự kiến kết thúc" not in text


# ---- the minutes (BB) ------------------------------------------------------------------------


MINUTES_BODY = [
    "I. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN",
    "Bắt đầu: 08 giờ 00 phút, ngày 10 tháng 3 năm 2026",
    "Kết thúc: 10 giờ 05 phút, ngày 10 tháng 3 năm 2026",
    "Địa điểm: Nhà văn hóa thôn Đông",
    "Chủ tọa: Nguyễn Văn Đức (Bí thư chi bộ)",
    "Thư ký: Trần Thị Hoa (Phó Bí thư chi bộ)",
    "Tổng số đảng viên phải dự: 6 đồng chí",
    "Có mặt: 3 đồng chí",
    # By the Vietnamese order of names (given name first): Bình before Lan.
    "Vắng có lý do: 2 đồng chí: Lê Văn Bình (ốm); Phạm Thị Lan (đi công tác)",
    "Vắng không có lý do: 1 đồng chí: Hoàng Văn Minh",
    "Đồng chí cấp ủy cấp trên dự: Vũ Thị Thu, Phó Bí thư Đảng ủy xã An Bình",
    "Khách mời khác: Ông Lý Văn Sơn, Trưởng thôn Đông",
    "II. NỘI DUNG",
    "Chương trình:",
    "- Kiểm điểm công tác tháng 02",
    "- Nhiệm vụ tháng 3",
    "1. Kiểm điểm công tác tháng 02",
    "Nội dung: Đồng chí Bí thư báo cáo kết quả tháng 02.",
    "Ý kiến phát biểu: Đồng chí Mai đề nghị đẩy nhanh thu đảng phí.",
    "Biểu quyết: tán thành 3/3 đồng chí có mặt (100%); không tán thành 0; không biểu quyết 0",
    "2. Nhiệm vụ tháng 3",
    "Nội dung: Chi bộ thống nhất ba nhiệm vụ trọng tâm.",
    "Ý kiến phát biểu: ……",
    "Biểu quyết: tán thành 2/3 đồng chí có mặt (66,7%); không tán thành 1; không biểu quyết 0",
    "III. KẾT LUẬN",
    "Hoàn thành thu đảng phí quý I.",
    "Vận động hội viên tham gia vệ sinh môi trường.",
    "Nghị quyết được biểu quyết thông qua:",
    "- Về nhiệm vụ tháng 3 năm 2026: tán thành 3/3 đồng chí có mặt (100%); không tán thành 0; "
    "không biểu quyết 0",
    "Phân công thực hiện:",
    "- Thu đảng phí quý I: Đỗ Thị Mai, hạn 31/03/2026",
]


def test_meeting_minutes_reads_back_in_pdf_and_docx(cast, held):
    document = documents.minutes(held, on=dt.date(2026, 3, 20), user=cast.secretary)
    assert document.kind == "BB" and document.date == DAY  # the meeting's date
    assert [(s.capacity, s.name) for s in document.signers] == [
        ("THƯ KÝ", "Trần Thị Hoa"),
        ("CHỦ TỌA", "Nguyễn Văn Đức"),
    ]
    expected = [
        *HEADER,
        "Số -BB/CB",
        NATIONAL,
        "An Bình, ngày 10 tháng 3 năm 2026",
        "BIÊN BẢN",
        "Sinh hoạt chi bộ thường kỳ tháng 3 năm 2026",
        "-----",
        *MINUTES_BODY,
        "Chi bộ tự đánh giá chất lượng buổi sinh hoạt: ……",  # not scored yet
    ]
    for text in both(document, "meeting_minutes"):
        assert_in_order(text, expected)
        # Signed by the minute taker and the chair, side by side; not for the collective.
        tail = flat(text)[flat(text).rfind("Chi bộ tự đánh giá") :]
        assert tail.index("THƯ KÝ") < tail.index("CHỦ TỌA")
        assert "Trần Thị Hoa" in tail and "Nguyễn Văn Đức" in tail
        assert "T/M CHI BỘ" not in text and "Nơi nhận" not in text


def test_the_minutes_quote_the_self_score(cast, held):
    services.score_meeting(
        user=cast.secretary, meeting=held, entered={"preparation": 0, "content": 0}
    )
    held.refresh_from_db()
    rating = {"good": "Tốt", "fair": "Khá", "average": "Trung bình", "weak": "Kém"}
    line = (
        "Chi bộ tự đánh giá chất lượng buổi sinh hoạt: "
        f"{rating[held.quality_rating]} ({held.quality_score} điểm)"
    )
    document = documents.minutes(held, on=NOW.date(), user=cast.secretary)
    assert_in_order(docx_text(document_docx(document)), [line])


def test_minutes_of_a_meeting_not_yet_recorded_leave_blanks(cast):
    meeting = schedule(cast, place="")
    document = documents.minutes(meeting, on=NOW.date(), user=cast.secretary)
    assert [(s.capacity, s.name) for s in document.signers] == [("THƯ KÝ", ""), ("CHỦ TỌA", "")]
    for text in (pdf_text(document_pdf(document)), docx_text(document_docx(document))):
        assert_in_order(
            text,
            [
                "Bắt đầu: …… giờ …… phút, ngày 10 tháng 3 năm 2026",
                "Kết thúc: …… giờ …… phút, ngày 10 tháng 3 năm 2026",
                "Địa điểm: ……",
                "Chủ tọa: ……",
                "Thư ký: ……",
                "Tổng số đảng viên phải dự: 6 đồng chí",
                "Có mặt: …… đồng chí",
                "Vắng có lý do: …… đồng chí",
                "Vắng không có lý do: …… đồng chí",
                "Đồng chí cấp ủy cấp trên dự: ……",
                "Khách mời khác: ……",
                "1. Kiểm điểm công tác tháng 02",
                "Nội dung: ……",
                "Ý kiến phát biểu: ……",
                "Biểu quyết: ……",
                "III. KẾT LUẬN",
                "……",
                "Chi bộ tự đánh giá chất lượng buổi sinh hoạt: ……",
                "THƯ KÝ",
                "CHỦ TỌA",
            ],
        )


def test_a_registered_minutes_reprints_with_both_signers(cast, held):
    document = documents.minutes(held, on=NOW.date(), user=cast.secretary)
    registered = issue(cast.branch, document, user=cast.secretary, obj=held, key="meeting_minutes")
    assert registered.number_text == "01-BB/CB"
    again = reprint(registered)
    assert again == document and again.signers[0] == Signature("THƯ KÝ", "", "Trần Thị Hoa")
    assert_in_order(pdf_text(document_pdf(again)), ["Số 01-BB/CB", "THƯ KÝ", "CHỦ TỌA"])


# ---- the branch resolution (NQ) ----------------------------------------------------------------


def test_branch_resolution_reads_back_in_pdf_and_docx(cast, held):
    document = documents.resolution(held, on=NOW.date(), user=cast.secretary)
    registered = issue(cast.branch, document, user=cast.secretary, obj=held)
    assert registered.number_text == "01-NQ/CB"  # R14.19: "Số NN-NQ/CB"
    expected = [
        *HEADER,
        "Số 01-NQ/CB",
        NATIONAL,
        "An Bình, ngày 10 tháng 3 năm 2026",
        "NGHỊ QUYẾT",
        "Về nhiệm vụ tháng 3 năm 2026",
        "-----",
        "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
        "Căn cứ kết quả buổi sinh hoạt chi bộ thường kỳ ngày 10 tháng 3 năm 2026 "
        "(có mặt 3/6 đảng viên),",
        "CHI BỘ QUYẾT NGHỊ:",
        "Hoàn thành thu đảng phí quý I.",
        "Rà soát hồ sơ đảng viên.",
        "Biểu quyết: tán thành 3/3 đồng chí có mặt (100%); không tán thành 0; không biểu quyết 0",
        "Phân công thực hiện:",
        "- Thu đảng phí quý I: Đỗ Thị Mai, hạn 31/03/2026",
        "Chi ủy, các đồng chí đảng viên trong chi bộ có trách nhiệm thực hiện nghị quyết này.",
        "Nơi nhận:",
        "- Đảng ủy xã An Bình (để báo cáo),",
        "- Đảng viên trong chi bộ (để thực hiện),",
        "- Lưu VT.",
        "T/M CHI BỘ",
        "BÍ THƯ",
        "Nguyễn Văn Đức",
    ]
    for text in both(document, "meeting_resolution"):
        assert_in_order(text, expected)


def test_a_resolution_without_resolutions_quotes_the_conclusions(cast):
    meeting = schedule(cast)
    services.record_minutes(
        user=cast.secretary,
        meeting=meeting,
        data={"started_at": at(8), "ended_at": at(9, 45), "conclusions": "Một.\nHai."},
    )
    document = documents.resolution(meeting, on=NOW.date(), user=cast.secretary)
    assert document.subtitle == "Sinh hoạt chi bộ thường kỳ tháng 3 năm 2026"
    text = docx_text(document_docx(document))
    assert_in_order(text, ["CHI BỘ QUYẾT NGHỊ:", "1. Một.", "2. Hai.", "T/M CHI BỘ"])
    assert "(có mặt" not in text  # no roll call recorded: no attendance invented


# ---- declared for core's pages ------------------------------------------------------------------


def test_the_three_papers_are_declared_and_linked_from_the_meeting_page(cast, held, client):
    declared = {d.key: d for d in registry().documents if d.model == "meetings.Meeting"}
    assert {k: declared[k].kind for k in declared} == {
        "meeting_notice": "GM",
        "meeting_minutes": "BB",
        "meeting_resolution": "NQ",
    }
    assert all(d.permission == "dangvu.meetings.services.may_manage" for d in declared.values())
    client.force_login(cast.secretary)
    page = client.get(reverse("meetings:detail", args=[held.pk]))
    assert page.status_code == 200
    for key in declared:
        assert reverse("documents:show", args=[key, held.pk]) in page.content.decode()
    pdf = client.get(reverse("documents:pdf", args=["meeting_minutes", held.pk]))
    assert pdf.status_code == 200 and "Trần Thị Hoa" in pdf_text(pdf.content)
    preview = client.get(reverse("documents:show", args=["meeting_minutes", held.pk]))
    html = preview.content.decode()
    assert html.index("THƯ KÝ") < html.index("CHỦ TỌA")  # both signers, as on paper


def test_a_thematic_meeting_with_two_resolutions_numbers_them(cast):
    meeting = schedule(cast, kind=MeetingKind.THEMATIC, topic="Học tập Nghị quyết Đại hội")
    for title in ("Về học tập nghị quyết", "Về kế hoạch hành động"):
        services.add_resolution(
            user=cast.secretary, meeting=meeting, data={"title": title, "content": "Nội dung."}
        )
    document = documents.resolution(meeting, on=NOW.date(), user=cast.secretary)
    assert document.subtitle == "Sinh hoạt chuyên đề “Học tập Nghị quyết Đại hội”"
    assert_in_order(
        pdf_text(document_pdf(document)),
        [
            "Căn cứ kết quả buổi sinh hoạt chuyên đề “Học tập Nghị quyết Đại hội” ngày 10 "
            "tháng 3 năm 2026,",
            "CHI BỘ QUYẾT NGHỊ:",
            "1. Về học tập nghị quyết",
            "Nội dung.",
            "Biểu quyết: ……",
            "2. Về kế hoạch hành động",
            "Nội dung.",
            "Biểu quyết: ……",
        ],
    )
    minutes = documents.minutes(meeting, on=NOW.date(), user=cast.secretary)
    assert minutes.subtitle == "Sinh hoạt chuyên đề “Học tập Nghị quyết Đại hội”"


def test_only_the_branchs_managers_enter_a_paper_in_the_register(cast, held, client):
    plain = make_user("dangvien", Role.MEMBER, cast.branch, member=cast.m.mai)
    url = reverse("documents:issue", args=["meeting_resolution", held.pk])
    client.force_login(plain)
    assert client.post(url, {"date": "20/03/2026"}).status_code == 403
    assert not RegisteredDocument.objects.exists()
    client.force_login(cast.secretary)
    client.post(url, {"date": "20/03/2026"})
    registered = RegisteredDocument.objects.get()
    assert (registered.number_text, registered.issued_on) == ("01-NQ/CB", DAY)
    assert registered.document_key == "meeting_resolution"


def test_the_engine_prints_several_signers_with_the_recipients_under_them(cast):
    """The generic support the minutes use (core.documents: `PartyDocument.signers`): any
    number of columns, left to right, the recipients below; serialized for re-prints."""
    document = PartyDocument(
        kind="BB",
        issuing_body="CHI BỘ THÔN ĐÔNG",
        date=DAY,
        signers=[Signature("THƯ KÝ", "", "A Thư"), Signature("CHỦ TỌA", "BÍ THƯ", "B Chủ")],
        recipients=("Lưu VT.",),
    )
    assert PartyDocument.from_dict(document.to_dict()) == document
    for text in (pdf_text(document_pdf(document)), docx_text(document_docx(document))):
        # Column by column (DOCX) or row by row (PDF): left before right, top to bottom.
        for pair in (["THƯ KÝ", "A Thư"], ["CHỦ TỌA", "BÍ THƯ", "B Chủ"], ["THƯ KÝ", "CHỦ TỌA"]):
            assert_in_order(text, pair)
        assert_in_order(text, ["A Thư", "B Chủ", "Nơi nhận:", "- Lưu VT."])


def test_a_committee_meeting_calls_the_committee(cast):
    meeting = schedule(cast, kind=MeetingKind.COMMITTEE)
    notice = documents.notice(meeting, on=dt.date(2026, 3, 1), user=cast.secretary)
    minutes = documents.minutes(meeting, on=NOW.date(), user=cast.secretary)
    assert notice.subtitle == "Dự họp chi ủy tháng 3 năm 2026"
    # The branch committee: the secretary and the deputy.
    assert_in_order(
        docx_text(document_docx(notice)),
        ["- Các đồng chí chi ủy viên Chi bộ thôn Đông (2 đồng chí)"],
    )
    assert_in_order(
        docx_text(document_docx(minutes)),
        ["Họp chi ủy tháng 3 năm 2026", "Tổng số chi ủy viên phải dự: 2 đồng chí"],
    )
