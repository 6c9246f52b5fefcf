"""Running an import: store the file, read its headers, check every row, then write all of it
in ONE transaction (or nothing), and record the run.

The web page runs small files inside the request and queues bigger ones for the background
worker (`tasks.launch`, django-tasks with its database backend); progress goes to a file the
page polls (engine.FileProgress). The uploaded file is kept under var/imports/files/, where the
worker of the same machine reads it. A worker killed midway leaves nothing written (its
transaction never committed) and the run shows as interrupted.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
from pathlib import Path
from typing import Any

from auditlog.context import set_extra_data
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from dangvu.core.services import require_manage

from .columns import auto_mapping
from .engine import ERROR, Importer, Problem, Progress
from .members import MemberImporter
from .models import ImportRun, RunStatus
from .organizations import LocalityImporter, OrganizationImporter
from .reading import FileProblem, open_table

log = logging.getLogger(__name__)

IMPORTERS: dict[str, type[Importer]] = {
    "members": MemberImporter,
    "organizations": OrganizationImporter,
    "localities": LocalityImporter,
}
# Files up to this many rows are checked and imported inside the web request (a few
# seconds); bigger ones are queued for the background worker (tasks.py), with a progress bar.
SYNC_ROWS = 3000
MAX_UPLOAD_BYTES = 200 * 1024 * 1024


def upload_dir() -> Path:
    folder = Path(settings.VAR_DIR) / "imports" / "files"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def sha256_of(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def create_run(
    *,
    user,
    kind: str,
    organization,
    source: str | Path,
    file_name: str,
    sheet: str = "",
    dry_run: bool = False,
    valid_only: bool = False,
    mapping: dict[int, str] | None = None,
    keep_copy: bool = True,
) -> ImportRun:
    """Record a run for a file and read its headers (the proposed column mapping).

    The file is copied under var/imports/files/ so that the web steps (mapping, check,
    import) read the same bytes; its SHA-256 is recorded and checked again before writing."""
    if kind not in IMPORTERS:
        raise ValueError(kind)
    if user is not None:
        require_manage(user, organization)
    run = ImportRun.objects.create(
        kind=kind,
        organization=organization,
        org_path=organization.path,
        created_by=user if getattr(user, "pk", None) else None,
        file_name=Path(file_name).name[:255],
        sha256=sha256_of(source),
        sheet=sheet or "",
        dry_run=dry_run,
        valid_only=valid_only,
    )
    if keep_copy:
        target = upload_dir() / f"{run.pk}-{get_valid_filename(run.file_name) or 'file'}"
        shutil.copyfile(source, target)
        run.stored_file = str(target)
    else:
        run.stored_file = str(Path(source).resolve())
    try:
        table = open_table(run.stored_file, kind, sheet or None)
    except FileProblem as problem:
        return _fail(run, str(problem))
    try:
        run.headers = table.headers
        run.sheet = table.sheet
        run.rows = table.total_estimate
        found = auto_mapping(kind, table.headers)
        if mapping:
            found.update(mapping)
        run.mapping = {str(index): key for index, key in sorted(found.items())}
    finally:
        table.close()
    run.save()
    return run


def _fail(run: ImportRun, message: str, status: str = RunStatus.INVALID) -> ImportRun:
    run.status = status
    run.problems = [Problem(0, "", message).as_dict()]
    run.message = message
    run.finished_at = timezone.now()
    run.save()
    return run


def set_mapping(run: ImportRun, mapping: dict[int, str]) -> ImportRun:
    run.mapping = {str(index): key for index, key in sorted(mapping.items()) if key}
    run.status = RunStatus.UPLOADED
    run.save(update_fields=["mapping", "status"])
    return run


def execute(
    run: ImportRun, *, user, write: bool, progress: Progress | None = None
) -> tuple[ImportRun, Importer | None]:
    """Check every row; when `write` and the file is clean (or only valid rows were asked
    for), write everything in one transaction. Returns the saved run and its importer."""
    if user is not None:
        require_manage(user, run.organization)
    progress = progress or Progress()
    path = Path(run.stored_file)
    if not run.stored_file or not path.is_file():  # Path("") is the current directory
        return _fail(
            run, _("The uploaded file is no longer on the server."), RunStatus.FAILED
        ), None
    if sha256_of(path) != run.sha256:
        return _fail(run, _("The file changed since it was uploaded."), RunStatus.FAILED), None
    importer = IMPORTERS[run.kind](
        run=run, user=user, organization=run.organization, progress=progress
    )
    try:
        table = open_table(path, run.kind, run.sheet or None)
    except FileProblem as problem:
        return _fail(run, str(problem)), importer
    try:
        mapping = {int(index): key for index, key in (run.mapping or {}).items()}
        importer.load(table, mapping)
    except FileProblem as problem:
        importer.report.error(0, "", str(problem))
    finally:
        table.close()
    report = importer.report
    counts = importer.counts()
    run.rows = report.rows
    run.invalid = len(report.bad_rows - {0})
    run.created, run.updated, run.unchanged = (
        counts["created"],
        counts["updated"],
        counts["unchanged"],
    )
    run.problems = [p.as_dict() for p in report.sorted()]
    file_level = any(p.row == 0 and p.severity == ERROR for p in report.problems)
    blocked = file_level or (report.has_errors and not run.valid_only)
    if not write or run.dry_run or blocked:
        run.status = RunStatus.INVALID if report.has_errors else RunStatus.VALIDATED
        if write and blocked and not file_level:
            run.message = _(
                "Nothing was written: correct the rows with errors, or import only the valid rows."
            )
        run.finished_at = timezone.now()
        run.save()
        return run, importer
    try:
        with transaction.atomic():
            with set_extra_data({"actor": user, "additional_data": {"import": run.pk}}):
                importer.write()
            run.status = RunStatus.DONE
            run.finished_at = timezone.now()
            run.message = ""
            run.save()
    except (ValidationError, PermissionDenied, DatabaseError) as error:
        message = " ".join(getattr(error, "messages", [])) or str(error)
        log.warning("import %s failed: %s", run.pk, message)
        run.refresh_from_db()
        _fail(
            run,
            _("The import failed and nothing was written: %(error)s") % {"error": message},
            RunStatus.FAILED,
        )
    return run, importer


def may_manage_run(user, run: ImportRun) -> bool:
    """The user manages the organization the run imports into."""
    return user.can_manage(run.organization)


def summary(run: ImportRun) -> dict[str, Any]:
    return {
        "rows": run.rows,
        "created": run.created,
        "updated": run.updated,
        "unchanged": run.unchanged,
        "invalid": run.invalid,
        "errors": run.error_count,
        "warnings": run.warning_count,
    }
