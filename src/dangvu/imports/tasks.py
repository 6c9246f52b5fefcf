"""Background imports (django-tasks, run by `dangvu db_worker`, which `make run` starts).

A file of more than `SYNC_ROWS` rows is checked and imported by the worker, not by the web
request nor a thread of the server: the task is a database row, so it survives a restart of
the server (the run record stays busy, its page keeps polling, and the worker picks the task up
whenever it runs). While it waits, the run's progress file says so ("queued", with the task's
id); once the worker starts, engine.FileProgress replaces it with the real progress.

The worker reads the file the upload stored under var/imports/files/ (services.create_run),
so it must run on the same machine as the web server, as `make run` and docs/deployment.md
run it. Its import holds one transaction: killed midway, it leaves nothing written and the
page shows the run as interrupted.
"""

from __future__ import annotations

import json
import logging
import os
import time
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import close_old_connections
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_tasks import TaskResultStatus, task
from django_tasks.exceptions import TaskResultDoesNotExist

from dangvu.core.services import require_manage

from .engine import FileProgress, progress_path
from .models import ImportRun, RunStatus
from .services import SYNC_ROWS, execute

log = logging.getLogger(__name__)

QUEUED = "queued"


@task()
def run_import(run_id: int, user_id: int | None, write: bool) -> str:
    """Check (write=False) or import one run; returns the run's final status.

    The run's messages are stored as text, in the site's language (the worker has no request
    to take a language from)."""
    close_old_connections()
    run = ImportRun.objects.filter(pk=run_id).first()
    if run is None or not run.is_busy:
        return run.status if run else "missing"  # nothing waits for this task any more
    try:
        with override(settings.LANGUAGE_CODE):
            user = get_user_model().objects.get(pk=user_id) if user_id else None
            run, _importer = execute(run, user=user, write=write, progress=FileProgress(run_id))
    except PermissionDenied:
        with override(settings.LANGUAGE_CODE):
            _record_failure(run_id, _("You may no longer import into this organization."))
    except Exception:  # noqa: BLE001 — a background run must record its failure, not vanish
        log.exception("import %s crashed", run_id)
        with override(settings.LANGUAGE_CODE):
            _record_failure(
                run_id, _("The import stopped on an unexpected error; nothing was written.")
            )
    return ImportRun.objects.values_list("status", flat=True).get(pk=run_id)


def _record_failure(run_id: int, message: str) -> None:
    ImportRun.objects.filter(pk=run_id).update(
        status=RunStatus.FAILED, message=message, finished_at=timezone.now()
    )


def _write_queued(run_id: int, task_id: str) -> None:
    """The progress file of a run waiting for the worker (the page polls this file)."""
    path = progress_path(run_id)
    data = {"phase": QUEUED, "task": str(task_id), "done": 0, "total": 0, "at": time.time()}
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data), encoding="utf-8")
    os.replace(tmp, path)


def queue_status(progress: dict[str, Any] | None) -> str | None:
    """For a run whose progress file still says "queued": the task's status (READY while it
    waits for the worker, RUNNING once claimed, FAILED/SUCCESSFUL when it ended without
    writing any progress), "missing" when the task row is gone; None for any other run."""
    if not progress or progress.get("phase") != QUEUED:
        return None
    try:
        return run_import.get_result(progress.get("task", "")).status
    except (TaskResultDoesNotExist, ValueError):
        return "missing"


def is_waiting(progress: dict[str, Any] | None) -> bool:
    return queue_status(progress) == TaskResultStatus.READY


def launch(run: ImportRun, *, user, write: bool) -> ImportRun:
    """Start checking (write=False) or importing a run: in the request for small files,
    queued for the background worker otherwise (the page polls the progress)."""
    require_manage(user, run.organization)
    if run.is_busy:
        return run
    run.status = RunStatus.RUNNING if write else RunStatus.VALIDATING
    run.finished_at = None
    run.message = ""
    run.save(update_fields=["status", "finished_at", "message"])
    if run.rows <= SYNC_ROWS:
        run, _importer = execute(run, user=user, write=write, progress=FileProgress(run.pk))
        return run
    result = run_import.enqueue(run.pk, user.pk, write)
    _write_queued(run.pk, result.id)
    return run


def start_import(run: ImportRun, *, user, valid_only: bool) -> ImportRun:
    """Write the checked file (or only its valid rows) in one transaction."""
    require_manage(user, run.organization)
    run.valid_only = valid_only
    run.dry_run = False
    run.save(update_fields=["valid_only", "dry_run"])
    return launch(run, user=user, write=True)
