"""A 50,000-row workbook checked in one pass (defects found at their exact rows, nothing
written), and the list exports' csv variants with formulas neutralized."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from dangvu.core.exports import Column, write_xlsx
from dangvu.imports.models import RunStatus
from dangvu.members.models import Member
from tests import xlsx_read

from .helpers import MEMBER_HEADERS, member_row, run_import

pytestmark = pytest.mark.django_db

ROWS = 50_000


def test_a_50000_row_file_is_checked_whole_and_nothing_is_written(world, tmp_path):
    bad = {12_345: "31/02/1999", 49_999: "không rõ"}  # spreadsheet row → bad birth date

    def rows():
        for n in range(1, ROWS + 1):
            row = member_row(n, world.branch_a1.code)
            if n + 1 in bad:
                row[MEMBER_HEADERS.index("Ngày sinh")] = bad[n + 1]
            yield row

    columns = [Column(h, lambda r, i=i: r[i]) for i, h in enumerate(MEMBER_HEADERS)]
    path = tmp_path / "lon.xlsx"
    write_xlsx(path, columns, rows(), sheet_title="Đảng viên", numbered=False)
    before = Member.objects.count()
    run = run_import(path, org=world.commune_a, user=world.users.officer_a)
    assert run.rows == ROWS
    assert run.status == RunStatus.INVALID
    errors = [(p["row"], p["column"]) for p in run.problems if p["severity"] == "error"]
    assert sorted(errors) == [(12_345, "Ngày sinh"), (49_999, "Ngày sinh")]
    assert run.created == ROWS - 2 and run.invalid == 2
    assert Member.objects.count() == before


def test_list_exports_come_as_csv_and_neutralize_formulas(world, login):
    Member.objects.filter(pk=world.duc.pk).update(
        full_name='=HYPERLINK("http://x.example/","Đức")', phone="+84 912 345 678"
    )
    client = login(world.users.officer_a)
    response = client.get(reverse("members:export"))
    sheet = xlsx_read.sheet(response)
    names = [row[1] for row in xlsx_read.table(sheet)[1:]]
    assert '\'=HYPERLINK("http://x.example/","Đức")' in names
    assert not any(str(n).startswith("=") for n in names)
    response = client.get(reverse("members:export") + "?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert any(line[0].startswith("'=HYPERLINK") for line in lines[1:])
    assert "Hoàng Văn Minh" not in text  # same scope as the page
    assert any("'+84 912 345 678" in line for line in lines[1:])
    events = client.get(reverse("members:events_export") + "?format=csv")
    assert events.status_code == 200 and events["Content-Type"].startswith("text/csv")
    meetings = client.get(reverse("meetings:statistics_export") + "?format=csv")
    assert meetings.status_code == 200 and meetings["Content-Type"].startswith("text/csv")
    admissions = client.get(
        reverse("admissions:statistics_export"),
        {"year": str(dt.date.today().year), "format": "csv"},
    )
    assert admissions.status_code == 200
    text = b"".join(admissions.streaming_content).decode("utf-8-sig")
    assert "An Bình" in text and "Bình Minh" not in text
