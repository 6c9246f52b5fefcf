"""Evaluation results as files: xlsx read back cell by cell, PDF text extracted with pypdf."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils.translation import gettext
from pypdf import PdfReader

from dangvu.evaluations.choices import Rating
from tests import xlsx_read

from .test_results import build_results

LIST_XLSX = reverse("evaluations:results_list_export")
SUMMARY_XLSX = reverse("evaluations:results_export")


@pytest.fixture
def results(world):
    return build_results(world)


def sheet(response):
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
    raw = b"".join(response.streaming_content)
    workbook = openpyxl.load_workbook(io.BytesIO(raw))
    return workbook.worksheets[0]


def pdf_text(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_list_of_excellent_members_reads_back_cell_by_cell(client, results):
    world = results.world
    client.force_login(world.users.officer_a)
    ws = sheet(
        client.get(
            LIST_XLSX,
            {"organization": world.commune_a.pk, "year": 2025, "rating": "excellent"},
        )
    )
    rows = xlsx_read.table(ws)
    header = rows[0]
    assert header[0] == "STT" and len(rows) == 3
    assert xlsx_read.title_lines(ws)[:3] == [
        world.commune_a.name,
        f"{gettext('Party members')}: {Rating.EXCELLENT.label}",
        gettext("Evaluation results %(year)s") % {"year": 2025},
    ]
    column = {title: i for i, title in enumerate(header)}
    by_name = {row[column[gettext("Full name")]]: row for row in rows[1:]}
    assert set(by_name) == {world.duc.full_name, world.teacher.full_name}
    duc = by_name[world.duc.full_name]
    assert duc[0] in (1, 2)  # numbered rows
    assert duc[column[gettext("Self-assessed points")]] == 93.5  # a number, not text
    assert duc[column[gettext("Rating level")]] == "HTXSNV"
    assert duc[column[gettext("Party branch")]] == world.branch_a1.name
    assert duc[column[gettext("Decided on")]].date() == dt.date(2025, 12, 20)
    assert duc[column[gettext("Decision number")]] == "25-QĐ/ĐU"
    assert by_name[world.teacher.full_name][column[gettext("Grassroots organization")]] == (
        world.school_a.name
    )


def test_a_year_before_points_exports_levels_only(client, results):
    world = results.world
    client.force_login(world.users.officer_a)
    ws = sheet(client.get(LIST_XLSX, {"organization": world.commune_a.pk, "year": 2024}))
    rows = xlsx_read.table(ws)
    assert len(rows) == 3  # Đức and Hoa, rated HTTNV in 2024
    assert gettext("Self-assessed points") not in rows[0]
    level = rows[0].index(gettext("Rating level"))
    assert [row[level] for row in rows[1:]] == ["HTTNV", "HTTNV"]


def test_the_summary_by_organization_has_real_numbers(client, results):
    world = results.world
    client.force_login(world.users.officer_a)
    ws = sheet(client.get(SUMMARY_XLSX, {"organization": world.commune_a.pk, "year": 2025}))
    assert xlsx_read.title_lines(ws)[:2] == [
        world.commune_a.name,
        gettext("Evaluation results %(year)s") % {"year": 2025},
    ]
    rows = xlsx_read.table(ws)
    header = rows[0]
    column = {title: i for i, title in enumerate(header)}
    lines = {row[1]: row for row in rows[1:]}
    assert list(lines) == [world.base_a.name, world.school_a.name, gettext("Total")]
    members = str(gettext("Party members"))
    base, school, total = rows[1], rows[2], rows[3]
    assert base[column[f"{members}: HTXSNV"]] == 1
    assert base[column[f"{members}: HTTNV"]] == 6
    assert school[column[f"{members}: HTXSNV"]] == 1
    assert total[column[f"{members}: HTXSNV"]] == 2
    assert total[column[f"{members}: KHTNV"]] == 1
    assert total[column[f"{members}: HTXSNV (%)"]] == pytest.approx(2 / 12)
    assert total[column[gettext("%(level)s rated") % {"level": members}]] == 12
    assert total[column[gettext("Members not rated")]] == 1
    branches = str(gettext("Branches under grassroots committees"))
    assert base[column[f"{branches}: HTXSNV"]] == 1


def test_the_decisions_list_prints_in_the_party_layout(client, results):
    world = results.world
    client.force_login(world.users.grassroots_a)
    url = reverse("evaluations:results_pdf", args=[world.base_a.pk])
    text = pdf_text(client.get(url, {"year": 2025, "level": "members"}))
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "DANH SÁCH XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN NĂM 2025" in text
    assert "25-QĐ/ĐU" in text  # the decision the list goes with
    assert world.duc.full_name in text and world.hoa.full_name in text
    assert world.branch_a1.name in text and "HTXSNV" in text
    assert "93,5" in text or "93.5" in text  # points: 2025 is scored out of 100
    assert world.teacher.full_name not in text and world.minh.full_name not in text
    branches = pdf_text(client.get(url, {"year": 2025, "level": "branches"}))
    assert "DANH SÁCH XẾP LOẠI CHẤT LƯỢNG CHI BỘ" in branches
    assert world.branch_a2.name in branches


def test_the_grassroots_list_of_a_commune_and_a_year_without_points(client, results):
    world = results.world
    client.force_login(world.users.officer_a)
    url = reverse("evaluations:results_pdf", args=[world.commune_a.pk])
    text = pdf_text(client.get(url, {"year": 2025}))  # default level: grassroots
    assert "TỔ CHỨC CƠ SỞ ĐẢNG NĂM 2025" in text
    assert world.school_a.name in text and world.base_b.name not in text
    client.force_login(world.users.grassroots_a)
    old = pdf_text(
        client.get(
            reverse("evaluations:results_pdf", args=[world.base_a.pk]),
            {"year": 2024, "level": "members"},
        )
    )
    assert "NĂM 2024" in old and "Điểm" not in old


def test_the_pdf_is_scoped_and_refuses_empty_lists_clearly(client, results):
    world = results.world
    client.force_login(world.users.officer_a)
    other = reverse("evaluations:results_pdf", args=[world.base_b.pk])
    assert client.get(other, {"year": 2025}).status_code == 404
    empty = reverse("evaluations:results_pdf", args=[world.school_a.pk])
    response = client.get(empty, {"year": 2024, "level": "members"}, follow=True)
    assert response.redirect_chain  # back to the results page, with the reason
    assert gettext("No decided evaluations for this organization and year.") in (
        response.content.decode().replace("&#x27;", "'")
    )
