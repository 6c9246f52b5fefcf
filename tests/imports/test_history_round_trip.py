"""The subtree export writes the history sheets; exporting, importing the workbook into an
empty registry and exporting again gives the same workbook, cell for cell."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from dangvu.imports.exports import write_subtree
from dangvu.imports.models import RunStatus
from dangvu.members.models import Member, MemberEvent, MemberPost, Placement
from dangvu.organizations.models import CommitteeSeat, Locality

from .helpers import run_import
from .test_history_import import history_file, snapshot, tree  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def cells(path: Path) -> dict[str, list[tuple]]:
    book = load_workbook(path, read_only=True)
    try:
        return {name: list(book[name].iter_rows(values_only=True)) for name in book.sheetnames}
    finally:
        book.close()


def empty_registry() -> None:
    """Every member record gone; the organizations and localities stay."""
    CommitteeSeat.objects.all().delete()
    MemberPost.objects.all().delete()
    MemberEvent.objects.all().delete()  # a queryset delete: the log's own delete() refuses
    Placement.objects.all().delete()
    Locality.objects.update(head_member=None)
    Member.objects.all().delete()


def test_export_import_export_gives_the_same_workbook(tree, tmp_path):  # noqa: F811
    commune = tree[0]
    assert run_import(history_file(tmp_path / "lich-su.xlsx"), org=commune).status == "done"
    written = snapshot()
    first = tmp_path / "first.xlsx"
    counts = write_subtree(first, commune)
    assert counts["Đảng viên"] == 5  # the former members too
    assert counts["Quá trình sinh hoạt"] == 6
    assert counts["Chức danh kiêm nhiệm"] == 2
    assert counts["Cấp ủy"] == 1

    empty_registry()
    run = run_import(first, org=commune)
    assert run.status == RunStatus.DONE, run.problems
    assert snapshot() == written
    second = tmp_path / "second.xlsx"
    write_subtree(second, commune)
    assert cells(second) == cells(first)

    # The exported file imported again over the registry changes nothing.
    again = run_import(second, org=commune)
    assert (again.status, again.created, again.updated) == (RunStatus.DONE, 0, 0)
    assert snapshot() == written
