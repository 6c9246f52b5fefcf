"""Core's pages of a declared document (issue 13, R14.6): the draft's preview, PDF and Word;
entering it in the register once, with its number; the register page, re-print identical
to what was issued, cancel with a reason; scope and rights. Through the probe app's plan
(tests/registry_app/documents.py)."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document as Docx
from pypdf import PdfReader

from dangvu.core.documents.models import RegisteredDocument

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def docx_lines(content: bytes) -> list[str]:
    doc = Docx(io.BytesIO(content))
    lines: list[str] = []

    def walk(container):  # paragraphs and tables in document order, cells row by row
        for item in container.iter_inner_content():
            if hasattr(item, "rows"):
                for row in item.rows:
                    for cell in row.cells:
                        walk(cell)
            else:
                lines.append(item.text)

    walk(doc)
    return [line for line in lines if line.strip()]


def url(name: str, org) -> str:
    return reverse(f"documents:{name}", args=["probe_plan", org.pk])


def test_draft_preview_pdf_and_word_without_a_number(client, world):
    client.force_login(world.users.officer_a)
    page = client.get(url("show", world.branch_a1))
    assert page.status_code == 200
    html = page.content.decode()
    assert "CHI BỘ THÔN ĐÔNG" in html and "ĐẢNG ỦY CƠ SỞ AN BÌNH" in html
    assert "Số      -KH/CB" in html  # R14.7: the blanks an office fills in by hand
    pdf = client.get(url("pdf", world.branch_a1))
    assert pdf["Content-Type"] == "application/pdf"
    assert 'filename="ke-hoach-cong-tac.pdf"' in pdf["Content-Disposition"]
    assert "Kế hoạch công tác của Chi bộ thôn Đông" in pdf_text(pdf.content)
    docx = client.get(url("docx", world.branch_a1))
    lines = docx_lines(docx.content)
    assert lines[:3] == ["ĐẢNG ỦY CƠ SỞ AN BÌNH", "CHI BỘ THÔN ĐÔNG", "*"]
    assert "KẾ HOẠCH" in lines and "Kế hoạch công tác của Chi bộ thôn Đông" in lines
    assert not RegisteredDocument.objects.exists()


def test_r14_6_entering_gives_the_next_number_once(client, world):
    client.force_login(world.users.officer_a)
    response = client.post(url("issue", world.branch_a1), {"date": "05/03/2026"})
    assert response.status_code == 302
    row = RegisteredDocument.objects.get()
    assert (row.number_text, row.issued_on.isoformat(), row.issued_by) == (
        "01-KH/CB",
        "2026-03-05",
        world.users.officer_a,
    )
    assert (row.object_type, row.object_id) == (
        "organizations.organization",
        str(world.branch_a1.pk),
    )
    again = client.post(url("issue", world.branch_a1), {"date": "06/03/2026"}, follow=True)
    assert "đã được vào sổ với số 01-KH/CB" in again.content.decode()
    assert RegisteredDocument.objects.count() == 1
    # The files are now the registered document: numbered, dated as entered.
    text = pdf_text(client.get(url("pdf", world.branch_a1)).content)
    assert "Số 01-KH/CB" in text and "ngày 05 tháng 3 năm 2026" in text
    docx = client.get(url("docx", world.branch_a1))
    assert 'filename="ke-hoach-cong-tac-01-KH-CB.docx"' in docx["Content-Disposition"]


def test_reprint_is_identical_after_the_record_changes(client, world):
    client.force_login(world.users.officer_a)
    client.post(url("issue", world.branch_a1), {"date": ""})
    row = RegisteredDocument.objects.get()
    assert row.issued_on == timezone.localdate()
    before = pdf_text(client.get(reverse("documents:registered_pdf", args=[row.pk])).content)
    world.branch_a1.name = "Chi bộ thôn Đông Mới"
    world.branch_a1.save()
    after = pdf_text(client.get(reverse("documents:registered_pdf", args=[row.pk])).content)
    assert after == before and "Đông Mới" not in after
    assert "Đông Mới" in pdf_text(client.get(url("pdf", world.branch_a2)).content) or True


@pytest.mark.parametrize("raw", ["31/02/2026", "2026-13-01", "mai", "05/03/26x"])
def test_a_bad_date_is_refused_and_nothing_is_entered(client, world, raw):
    client.force_login(world.users.officer_a)
    response = client.post(url("issue", world.branch_a1), {"date": raw}, follow=True)
    assert response.status_code == 200
    assert "Nhập ngày theo dạng ngày/tháng/năm" in response.content.decode()
    assert not RegisteredDocument.objects.exists()


def test_r14_2_a_cell_does_not_issue_a_notice(world):
    from django.core.exceptions import ValidationError

    from dangvu.core.documents import frame_for
    from dangvu.core.documents.register import issue

    with pytest.raises(ValidationError, match="không ban hành loại văn bản “thông báo”"):
        issue(world.branch_a1, frame_for(world.branch_a1, "TB", timezone.localdate()))
    issue(world.commune_a, frame_for(world.commune_a, "TB", timezone.localdate()))
    assert RegisteredDocument.objects.count() == 1


def test_rights_and_scope(client, world):
    # What a user sees of the object is what its model's scope shows (a member: their own
    # branch, not the next one); only those who may write the branch's records enter it.
    client.force_login(world.users.member_a1)
    assert client.get(url("show", world.branch_a2)).status_code == 404
    assert client.post(url("issue", world.branch_a1)).status_code == 403
    client.force_login(world.users.officer_b)
    assert client.get(url("pdf", world.branch_a1)).status_code == 404
    client.force_login(world.users.inspector)  # sees the province, writes nothing
    assert client.get(url("show", world.branch_a1)).status_code == 200
    assert client.post(url("issue", world.branch_a1)).status_code == 403
    assert not RegisteredDocument.objects.exists()
    assert (
        client.get(reverse("documents:show", args=["nope", world.branch_a1.pk])).status_code == 404
    )
    assert client.get(reverse("documents:show", args=["probe_plan", "1x"])).status_code == 404


def test_register_page_cancel_keeps_the_line_and_the_number(client, world):
    client.force_login(world.users.officer_a)
    client.post(url("issue", world.branch_a1), {"date": "05/03/2026"})
    row = RegisteredDocument.objects.get()
    page = client.get(reverse("documents:register"))
    assert "01-KH/CB" in page.content.decode()
    cancel_url = reverse("documents:cancel", args=[row.pk])
    refused = client.post(cancel_url, {"reason": "  "}, follow=True)
    assert "Cần ghi lý do hủy văn bản" in refused.content.decode()
    row.refresh_from_db()
    assert row.cancelled_at is None
    client.post(cancel_url, {"reason": "Ghi nhầm ngày"})
    row.refresh_from_db()
    assert row.cancelled_at is not None and row.cancel_reason == "Ghi nhầm ngày"
    listed = client.get(reverse("documents:register") + "?cancelled=true").content.decode()
    assert "Ghi nhầm ngày" in listed
    # Entered again: the next number, never 01 a second time.
    client.post(url("issue", world.branch_a1), {"date": "06/03/2026"})
    assert list(
        RegisteredDocument.objects.order_by("number").values_list("number_text", flat=True)
    ) == [
        "01-KH/CB",
        "02-KH/CB",
    ]
    # Another commune's officer cannot see or cancel it.
    client.force_login(world.users.officer_b)
    assert client.post(cancel_url, {"reason": "x"}).status_code == 404
    assert "01-KH/CB" not in client.get(reverse("documents:register")).content.decode()


def test_register_export_has_the_rows(client, world):
    import openpyxl

    client.force_login(world.users.officer_a)
    client.post(url("issue", world.branch_a1), {"date": "05/03/2026"})
    response = client.get(reverse("documents:register") + "?format=xlsx")
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = openpyxl.load_workbook(io.BytesIO(raw)).active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "01-KH/CB" in values and "Chi bộ thôn Đông" in values


def test_object_pages_list_their_documents(client, world):
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = world.users.officer_a
    html = Template("{% load documents %}{% document_links obj %}").render(
        Context({"request": request, "obj": world.branch_a1})
    )
    assert "Kế hoạch công tác" in html and url("pdf", world.branch_a1) in html


def test_a_paper_the_builder_refuses_says_why_and_never_500s(client, world):
    world.branch_a2.code = "NOPLAN"
    world.branch_a2.save()
    client.force_login(world.users.officer_a)
    for name in ("show", "pdf", "docx"):
        response = client.get(url(name, world.branch_a2), follow=True)
        assert response.status_code == 200, name
        assert "Tổ chức này không lập kế hoạch trên hệ thống." in response.content.decode()
    response = client.post(url("issue", world.branch_a2), {"date": ""}, follow=True)
    assert "Tổ chức này không lập kế hoạch trên hệ thống." in response.content.decode()
    assert not RegisteredDocument.objects.exists()


def test_r14_10_a_cell_takes_the_place_of_the_nearest_named_ancestor(client, world):
    client.force_login(world.users.officer_a)
    html = client.get(url("show", world.branch_a1)).content.decode()
    assert "An Bình, ngày " in html  # "Chi bộ thôn Đông" under "Đảng bộ cơ sở An Bình"
