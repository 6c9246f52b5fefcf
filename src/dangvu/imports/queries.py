"""Read paths of the import pages: recent runs, whether a run's process died, a run's page."""

from __future__ import annotations

import os
import time
from typing import Any

from django.db.models import QuerySet
from django_tasks import TaskResultStatus

from . import tasks
from .engine import read_progress
from .models import ImportRun, RunStatus

SHOWN_PROBLEMS = 500
# A run whose progress file has not moved for this long died with its process.
STALE_AFTER_SECONDS = 300


def recent_runs(user, limit: int = 50) -> QuerySet:
    return ImportRun.objects.visible_to(user).select_related("organization")[:limit]


def is_interrupted(run: ImportRun) -> bool:
    if not run.is_busy:
        return False
    progress = read_progress(run.pk)
    if progress is None:
        return time.time() - run.created_at.timestamp() > STALE_AFTER_SECONDS
    queued = tasks.queue_status(progress)
    if queued == TaskResultStatus.READY:
        return False  # waiting for the background worker, however long it takes to start
    if queued is not None:
        # Claimed by the worker but no progress written yet: alive for a while; a task that
        # ended (or vanished) without touching the run died before it could record anything.
        fresh = time.time() - progress.get("at", 0) <= STALE_AFTER_SECONDS
        return not (queued == TaskResultStatus.RUNNING and fresh)
    if time.time() - progress.get("at", 0) > STALE_AFTER_SECONDS:
        return True
    try:
        os.kill(int(progress.get("pid", 0)), 0)
    except (OSError, ValueError):
        return True
    return False


def is_running(run: ImportRun) -> bool:
    """Busy and its process still alive."""
    return run.is_busy and not is_interrupted(run)


def run_state(run: ImportRun) -> dict[str, Any]:
    """What the run's page shows: interrupted or busy, the progress, the first problems."""
    interrupted = is_interrupted(run)
    progress = read_progress(run.pk)
    return {
        "interrupted": interrupted,
        "busy": run.is_busy and not interrupted,
        "progress": progress,
        "queued": run.is_busy and tasks.is_waiting(progress),
        **_problem_lists(run),
        "valid_rows": run.created + run.updated,
    }


def _problem_lists(run: ImportRun) -> dict[str, Any]:
    """The problems to list, the notes on what was read, and the summary of the problems
    left out of the run's record (engine.Report keeps the first STORED_PROBLEMS)."""
    listed = [p for p in run.problems if p.get("severity") in ("error", "warning")]
    notes = [p for p in run.problems if p.get("severity") == "info"]
    omitted = next((p for p in run.problems if p.get("severity") == "omitted"), None)
    return {
        "problems": listed[:SHOWN_PROBLEMS],
        "more_problems": max(len(listed) - SHOWN_PROBLEMS, 0),
        "notes": notes,
        "omitted": omitted,
    }


def may_map(run: ImportRun, busy: bool) -> bool:
    """The column mapping form is offered while the run is not done nor busy."""
    return bool(run.headers) and run.status not in (RunStatus.DONE,) and not busy


def progress_percent(run: ImportRun) -> tuple[dict[str, Any], int]:
    progress = read_progress(run.pk) or {}
    total = progress.get("total") or 0
    return progress, int(100 * progress.get("done", 0) / total) if total else 0
