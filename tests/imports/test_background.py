"""Files above services.SYNC_ROWS are queued for the background worker (django-tasks, database
backend): the request returns at once, the page says the run waits in the queue until a real
`db_worker` runs it, and the run ends checked, then imported (real worker, real DB).

Transactional: the worker calls close_old_connections(), which would close a connection left
inside the test's atomic block on PostgreSQL."""

from __future__ import annotations

import json
import time

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from dangvu.imports import queries, services, tasks
from dangvu.imports.engine import progress_path, read_progress
from dangvu.imports.models import ImportRun, RunStatus
from dangvu.members.models import Member
from tests.conftest import build_world

from .helpers import MEMBER_HEADERS, member_row, write_csv

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def own_var_dir(settings, tmp_path):
    # Progress files are named by run id: other test processes sharing var/ write theirs too.
    settings.VAR_DIR = tmp_path / "var"


def _worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def _big_run(tmp_path, world, extra: int = 200) -> ImportRun:
    count = services.SYNC_ROWS + extra
    rows = [member_row(n, world.branch_a1.code) for n in range(1, count + 1)]
    path = write_csv(tmp_path / "lon.csv", MEMBER_HEADERS, rows)
    run = services.create_run(
        user=world.users.officer_a,
        kind="members",
        organization=world.commune_a,
        source=path,
        file_name="lon.csv",
    )
    assert run.rows > services.SYNC_ROWS  # an estimate from the file size
    return run


def test_a_big_file_is_checked_and_imported_by_the_worker(tmp_path, client):
    world = build_world()
    user = world.users.officer_a
    run = _big_run(tmp_path, world)
    count = services.SYNC_ROWS + 200

    run = tasks.launch(run, user=user, write=False)
    assert run.status == RunStatus.VALIDATING  # the request returned at once
    task = DBTaskResult.objects.get(task_path="dangvu.imports.tasks.run_import")
    assert task.status == "READY" and task.args_kwargs["args"] == [run.pk, user.pk, False]
    # No worker yet: the page says the run waits in the queue, and keeps polling.
    assert queries.run_state(run)["queued"] and queries.is_running(run)
    client.force_login(user)
    page = client.get(reverse("imports:progress", args=[run.pk]))
    assert page.status_code == 200 and "HX-Refresh" not in page
    assert 'id="queued"' in page.content.decode()
    run_page = client.get(reverse("imports:run", args=[run.pk])).content.decode()
    assert 'id="queued"' in run_page and 'hx-trigger="every 1s"' in run_page

    _worker()
    run.refresh_from_db()
    assert run.status == RunStatus.VALIDATED and run.created == count
    assert read_progress(run.pk)["phase"] == "match"
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL" and task.return_value == RunStatus.VALIDATED
    # The run ended: the poll makes the page reload to show the result.
    assert client.get(reverse("imports:progress", args=[run.pk]))["HX-Refresh"] == "true"

    before = Member.objects.count()
    page = client.post(reverse("imports:confirm", args=[run.pk]))
    assert page.status_code == 302
    assert ImportRun.objects.get(pk=run.pk).status == RunStatus.RUNNING
    assert Member.objects.count() == before  # nothing written until the worker runs it
    _worker()
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.created == count
    assert Member.objects.count() == before + count
    assert read_progress(run.pk)["phase"] == "write"


def test_a_queued_run_survives_a_restart_and_the_worker_picks_it_up(tmp_path):
    """The server that queued the run is gone (nothing of it in memory): the task row and the
    run record are all the worker needs."""
    world = build_world()
    user = world.users.officer_a
    run_id = tasks.launch(_big_run(tmp_path, world), user=user, write=False).pk
    # "Restart": a fresh read of everything from the database, nothing kept in this process.
    run = ImportRun.objects.get(pk=run_id)
    assert run.is_busy and not queries.is_interrupted(run)
    # Waiting longer than a dead process would take to be noticed is still waiting.
    progress = read_progress(run_id)
    progress["at"] = time.time() - queries.STALE_AFTER_SECONDS - 60
    progress_path(run_id).write_text(json.dumps(progress), encoding="utf-8")
    assert not queries.is_interrupted(run)
    _worker()
    assert ImportRun.objects.get(pk=run_id).status == RunStatus.VALIDATED


def test_a_task_claimed_by_a_worker_that_died_shows_the_run_interrupted(tmp_path):
    world = build_world()
    user = world.users.officer_a
    run = tasks.launch(_big_run(tmp_path, world, extra=1), user=user, write=True)
    # The worker claimed the task, then was killed before writing any progress.
    DBTaskResult.objects.update(status="RUNNING")
    assert not queries.is_interrupted(run)  # just claimed: alive
    progress = read_progress(run.pk)
    progress["at"] = time.time() - queries.STALE_AFTER_SECONDS - 1
    progress_path(run.pk).write_text(json.dumps(progress), encoding="utf-8")
    assert queries.is_interrupted(run)
    assert Member.objects.filter(full_name__startswith="Nguyễn Văn Nhập").count() == 0


def test_the_worker_records_a_refusal_when_the_user_lost_the_scope(tmp_path):
    world = build_world()
    user = world.users.officer_a
    run = tasks.launch(_big_run(tmp_path, world, extra=1), user=user, write=True)
    user.organization = world.commune_b  # moved to another commune before the worker ran
    user.save(update_fields=["organization"])
    _worker()
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and run.message
    assert Member.objects.filter(full_name__startswith="Nguyễn Văn Nhập").count() == 0


def test_small_files_still_run_inside_the_request(tmp_path):
    world = build_world()
    rows = [member_row(n, world.branch_a1.code) for n in range(1, 11)]
    path = write_csv(tmp_path / "nho.csv", MEMBER_HEADERS, rows)
    user = world.users.officer_a
    run = services.create_run(
        user=user, kind="members", organization=world.commune_a, source=path, file_name="nho.csv"
    )
    run = tasks.launch(run, user=user, write=True)
    assert run.status == RunStatus.DONE and run.created == 10
    assert not DBTaskResult.objects.exists()
