"""Durability, proved with real processes on a real SQLite file:
- killing an import midway (SIGKILL while it writes) leaves the database as it was;
- a backup taken while another connection keeps writing restores to a consistent state."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from .conftest import ROOT, dangvu
from .helpers import MEMBER_HEADERS, member_row, write_csv


def counts(db) -> dict[str, int]:
    with sqlite3.connect(db) as con:
        return {
            table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("members_member", "members_placement", "auditlog_logentry")
        }


def test_killing_an_import_midway_leaves_the_database_as_before(live_db, tmp_path):
    db, env = live_db
    rows = [member_row(n, "Chi bộ thôn Đông") for n in range(1, 40001)]
    path = write_csv(tmp_path / "lon.csv", MEMBER_HEADERS, rows)
    before = counts(db)
    process = subprocess.Popen(
        [sys.executable, "-m", "dangvu", "import", "members", str(path), "--org", "XA"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    progress_dir = tmp_path / "var" / "imports" / "progress"
    killed_while = None
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and process.poll() is None:
        for file in progress_dir.glob("*.json"):
            try:
                state = json.loads(file.read_text())
            except ValueError:
                continue
            if state["phase"] == "write" and state["done"] > 0:
                killed_while = state
                process.send_signal(signal.SIGKILL)
                break
        if killed_while:
            break
        time.sleep(0.05)
    process.wait(timeout=30)
    assert killed_while is not None, "the import ended before it could be interrupted"
    assert killed_while["done"] < killed_while["total"]
    assert process.returncode == -signal.SIGKILL
    assert counts(db) == before
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # The same file imports completely afterwards.
    result = dangvu("import", "members", str(path), "--org", "XA", env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert counts(db)["members_member"] == before["members_member"] + 40000


def _writer(db, stop: threading.Event, done: list[int]) -> None:
    """Adds members, each with its placement, in one transaction each, as fast as it can."""
    con = sqlite3.connect(db, timeout=30, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    columns = [
        row[1]
        for row in con.execute("PRAGMA table_info(members_member)")
        if row[1] not in ("id", "card_number", "citizen_id")
    ]
    source = con.execute("SELECT min(id) FROM members_member").fetchone()[0]
    listed = ", ".join(columns)
    while not stop.is_set():
        con.execute("BEGIN IMMEDIATE")
        con.execute(
            f"INSERT INTO members_member ({listed}) SELECT {listed} FROM members_member "
            "WHERE id = ?",
            (source,),
        )
        member_id = con.execute("SELECT last_insert_rowid()").fetchone()[0]
        con.execute(
            "INSERT INTO members_placement (created_at, updated_at, member_id, organization_id,"
            " kind, valid_from) SELECT created_at, updated_at, ?, organization_id, kind,"
            " valid_from FROM members_placement WHERE member_id = ? LIMIT 1",
            (member_id, source),
        )
        con.execute("COMMIT")
        done[0] += 1
    con.close()


def consistent(db) -> tuple[int, int]:
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        orphans = con.execute(
            "SELECT count(*) FROM members_member m WHERE NOT EXISTS "
            "(SELECT 1 FROM members_placement p WHERE p.member_id = m.id)"
        ).fetchone()[0]
        assert orphans == 0  # every member's transaction is in the snapshot whole or not at all
        return (
            con.execute("SELECT count(*) FROM members_member").fetchone()[0],
            con.execute("SELECT count(*) FROM members_placement").fetchone()[0],
        )


def test_a_backup_under_concurrent_writes_restores_a_consistent_state(live_db, tmp_path):
    db, env = live_db
    start = consistent(db)
    stop, done = threading.Event(), [0]
    writer = threading.Thread(target=_writer, args=(db, stop, done))
    writer.start()
    try:
        while done[0] < 50:
            time.sleep(0.01)
        backup = tmp_path / "sao-luu.sqlite3"
        result = dangvu("backup", str(backup), env=env)
        writes_during = done[0]
        assert result.returncode == 0, result.stderr[-2000:]
        time.sleep(0.2)
    finally:
        stop.set()
        writer.join()
    assert writes_during >= 50
    snapshot = consistent(backup)
    assert start[0] + 50 <= snapshot[0] <= start[0] + done[0]
    live = consistent(db)
    assert live[0] == start[0] + done[0]
    # Restore into the live database: it goes back to the snapshot.
    result = dangvu("restore", str(backup), "--yes", env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert consistent(db) == snapshot
    # The app works on the restored database.
    result = dangvu("import", "members", str(tmp_path / "missing.csv"), "--org", "XA", env=env)
    assert result.returncode != 0 and "missing.csv" in result.stderr


def test_restore_refuses_a_file_that_is_not_a_backup(live_db, tmp_path):
    db, env = live_db
    before = counts(db)
    junk = tmp_path / "khong-phai.sqlite3"
    junk.write_bytes(b"not a database" * 100)
    result = dangvu("restore", str(junk), "--yes", env=env)
    assert result.returncode != 0
    assert counts(db) == before


@pytest.mark.parametrize("kind", ["members"])
def test_export_command_writes_a_workbook(live_db, tmp_path, kind):
    db, env = live_db
    out = tmp_path / "xa.xlsx"
    result = dangvu("export", "subtree", str(out), "--org", "XA", env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    import openpyxl

    workbook = openpyxl.load_workbook(out, read_only=True)
    assert workbook.sheetnames[:4] == ["Tổ chức", "Địa bàn", "Đảng viên", "Quá trình sinh hoạt"]
    assert len(workbook.sheetnames) == 9  # and the other history sheets


@pytest.mark.django_db(transaction=True)
def test_postgresql_backup_and_restore_with_pg_dump(tmp_path):
    """pg_dump -Fc / pg_restore --clean through the commands (PostgreSQL runs only)."""
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only; SQLite is covered above")
    from dangvu.members.models import Member
    from tests.conftest import build_world

    world = build_world()
    count = Member.objects.count()
    path = tmp_path / "dangvu.dump"
    call_command("backup", str(path))
    assert path.stat().st_size > 0
    Member.objects.filter(pk=world.minh.pk).update(full_name="Đã sửa sau khi sao lưu")
    call_command("restore", str(path), "--yes")
    assert Member.objects.count() == count
    assert Member.objects.get(pk=world.minh.pk).full_name == "Hoàng Văn Minh"
