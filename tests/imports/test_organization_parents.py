"""The organizations import finds a new organization's parent in the database as well as in the
file (issue 12, item 4): a file adding one branch under an existing grassroots organization "CS"
is accepted; a parent outside the importing user's subtree, or dissolved, is refused with a
clear message and nothing is written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone, translation

from dangvu.imports.models import RunStatus
from dangvu.organizations.choices import Kind
from dangvu.organizations.models import Organization, OrganizationLink

from .helpers import run_import, write_xlsx

pytestmark = pytest.mark.django_db

HEADERS = ["Mã", "Tên tổ chức", "Loại", "Mã cấp trên", "Ngày thành lập"]


@pytest.fixture
def cs(world) -> Organization:
    Organization.objects.filter(pk=world.base_a.pk).update(code="CS")
    world.base_a.refresh_from_db()
    return world.base_a


def _org_file(tmp_path, rows, name="to-chuc.xlsx"):
    return write_xlsx(tmp_path / name, HEADERS, rows, sheet="Tổ chức")


def test_a_branch_under_an_existing_grassroots_organization_is_imported(world, cs, tmp_path):
    founded = timezone.localdate() - dt.timedelta(days=400)
    path = _org_file(tmp_path, [["CB-MOI", "Chi bộ thôn Mới", "Chi bộ", "CS", founded]])
    user = world.users.officer_a
    run = run_import(path, kind="organizations", org=world.commune_a, user=user)
    assert run.status == RunStatus.DONE, run.problems
    assert (run.created, run.updated, run.unchanged) == (1, 0, 0)
    new = Organization.objects.get(code="CB-MOI")
    assert new.kind == Kind.BRANCH and Organization.objects.get_parent(new) == cs
    assert new.path.startswith(cs.path) and new.founded_on == founded
    link = OrganizationLink.objects.get(organization=new)
    assert link.parent_id == cs.pk and link.valid_from == founded
    # The same file again changes nothing.
    again = run_import(path, kind="organizations", org=world.commune_a, user=user)
    assert again.status == RunStatus.DONE
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)


def test_parents_from_the_database_and_from_the_file_together(world, cs, tmp_path):
    # A sub-committee under CS (in the database), and a branch under that sub-committee (in
    # the file, on an earlier row than its parent).
    rows = [
        ["CB-BP1", "Chi bộ Tổ 1", "Chi bộ", "DBBP", None],
        ["DBBP", "Đảng ủy bộ phận Khu A", "Đảng ủy bộ phận", "CS", None],
    ]
    run = run_import(
        _org_file(tmp_path, rows), kind="organizations", org=cs, user=world.users.grassroots_a
    )
    assert run.status == RunStatus.DONE, run.problems
    sub = Organization.objects.get(code="DBBP")
    branch = Organization.objects.get(code="CB-BP1")
    assert Organization.objects.get_parent(sub) == cs
    assert Organization.objects.get_parent(branch) == sub


def test_a_parent_outside_the_users_subtree_is_refused(world, cs, tmp_path):
    # base_b belongs to commune B: officer A may not add anything under it.
    outside = world.base_b.code
    path = _org_file(tmp_path, [["CB-LA", "Chi bộ lạ", "Chi bộ", outside, None]])
    before = Organization.objects.count()
    with translation.override("vi"):
        run = run_import(
            path, kind="organizations", org=world.commune_a, user=world.users.officer_a
        )
    assert run.status == RunStatus.INVALID
    [problem] = [p for p in run.problems if p["severity"] == "error"]
    assert problem["row"] == 2 and problem["column"] == "Mã cấp trên"
    assert problem["message"] == (f"Tổ chức cấp trên {outside} không thuộc {world.commune_a.name}.")
    assert Organization.objects.count() == before
    assert not Organization.objects.filter(code="CB-LA").exists()


def test_a_parent_outside_the_organization_imported_into_is_refused(world, cs, tmp_path):
    # The provincial board may manage commune B, but this run imports into commune A only.
    path = _org_file(tmp_path, [["CB-LA", "Chi bộ lạ", "Chi bộ", world.base_b.code, None]])
    run = run_import(
        path, kind="organizations", org=world.commune_a, user=world.users.provincial, write=True
    )
    assert run.status == RunStatus.INVALID
    assert not Organization.objects.filter(code="CB-LA").exists()


def test_a_dissolved_parent_is_refused(world, cs, tmp_path):
    gone = timezone.localdate() - dt.timedelta(days=30)
    Organization.objects.filter(pk=world.branch_a2.pk).update(dissolved_on=gone)
    # A party group under a dissolved branch.
    path = _org_file(tmp_path, [["TO-1", "Tổ đảng 1", "Tổ đảng", world.branch_a2.code, None]])
    with translation.override("vi"):
        run = run_import(
            path, kind="organizations", org=world.commune_a, user=world.users.officer_a
        )
    assert run.status == RunStatus.INVALID
    [problem] = [p for p in run.problems if p["severity"] == "error"]
    assert (
        world.branch_a2.code in problem["message"]
        and gone.strftime("%d/%m/%Y") in (problem["message"])
    )
    assert not Organization.objects.filter(code="TO-1").exists()


def test_an_unknown_parent_is_still_refused(world, cs, tmp_path):
    path = _org_file(tmp_path, [["CB-X", "Chi bộ X", "Chi bộ", "KHONG-CO", None]])
    with translation.override("vi"):
        run = run_import(
            path, kind="organizations", org=world.commune_a, user=world.users.officer_a
        )
    assert run.status == RunStatus.INVALID
    assert run.problems[0]["message"] == "Không có tổ chức cấp trên mang mã KHONG-CO."


def test_without_a_founding_date_the_organization_is_in_past_years_trees(world, cs, tmp_path):
    """An office's file rarely has founding dates: the new branch's link starts with its
    parent's, so the reports of past years (history imported under it) find it."""
    from dangvu.reports.queries.scope import Scope

    path = _org_file(tmp_path, [["CB-CU", "Chi bộ thôn Cũ", "Chi bộ", "CS", None]])
    run = run_import(path, kind="organizations", org=world.commune_a, user=world.users.officer_a)
    assert run.status == RunStatus.DONE, run.problems
    new = Organization.objects.get(code="CB-CU")
    parent_start = OrganizationLink.objects.filter(organization=cs).earliest("valid_from")
    link = OrganizationLink.objects.get(organization=new)
    assert link.valid_from == parent_start.valid_from < timezone.localdate()
    past = Scope(
        world.commune_a, parent_start.valid_from + dt.timedelta(days=1), parent_start.valid_from
    )
    in_tree = Organization.objects.filter(pk__in=past.org_ids()).values_list("pk", flat=True)
    assert new.pk in set(in_tree)
