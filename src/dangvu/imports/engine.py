"""The shared machinery of every import: problems with row and column, progress, and the
two phases (read and validate every row first; then write everything in one transaction).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from . import values as v
from .columns import IGNORED_HEADERS, Spec, header_key, specs_for
from .reading import Table

ERROR, WARNING = "error", "warning"


@dataclass
class Problem:
    row: int  # the row number the spreadsheet shows; 0 for the file as a whole
    column: str  # the file's header (or the field's usual header when the column is missing)
    message: str
    severity: str = ERROR
    value: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class Progress:
    """Reports how far a run is: `phase(label, total)` then `advance(n)`. Subclasses draw a
    rich progress bar (CLI) or write a small JSON file the web page polls."""

    def phase(self, label: str, total: int, key: str = "") -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass


class Tee(Progress):
    """Report to several progresses at once (the CLI's bar and the run's progress file)."""

    def __init__(self, *targets: Progress) -> None:
        self.targets = targets

    def phase(self, label: str, total: int, key: str = "") -> None:
        for target in self.targets:
            target.phase(label, total, key)

    def advance(self, n: int = 1) -> None:
        for target in self.targets:
            target.advance(n)


def progress_path(run_id: int) -> Path:
    folder = Path(settings.VAR_DIR) / "imports" / "progress"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{run_id}.json"


class FileProgress(Progress):
    """Progress in var/imports/progress/<run>.json, replaced atomically at most twice a second.

    A file, not the database: while the import's single transaction is open, nothing it writes
    is visible to other connections (and SQLite's write lock is held), yet the page must move.
    It also works across gunicorn workers of one machine."""

    def __init__(self, run_id: int) -> None:
        self.path = progress_path(run_id)
        self.label, self.key, self.total, self.done, self._last = "", "", 0, 0, 0.0

    def phase(self, label: str, total: int, key: str = "") -> None:
        self.label, self.key, self.total, self.done = label, key, total, 0
        self._write(force=True)

    def advance(self, n: int = 1) -> None:
        self.done += n
        self._write()

    def _write(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last < 0.5:
            return
        self._last = now
        data = {
            "label": str(self.label),
            "phase": self.key,
            "done": self.done,
            "total": max(self.total, self.done),
            "pid": os.getpid(),
            "at": time.time(),
        }
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, self.path)


def read_progress(run_id: int) -> dict[str, Any] | None:
    try:
        return json.loads(progress_path(run_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


class Report:
    """Every problem found, and which rows cannot be imported."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.bad_rows: set[int] = set()
        self.rows = 0

    def error(self, row: int, column: str, message: str, value: Any = "") -> None:
        self.problems.append(Problem(row, str(column), str(message), ERROR, _short(value)))
        self.bad_rows.add(row)

    def warn(self, row: int, column: str, message: str, value: Any = "") -> None:
        self.problems.append(Problem(row, str(column), str(message), WARNING, _short(value)))

    @property
    def has_errors(self) -> bool:
        return any(p.severity == ERROR for p in self.problems)

    def sorted(self) -> list[Problem]:
        return sorted(self.problems, key=lambda p: (p.row, p.severity != ERROR))


def _short(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "…"


@dataclass
class Row:
    number: int
    data: dict[str, Any]  # field key → parsed value (None for a blank cell)


class Importer:
    """Base of the three importers. Subclasses define `kind`, `check(rows)` (cross-row and
    database checks, filling `self.plan`), `counts()` and `write()`."""

    kind = ""

    def __init__(self, *, run, user, organization, progress: Progress | None = None) -> None:
        self.run = run
        self.user = user
        self.organization = organization
        self.progress = progress or Progress()
        self.report = Report()
        self.specs: dict[str, Spec] = {s.key: s for s in specs_for(self.kind)}
        self.columns: dict[str, str] = {}  # field key → header as written in the file
        self.cell_errors: set[tuple[int, str]] = set()  # (row, field key) already reported

    # --- reading

    def resolve_mapping(self, table: Table, mapping: dict[int, str]) -> dict[int, str]:
        """Check the column mapping: unknown keys, a field mapped twice, required fields."""
        resolved: dict[int, str] = {}
        for index, key in sorted(mapping.items()):
            if key not in self.specs or index >= len(table.headers):
                continue
            if key in self.columns:
                self.report.error(
                    0,
                    table.headers[index],
                    _("Two columns are mapped to %(field)s (%(first)s and %(second)s).")
                    % {
                        "field": self.specs[key].label,
                        "first": self.columns[key],
                        "second": table.headers[index],
                    },
                )
                continue
            resolved[index] = key
            self.columns[key] = table.headers[index] or self.specs[key].label
        for index, header in enumerate(table.headers):
            if index not in resolved and header and header_key(header) not in IGNORED_HEADERS:
                self.report.warn(
                    0, header, _("This column was not recognized and is not imported.")
                )
        for key in self.required_columns():
            if key not in self.columns:
                self.report.error(
                    0,
                    self.specs[key].label,
                    _("The required column %(column)s is missing.")
                    % {"column": self.specs[key].label},
                )
        return resolved

    def required_columns(self) -> list[str]:
        return [key for key, spec in self.specs.items() if spec.required]

    def column(self, key: str) -> str:
        return self.columns.get(key) or self.specs[key].label

    def parse_rows(self, table: Table, mapping: dict[int, str]) -> Iterator[Row]:
        specs = [(index, key, self.specs[key]) for index, key in mapping.items()]
        required = [key for key in self.required_columns() if key in self.columns]
        for number, cells in table.rows():
            self.report.rows += 1
            data: dict[str, Any] = {}
            for index, key, spec in specs:
                raw = cells[index] if index < len(cells) else None
                if v.is_blank(raw):
                    data[key] = None
                    continue
                try:
                    value = spec.parse(raw)
                except v.CellError as error:
                    self.report.error(number, self.column(key), str(error), raw)
                    self.cell_errors.add((number, key))
                    data[key] = None
                    continue
                if isinstance(value, v.Warned):
                    self.report.warn(number, self.column(key), value.warning, raw)
                    value = value.value
                data[key] = value
            for key in required:
                if data.get(key) is None and (number, key) not in self.cell_errors:
                    self.report.error(
                        number,
                        self.column(key),
                        _("%(column)s must be filled in.") % {"column": self.specs[key].label},
                    )
            self.progress.advance()
            yield Row(number, data)

    def load(self, table: Table, mapping: dict[int, str]) -> None:
        self.progress.phase(_("Reading and checking rows"), table.total_estimate, "read")
        mapping = self.resolve_mapping(table, mapping)
        if any(p.row == 0 and p.severity == ERROR for p in self.report.problems):
            return
        rows = list(self.parse_rows(table, mapping))
        if not rows and not self.report.has_errors:
            self.report.error(0, "", _("The file has column headers but no data rows."))
            return
        self.check(rows)

    # --- to define

    def check(self, rows: list[Row]) -> None:
        raise NotImplementedError

    def counts(self) -> dict[str, int]:
        raise NotImplementedError

    def write(self) -> None:
        raise NotImplementedError


def chunks(items: list, size: int = 900) -> Iterator[list]:
    """Lists of at most `size`: SQLite's limit on query parameters is what bounds `size`."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


Callback = Callable[[str, int, int], None]
