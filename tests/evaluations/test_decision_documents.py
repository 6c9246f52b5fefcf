"""The evaluation decisions' list on the document engine (issue 13 item 3): the same content
as PDF and as Word, in the engine's frame (issuer lines, signer, no number of its own)."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document as Docx
from pypdf import PdfReader

from .test_results import build_results


def docx_lines(content: bytes) -> list[str]:
    lines: list[str] = []

    def walk(container):
        for item in container.iter_inner_content():
            if hasattr(item, "rows"):
                for row in item.rows:
                    for cell in row.cells:
                        walk(cell)
            else:
                lines.append(item.text)

    walk(Docx(io.BytesIO(content)))
    return [line for line in lines if line.strip()]


@pytest.fixture
def results(world):
    return build_results(world)


def test_the_members_list_as_word_has_the_pdf_content(client, results):
    world = results.world
    client.force_login(world.users.grassroots_a)
    query = {"year": 2025, "level": "members"}
    docx = client.get(reverse("evaluations:results_docx", args=[world.base_a.pk]), query)
    assert docx.status_code == 200
    assert docx["Content-Disposition"].endswith('danh-sach-xep-loai-dang-vien-2025.docx"')
    lines = docx_lines(docx.content)
    assert lines[:2] == ["ĐẢNG BỘ XÃ AN BÌNH", "ĐẢNG ỦY CƠ SỞ AN BÌNH"]  # R14.5
    assert "DANH SÁCH XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN NĂM 2025" in lines
    assert any(line.startswith("(Kèm theo Quyết định số 25-QĐ/ĐU ngày ") for line in lines)
    assert not any(line.startswith("Số") and "-DS/" in line for line in lines)
    assert "T/M ĐẢNG ỦY" in lines and "BÍ THƯ" in lines
    for text in (world.duc.full_name, world.hoa.full_name, world.branch_a1.name, "HTXSNV"):
        assert text in lines
    assert world.teacher.full_name not in lines
    pdf = client.get(reverse("evaluations:results_pdf", args=[world.base_a.pk]), query)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    for line in ("DANH SÁCH XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN NĂM 2025", world.duc.full_name):
        assert line in " ".join(text.split())


def test_the_word_list_is_scoped(client, results):
    world = results.world
    client.force_login(world.users.officer_a)
    other = reverse("evaluations:results_docx", args=[world.base_b.pk])
    assert client.get(other, {"year": 2025}).status_code == 404
