"""The pages, exports, API and command line: scope, bad parameters, files read back."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from pypdf import PdfReader

from tests import xlsx_read

pytestmark = pytest.mark.django_db
ARTIFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artifacts" / "reports"
Q = "year=2025"


def test_dashboard_shows_the_officers_figures_and_links_to_the_lists(year_2025, login):
    client = login(year_2025.users.officer_a)
    response = client.get(reverse("reports:dashboard") + "?" + Q)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-figure="members.total"' in html and 'data-value="6"' in html
    assert "figure=members.women" in html and "<svg" in html
    assert "Bình Minh" not in html  # commune_b is outside the scope


def test_a_plain_member_sees_no_report(year_2025, login):
    client = login(year_2025.users.member_a1)
    assert client.get(reverse("reports:dashboard")).status_code == 403
    assert client.get("/api/reports/dashboard/").status_code == 403


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("year=abc", "year"),
        ("year=1800", "year"),
        ("on=31/02/2022", "on"),
        ("on=01/01/2999", "on"),
        ("year=2024&on=01/01/2025", "on"),
        ("org=XB", "org"),  # the sibling commune: not in the officer's scope
        ("org=999999", "org"),
        ("on=01/01/1990", "on"),  # before the commune was founded (2000)
    ],
)
def test_bad_parameters_get_a_clear_message_not_a_500(year_2025, login, query, field):
    client = login(year_2025.users.officer_a)
    for url in ("reports:dashboard", "reports:list", "reports:narrative", "reports:export"):
        response = client.get(reverse(url) + "?" + query + "&figure=members.total")
        assert response.status_code == 400, (url, query)
        assert 'id="report-errors"' in response.content.decode()
    api = client.get("/api/reports/members/?" + query)
    assert api.status_code == 400 and field in api.json()


def test_drill_down_lists_the_rows_in_scope_and_exports_them(year_2025, login):
    client = login(year_2025.users.officer_a)
    url = reverse("reports:list") + f"?{Q}&figure=members.women"
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Trần Thị Hoa" in html and "Phạm Thị Lan" in html and "Vũ Thị Mai" in html
    assert "Nguyễn Văn Đức" not in html
    response = client.get(url + "&format=xlsx")
    sheet = xlsx_read.sheet(response)
    rows = xlsx_read.table(sheet)
    assert len(rows) == 4
    assert xlsx_read.title_lines(sheet)[0] == year_2025.commune_a.name
    assert "31/12/2025" in xlsx_read.title_lines(sheet)[2]  # the period
    names = {row[1] for row in rows[1:]}
    assert names == {"Trần Thị Hoa", "Phạm Thị Lan", "Vũ Thị Mai"}
    hoa = next(row for row in rows if row[1] == "Trần Thị Hoa")
    assert hoa[2].date().isoformat() == "1992-08-09" and hoa[5] == "Chi bộ thôn Đông"
    other = client.get(reverse("reports:list") + f"?{Q}&figure=members.total&org=XB")
    assert other.status_code == 400
    unknown = client.get(reverse("reports:list") + f"?{Q}&figure=nope")
    assert unknown.status_code == 400


def test_report_xlsx_has_real_numbers_cell_by_cell(year_2025, login):
    client = login(year_2025.users.officer_a)
    response = client.get(reverse("reports:export") + f"?{Q}&format=xlsx")
    sheet = xlsx_read.sheet(response)
    # Issue 13: a title block on top (organization, what, period, date made), then the headers.
    lines = xlsx_read.title_lines(sheet)
    assert lines[0] == "Đảng bộ xã An Bình"
    assert lines[2] == gettext("From %(start)s to %(end)s") % {
        "start": "01/01/2025",
        "end": "31/12/2025",
    }
    assert lines[3].endswith(timezone.localdate().strftime("%d/%m/%Y"))
    rows = xlsx_read.table(sheet)
    assert rows[0][0] == "STT" and sheet.freeze_panes == "B7"
    assert not any(gettext("Organization") == cell for row in rows for cell in row)  # no footer
    by_label = {(r[1], r[3]): r for r in rows[1:] if r and r[3]}
    members = rows[1]
    assert members[0] == 1 and members[4] == 6 and members[5] is None
    official = rows[2]
    assert official[4] == 3 and official[5] == 6 and official[6] == pytest.approx(0.5)
    assert isinstance(official[4], int)
    assert sheet.cell(row=8, column=7).number_format == "0.00%"
    assert sheet.cell(row=8, column=5).number_format == "#,##0"
    assert len(by_label) > 40


def test_report_pdf_in_the_party_layout_with_text_and_png(year_2025, login):
    client = login(year_2025.users.officer_a)
    response = client.get(reverse("reports:export") + f"?{Q}&format=pdf")
    assert response["Content-Type"] == "application/pdf"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = ARTIFACTS / "dashboard-XA-2025.pdf"
    pdf.write_bytes(response.content)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    # The issuing body is the committee (issue 13, R14.4): "ĐẢNG ỦY", not "ĐẢNG BỘ".
    assert "ĐẢNG ỦY XÃ AN BÌNH" in text and "Đảng bộ tỉnh Thử Nghiệm".upper() in text
    assert "-BC/ĐU" in text and "An Bình, ngày " in text
    assert "01/01/2025" in text and "31/12/2025" in text
    assert "3/6" in text and "50%" in text  # official members, women's share
    assert "85%" in text  # attendance
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", str(pdf), str(ARTIFACTS / "dashboard-XA-2025")],
            check=True,
        )
        assert list(ARTIFACTS.glob("dashboard-XA-2025*.png"))


def test_narrative_page_has_the_sentences_and_a_copy_button(year_2025, login):
    client = login(year_2025.users.officer_a)
    response = client.get(reverse("reports:narrative") + "?" + Q)
    html = response.content.decode()
    assert response.status_code == 200 and 'id="copy-narrative"' in html
    assert "33,33%" in html and "1/3 (33,33%)" in html


def test_api_returns_the_same_figures_as_the_page(year_2025, login):
    client = login(year_2025.users.officer_a)
    data = client.get("/api/reports/dashboard/?org=XA&year=2025").json()
    assert data["organization"]["code"] == "XA" and data["on"] == "2025-12-31"
    members = data["sections"][0]
    assert members["key"] == "members" and members["figures"][0]["value"] == 6
    assert client.get("/api/reports/members/?org=XB&year=2025").status_code == 400
    own = client.get(f"/api/reports/localities/?org={year_2025.commune_a.pk}&on=31/12/2025")
    assert own.json()["sections"][0]["figures"][0]["value"] == 3


def test_trend_chart_is_an_svg(year_2025, login):
    client = login(year_2025.users.officer_a)
    response = client.get(reverse("reports:trend_chart") + "?" + Q)
    assert response["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in response.content and b"2025" in response.content
    # Nothing fetched from the network: no script, no external link (namespaces aside).
    assert b"<script" not in response.content
    assert not re.search(rb'(href|src)="https?:', response.content)


def test_command_line_writes_json_and_xlsx(year_2025, tmp_path):
    out = tmp_path / "r.json"
    call_command(
        "report", "dashboard", org="XA", year="2025", format="json", out=str(out), verbosity=0
    )
    data = json.loads(out.read_text())
    assert data["sections"][0]["figures"][0]["value"] == 6
    xlsx = tmp_path / "r.xlsx"
    call_command(
        "report", "members", org="XA", on="31/12/2025", format="xlsx", out=str(xlsx), verbosity=0
    )
    sheet = xlsx_read.sheet(xlsx)
    assert xlsx_read.title_lines(sheet)[0] == "Đảng bộ xã An Bình"
    assert "31/12/2025" in xlsx_read.title_lines(sheet)[2]
    assert xlsx_read.table(sheet)[1][4] == 6  # the column headers, then the figures
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="org"):
        call_command("report", "members", org="NOPE", format="json", verbosity=0)


def test_an_organization_that_did_not_exist_yet_points_to_the_tree_of_that_date(year_2025, login):
    """Not a dead end: the message links to the organizations that existed on that date."""
    client = login(year_2025.users.officer_a)
    response = client.get(reverse("reports:dashboard") + "?on=01/01/1990")
    assert response.status_code == 400
    assert reverse("organizations:tree") + "?on=01/01/1990" in response.content.decode()
