"""Files above services.SYNC_ROWS are checked and imported in a background thread of the
server process; the progress file moves, and the run ends imported (real thread, real DB)."""

from __future__ import annotations

import threading

import pytest

from dangvu.imports import services
from dangvu.imports.engine import read_progress
from dangvu.imports.models import ImportRun, RunStatus
from dangvu.members.models import Member
from tests.conftest import build_world

from .helpers import MEMBER_HEADERS, member_row, write_csv


def _wait_for_thread(run_id: int) -> None:
    for thread in threading.enumerate():
        if thread.name == f"import-{run_id}":
            thread.join(timeout=120)


@pytest.mark.django_db(transaction=True)
def test_a_big_file_runs_in_a_background_thread(tmp_path):
    world = build_world()
    count = services.SYNC_ROWS + 200
    rows = [member_row(n, world.branch_a1.code) for n in range(1, count + 1)]
    path = write_csv(tmp_path / "lon.csv", MEMBER_HEADERS, rows)
    user = world.users.officer_a
    run = services.create_run(
        user=user, kind="members", organization=world.commune_a, source=path, file_name="lon.csv"
    )
    assert run.rows > services.SYNC_ROWS
    run = services.launch(run, user=user, write=False)
    assert run.status == RunStatus.VALIDATING  # the request returned at once
    _wait_for_thread(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.VALIDATED and run.created == count
    assert read_progress(run.pk)["phase"] == "match"
    before = Member.objects.count()
    run = services.launch(run, user=user, write=True)
    _wait_for_thread(run.pk)
    run = ImportRun.objects.get(pk=run.pk)
    assert run.status == RunStatus.DONE
    assert Member.objects.count() == before + count
