"""The shared machinery of every import: problems with row and column, progress, and the
two phases (read and validate every row first; then write everything in one transaction).
"""

from __future__ import annotations

import heapq
import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from . import values as v
from .columns import IGNORED_HEADERS, Spec, header_key, specs_for
from .reading import INFO, Table

ERROR, WARNING = "error", "warning"
# The last stored problem of a run that had more than STORED_PROBLEMS: how many were left out,
# by kind (see Report.sorted).
OMITTED = "omitted"
STORED_PROBLEMS = 1000
_KINDS_KEPT = 2000  # distinct kinds counted; the rest go under their column alone
_KINDS_SHOWN = 5


@dataclass
class Problem:
    row: int  # the row number the spreadsheet shows; 0 for the file as a whole
    column: str  # the file's header (or the field's usual header when the column is missing)
    message: str
    severity: str = ERROR
    value: str = ""
    omitted: dict[str, Any] | None = None  # only on the OMITTED summary

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if self.omitted is None:
            del data["omitted"]
        return data


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
    """Every problem found, and which rows cannot be imported.

    Only the first `cap` problems (by row) are kept: a broken 100,000-row file would otherwise
    store hundreds of thousands of them in the run. The others are counted by kind."""

    def __init__(self, cap: int = STORED_PROBLEMS) -> None:
        self.cap = cap
        self._kept: list[tuple[tuple[int, int, int], Problem]] = []  # heap on the negated key
        self._seq = 0
        self.counts: Counter[str] = Counter()  # severity → every problem, kept or not
        self.omitted: Counter[tuple[str, str, str]] = Counter()
        self.notes: list[Problem] = []  # INFO: what was read (sheet, skipped rows)
        self.bad_rows: set[int] = set()
        self.rows = 0

    def add(self, problem: Problem) -> None:
        self._seq += 1
        self.counts[problem.severity] += 1
        if problem.severity == INFO:
            self.notes.append(problem)  # a few lines about the file: never capped
            return
        key = (-problem.row, -(problem.severity != ERROR), -self._seq)
        if len(self._kept) < self.cap:
            heapq.heappush(self._kept, (key, problem))
            return
        if key > self._kept[0][0]:  # sorts before the last kept one
            _key, problem = heapq.heapreplace(self._kept, (key, problem))
        self._omit(problem)

    def _omit(self, problem: Problem) -> None:
        kind = (problem.severity, problem.column, problem.message)
        if kind not in self.omitted and len(self.omitted) >= _KINDS_KEPT:
            kind = (problem.severity, problem.column, "")
        self.omitted[kind] += 1

    def error(self, row: int, column: str, message: str, value: Any = "") -> None:
        self.add(Problem(row, str(column), str(message), ERROR, _short(value)))
        self.bad_rows.add(row)

    def warn(self, row: int, column: str, message: str, value: Any = "") -> None:
        self.add(Problem(row, str(column), str(message), WARNING, _short(value)))

    def info(self, row: int, column: str, message: str, value: Any = "") -> None:
        self.add(Problem(row, str(column), str(message), INFO, _short(value)))

    @property
    def problems(self) -> _Kept:
        """The kept problems (all of them while there are fewer than `cap`); `append` adds."""
        return _Kept(self)

    @property
    def has_errors(self) -> bool:
        return self.counts[ERROR] > 0

    def sorted(self) -> list[Problem]:
        """The kept problems by row, errors first, then the notes on what was read (after, so
        that the first problem stays the first error), then the summary of those left out."""
        kept = sorted(self._kept, key=lambda item: item[0], reverse=True)
        problems = [problem for _key, problem in kept] + self.notes
        if self.omitted:
            problems.append(self._summary())
        return problems

    def _summary(self) -> Problem:
        left = sum(self.omitted.values())
        errors = sum(n for (severity, _c, _m), n in self.omitted.items() if severity == ERROR)
        kinds = self.omitted.most_common()
        shown = ", ".join(
            f"{_dotted(n)} «{column + ': ' if column else ''}{message[:60] or '…'}»"
            for (_severity, column, message), n in kinds[:_KINDS_SHOWN]
        )
        message = _("… and %(n)s more problems: %(kinds)s.") % {"n": _dotted(left), "kinds": shown}
        return Problem(
            0,
            "",
            message,
            OMITTED,
            "",
            {
                "total": left,
                "errors": errors,
                "warnings": sum(
                    n for (severity, _c, _m), n in self.omitted.items() if severity == WARNING
                ),
                "kinds": [[s, c, m, n] for (s, c, m), n in kinds[:50]],
            },
        )


class _Kept:
    """`report.problems` as code that appends to it and iterates it expects."""

    def __init__(self, report: Report) -> None:
        self._report = report

    def append(self, problem: Problem) -> None:
        self._report.add(problem)

    def extend(self, problems) -> None:
        for problem in problems:
            self._report.add(problem)

    def __iter__(self) -> Iterator[Problem]:
        return iter([problem for _key, problem in self._report._kept] + self._report.notes)

    def __len__(self) -> int:
        return len(self._report._kept) + len(self._report.notes)

    def __getitem__(self, index):
        return [problem for _key, problem in self._report.sorted()][index]


def _dotted(n: int) -> str:
    return f"{n:,}".replace(",", ".")


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

    def _header(self, table: Table, index: int | None, key: str | None) -> str:
        if key is not None:
            return self.column(key)
        if index is None:
            return ""
        if index < len(table.headers) and table.headers[index]:
            return table.headers[index]
        return _("column %(n)s") % {"n": index + 1}

    def _reader_notes(self, table: Table, mapping: dict[int, str], number: int) -> set[int]:
        """The reader's notes on this row's cells, as problems with row and column; returns the
        columns whose cell was refused."""
        refused: set[int] = set()
        for note in table.pending:
            key = mapping.get(note.column) if note.column is not None else None
            column = self._header(table, note.column, key)
            if note.severity == ERROR and key is not None:
                self.report.error(note.row, column, note.message, note.value)
                self.cell_errors.add((note.row, key))
                refused.add(note.column)
            elif note.severity == ERROR:  # a column that is not imported: the row still is
                self.report.warn(note.row, column, note.message, note.value)
            else:
                self._note(note.severity, note.row, column, note.message, note.value)
        table.pending.clear()
        return refused

    def _note(self, severity: str, row: int, column: str, message: str, value: Any) -> None:
        {ERROR: self.report.error, WARNING: self.report.warn}.get(severity, self.report.info)(
            row, column, message, value
        )

    def _file_notes(self, table: Table, start: int = 0) -> None:
        for note in table.notes[start:]:
            column = self._header(table, note.column, None)
            self._note(note.severity, note.row, column, note.message, note.value)

    def parse_rows(self, table: Table, mapping: dict[int, str]) -> Iterator[Row]:
        specs = [(index, key, self.specs[key]) for index, key in mapping.items()]
        required = [key for key in self.required_columns() if key in self.columns]
        for number, cells in table.rows():
            self.report.rows += 1
            refused = self._reader_notes(table, mapping, number) if table.pending else ()
            data: dict[str, Any] = {}
            for index, key, spec in specs:
                raw = cells[index] if index < len(cells) and index not in refused else None
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
        self._file_notes(table)
        known = len(table.notes)
        mapping = self.resolve_mapping(table, mapping)
        if any(p.row == 0 and p.severity == ERROR for p in self.report.problems):
            return
        rows = list(self.parse_rows(table, mapping))
        self._file_notes(table, known)  # found while reading (a column-number row)
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
