"""Backup and restore of the whole database while the application runs.

SQLite: the online backup API (`sqlite3.Connection.backup`) copies a consistent snapshot,
page by page, while other connections keep reading and writing (in WAL mode the copy reads one
snapshot; a write during a multi-step copy makes SQLite restart it, so we copy in one step).
The copy is checked with `PRAGMA integrity_check` before it is kept. Restore runs the same API
the other way, into the live database file, under SQLite's write lock: connected processes see
the restored data on their next query.

PostgreSQL: `pg_dump -Fc` (a consistent snapshot by construction) and `pg_restore --clean
--if-exists`, with the connection settings of DATABASES["default"] passed through the
standard PG* environment variables (the password never appears on a command line).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django.utils.translation import gettext as _


class BackupError(Exception):
    pass


def default_backup_path() -> Path:
    folder = Path(settings.VAR_DIR) / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    suffix = "sqlite3" if connection.vendor == "sqlite" else "dump"
    return folder / f"dangvu-{stamp}.{suffix}"


def _sqlite_source() -> sqlite3.Connection:
    """A connection to the live database: a new one to the file, or (for an in-memory test
    database) Django's own connection."""
    name = str(connection.settings_dict["NAME"])
    if name == ":memory:" or "mode=memory" in name:
        connection.ensure_connection()
        return connection.connection
    return sqlite3.connect(name, timeout=60)


def check_sqlite_file(path: str | Path) -> None:
    try:
        target = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = target.execute("PRAGMA integrity_check").fetchone()
            tables = target.execute(
                "SELECT count(*) FROM sqlite_master WHERE name = 'django_migrations'"
            ).fetchone()
        finally:
            target.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(
            _("This file is not a dangvu SQLite backup (%(error)s).") % {"error": error}
        ) from error
    if result[0] != "ok":
        raise BackupError(_("The backup is damaged: %(result)s") % {"result": result[0]})
    if not tables[0]:
        raise BackupError(_("This file is not a dangvu SQLite backup."))


def backup_sqlite(source: sqlite3.Connection, path: Path) -> None:
    tmp = path.with_name(path.name + ".part")
    tmp.unlink(missing_ok=True)
    target = sqlite3.connect(tmp)
    try:
        source.backup(target, pages=-1)  # one step: one consistent snapshot
        target.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
    finally:
        target.close()
    check_sqlite_file(tmp)
    os.replace(tmp, path)


def restore_sqlite(path: Path, target: sqlite3.Connection) -> None:
    check_sqlite_file(path)
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        source.backup(target, pages=-1)
    finally:
        source.close()


def _pg_env() -> dict[str, str]:
    db = connection.settings_dict
    env = dict(os.environ)
    for key, var in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if db.get(key):
            env[var] = str(db[key])
    return env


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            _("%(tool)s is not installed (package postgresql-client).") % {"tool": name}
        )
    return found


def backup(path: str | Path | None = None) -> Path:
    """Write a consistent snapshot of the live database to `path`; returns the path."""
    target = Path(path) if path else default_backup_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "sqlite":
        source = _sqlite_source()
        try:
            backup_sqlite(source, target)
        finally:
            if source is not connection.connection:
                source.close()
        return target
    if connection.vendor == "postgresql":
        result = subprocess.run(
            [_pg_tool("pg_dump"), "-Fc", "--no-owner", "-f", str(target)],
            env=_pg_env(),
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise BackupError(result.stderr.strip() or "pg_dump failed")
        return target
    raise BackupError(_("Backup is not supported for this database."))


def restore(path: str | Path) -> None:
    """Replace the live database's content with the backup at `path`."""
    source = Path(path)
    if not source.is_file():
        raise BackupError(_("No backup file %(path)s.") % {"path": source})
    if connection.vendor == "sqlite":
        for alias in connections:
            if connections[alias] is not connection:
                connections[alias].close()
        name = str(connection.settings_dict["NAME"])
        if name == ":memory:" or "mode=memory" in name:
            connection.ensure_connection()
            restore_sqlite(source, connection.connection)
            return
        connection.close()
        target = sqlite3.connect(name, timeout=60)
        try:
            restore_sqlite(source, target)
        finally:
            target.close()
        return
    if connection.vendor == "postgresql":
        connection.close()
        result = subprocess.run(
            [
                _pg_tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "-d",
                str(connection.settings_dict["NAME"]),
                str(source),
            ],
            env=_pg_env(),
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise BackupError(result.stderr.strip() or "pg_restore failed")
        return
    raise BackupError(_("Restore is not supported for this database."))
