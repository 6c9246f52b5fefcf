"""The import page: upload, mapping, check, import; bad input never gives a 500; scope."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.urls import reverse

from dangvu.imports.models import ImportRun, RunStatus
from dangvu.members.models import Member

from .helpers import MEMBER_HEADERS, member_row, write_csv, write_xlsx

pytestmark = pytest.mark.django_db


def upload(client, path, org, kind="members", **extra):
    with open(path, "rb") as handle:
        return client.post(
            reverse("imports:index"),
            {"kind": kind, "organization": org.pk, "file": handle, **extra},
        )


def test_upload_check_and_import_a_clean_file(world, login, tmp_path):
    client = login(world.users.officer_a)
    assert client.get(reverse("imports:index")).status_code == 200
    rows = [member_row(n, world.branch_a1.code) for n in range(1, 4)]
    path = write_xlsx(tmp_path / "ds.xlsx", MEMBER_HEADERS, rows)
    response = upload(client, path, world.commune_a)
    assert response.status_code == 302
    run = ImportRun.objects.get()
    assert run.status == RunStatus.UPLOADED and run.created_by == world.users.officer_a
    page = client.get(response.url)
    assert page.status_code == 200 and 'id="mapping"' in page.content.decode()
    data = {f"col_{i}": key for i, key in run.mapping.items()}
    data = {f"col_{i}": run.mapping.get(str(i), "") for i in range(len(run.headers))}
    response = client.post(reverse("imports:mapping", args=[run.pk]), data)
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == RunStatus.VALIDATED and run.created == 3
    before = Member.objects.count()
    assert before == Member.objects.count()  # checking writes nothing
    page = client.get(reverse("imports:run", args=[run.pk])).content.decode()
    assert 'id="do-import"' in page and 'data-count="created">3<' in page
    response = client.post(reverse("imports:confirm", args=[run.pk]))
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert Member.objects.count() == before + 3
    # Importing twice is refused; the page says so.
    client.post(reverse("imports:confirm", args=[run.pk]))
    assert Member.objects.count() == before + 3


def test_a_file_with_errors_shows_the_report_and_can_import_the_valid_rows(world, login, tmp_path):
    client = login(world.users.officer_a)
    rows = [
        member_row(1, world.branch_a1.code),
        member_row(2, "Chi bộ không có"),
        member_row(3, world.branch_a1.code, **{"Ngày sinh": "30/02/1980"}),
    ]
    path = write_csv(tmp_path / "loi.csv", MEMBER_HEADERS, rows)
    run_url = upload(client, path, world.commune_a).url
    run = ImportRun.objects.get()
    data = {f"col_{i}": run.mapping.get(str(i), "") for i in range(len(run.headers))}
    client.post(reverse("imports:mapping", args=[run.pk]), data)
    page = client.get(run_url).content.decode()
    assert 'data-row="3"' in page and 'data-row="4"' in page and 'id="do-import-valid"' in page
    report = client.get(reverse("imports:report", args=[run.pk]))
    assert report.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(report.streaming_content))).active
    assert {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)} >= {3, 4}
    before = Member.objects.count()
    client.post(reverse("imports:confirm", args=[run.pk]), {"valid_only": "1"})
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and Member.objects.count() == before + 1


def test_bad_uploads_get_a_message_not_a_500(world, login, tmp_path):
    client = login(world.users.officer_a)
    empty = tmp_path / "rong.csv"
    empty.write_bytes(b"")
    response = upload(client, empty, world.commune_a)
    assert response.status_code == 400
    junk = tmp_path / "anh.xlsx"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    response = upload(client, junk, world.commune_a)
    assert response.status_code == 302
    page = client.get(response.url)
    assert page.status_code == 200
    run = ImportRun.objects.latest("pk")
    assert run.status == RunStatus.INVALID and run.problems[0]["row"] == 0
    # Steps on a run that could not be read, and garbage mapping values.
    response = client.post(reverse("imports:mapping", args=[run.pk]), {"col_0": "nonsense"})
    assert response.status_code in (302, 400)
    response = client.post(reverse("imports:confirm", args=[run.pk]))
    assert response.status_code == 302
    response = client.post(reverse("imports:index"), {"kind": "members"})
    assert response.status_code == 400
    response = client.post(
        reverse("imports:index"), {"kind": "bogus", "organization": "x", "file": "y"}
    )
    assert response.status_code == 400
    assert client.get(reverse("imports:export_choose") + "?organization=abc").status_code == 302


def test_nobody_imports_outside_their_subtree(world, login, tmp_path):
    client = login(world.users.officer_b)
    path = write_xlsx(tmp_path / "ds.xlsx", MEMBER_HEADERS, [member_row(1, "X")])
    response = upload(client, path, world.commune_a)
    assert response.status_code == 400  # commune_a is not a choice for officer_b
    assert not ImportRun.objects.exists()
    member = login(world.users.member_a1)
    assert member.get(reverse("imports:index")).status_code == 403
    assert member.get(reverse("imports:export", args=[world.branch_a1.pk])).status_code == 403


def test_a_user_sees_only_their_own_runs(world, login, tmp_path):
    path = write_xlsx(tmp_path / "ds.xlsx", MEMBER_HEADERS, [member_row(1, "X")])
    upload(login(world.users.officer_a), path, world.commune_a)
    run = ImportRun.objects.get()
    provincial = login(world.users.provincial)
    assert provincial.get(reverse("imports:run", args=[run.pk])).status_code == 404
    assert "ds.xlsx" not in provincial.get(reverse("imports:index")).content.decode()


def test_subtree_export_downloads(world, login):
    client = login(world.users.officer_a)
    response = client.get(reverse("imports:export", args=[world.commune_a.pk]))
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames[:4] == ["Tổ chức", "Địa bàn", "Đảng viên", "Quá trình sinh hoạt"]
    assert len(workbook.sheetnames) == 9  # and the other history sheets
    names = {row[0] for row in workbook["Đảng viên"].iter_rows(min_row=2, values_only=True)}
    assert "Trần Thị Hoa" in names and "Hoàng Văn Minh" not in names
    csv = client.get(reverse("imports:export", args=[world.commune_a.pk]) + "?format=csv")
    text = b"".join(csv.streaming_content).decode("utf-8-sig")
    assert "Trần Thị Hoa" in text and "Hoàng Văn Minh" not in text
    assert client.get(reverse("imports:export", args=[world.commune_b.pk])).status_code == 404
