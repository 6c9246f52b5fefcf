"""The history import at province scale (issue 12): one workbook of ROWS members with their
admission, recognition and exit decisions, five years of placements (moves), posts, committee
seats and monthly attendance summaries, imported by `dangvu import members` in a real process.

Run it directly: `python bench/bench_history.py [ROWS]` (default 100,000). It reuses
bench_imports.py's database (a province, 60 branches) and measures, each in a fresh process,
wall time and peak RSS (os.wait4):

  import the history workbook        target < 180 s, < 1 GiB
  import it again (nothing changes)   (reported)
  export the subtree (every sheet)    (reported)

Writes bench/results_history.json.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_imports as base  # noqa: E402

WORK = base.WORK
RESULTS = base.ROOT / "bench" / "results_history.json"
TARGET_SECONDS = 180.0
EXTRA = [
    "Số quyết định kết nạp",
    "Ngày lễ kết nạp",
    "Số quyết định công nhận chính thức",
    "Hình thức ra khỏi Đảng",
    "Ngày ra khỏi Đảng",
    "Số quyết định ra khỏi Đảng",
]
TODAY = dt.date.today()


def history(count: int):
    """(member row, placements, posts, seat) for every member, all consistent."""
    for n, row in enumerate(base.member_rows(count), 1):
        admitted, recognized = row[6], row[7]
        ceremony = admitted + dt.timedelta(days=10)
        if ceremony > TODAY:
            ceremony = None
        start = ceremony or admitted
        exit_kind = exit_on = None
        if n % 10 == 3 and recognized and recognized < dt.date(2020, 1, 1):
            exit_kind = "Xóa tên" if n % 20 == 3 else "Từ trần"
            exit_on = dt.date(2021, 1, 1) + dt.timedelta(days=n % 1000)
        member = [
            *row,
            f"{n % 900 + 1}-QĐ/ĐU",
            ceremony,
            f"{n % 700 + 1}-QĐ/ĐU" if recognized else None,
            exit_kind,
            exit_on,
            f"{n % 500 + 1}-QĐ/ĐU" if exit_kind else None,
        ]
        placements = []
        move_on = dt.date(2022, 3, 1) + dt.timedelta(days=n % 300)
        if n % 5 == 0 and start < move_on:
            before = f"BENCH-CB{1 + (n + 1) % base.BRANCHES:02d}"
            placements = [
                [row[9], before, start, move_on, "Kết nạp" if ceremony else None],
                [row[9], row[10], move_on, None, "Chuyển sinh hoạt"],
            ]
        posts = []
        if n % 10 == 1:
            posts = [
                [row[9], "Bí thư chi đoàn", dt.date(2021, 1, 1), dt.date(2023, 12, 31)],
                [row[9], "Trưởng ban công tác Mặt trận", dt.date(2024, 1, 1), None],
            ]
        seat = n % 10 == 7 and recognized is not None and recognized <= dt.date(2022, 1, 1)
        yield member, placements, posts, (row[9], row[10]) if seat else None


def write_workbook(count: int) -> Path:
    from openpyxl import Workbook

    path = WORK / f"history-{count}.xlsx"
    if path.exists():
        return path
    book = Workbook(write_only=True)
    members = book.create_sheet("Đảng viên")
    members.append(base.HEADERS + EXTRA)
    placements, posts, seats, secretaries = [], [], [], set()
    for member, stints, held, seat in history(count):
        members.append(member)
        placements += stints
        posts += held
        if seat and seat[1] not in secretaries:
            secretaries.add(seat[1])
            seats.append([seat[0], seat[1], "Bí thư", dt.date(2022, 1, 1)])
    sheet = book.create_sheet("Quá trình sinh hoạt")
    sheet.append(["Số CCCD", "Mã chi bộ", "Từ ngày", "Đến ngày", "Lý do đến"])
    for row in placements:
        sheet.append(row)
    sheet = book.create_sheet("Chức danh kiêm nhiệm")
    sheet.append(["Số CCCD", "Chức danh", "Từ ngày", "Đến ngày"])
    for row in posts:
        sheet.append(row)
    sheet = book.create_sheet("Cấp ủy")
    sheet.append(["Số CCCD", "Mã tổ chức", "Chức vụ cấp ủy", "Từ ngày"])
    for row in seats:
        sheet.append(row)
    sheet = book.create_sheet("Sinh hoạt chi bộ")
    sheet.append(["Mã chi bộ", "Năm", "Tháng", "Số buổi sinh hoạt", "Có mặt", "Vắng có lý do"])
    for b in range(1, base.BRANCHES + 1):
        for year in range(2021, 2026):
            for month in range(1, 13):
                sheet.append([f"BENCH-CB{b:02d}", year, month, 1, 20 + (b + month) % 7, 2])
    book.save(path)
    return path


def run(args: list[str], db: Path) -> dict:
    """bench_imports.run, plus the process's CPU time (user + system): on a machine shared
    with other work, wall time says little and CPU time says what the import costs."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "dangvu", *args],
            env=base.env_for(db),
            cwd=base.ROOT,
            stdout=out,
            stderr=err,
            text=True,
        )
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        output, errors = out.read(), err.read()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        print(output[-2000:], errors[-3000:], file=sys.stderr)
        raise SystemExit(f"{' '.join(args)} failed ({code})")
    return {
        "seconds": round(seconds, 2),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_rss_mib": round(usage.ru_maxrss / 1024, 1),
        "output": output.strip().splitlines()[0] if output.strip() else "",
    }


def main(count: int) -> int:
    WORK.mkdir(parents=True, exist_ok=True)
    template = WORK / "template.sqlite3"
    if not template.exists():
        print("building the bench database…", flush=True)
        subprocess.run(
            [sys.executable, "-c", base.SETUP % base.BRANCHES],
            env=base.env_for(template),
            cwd=base.ROOT,
            check=True,
        )
    print(f"writing the {count:,}-member history workbook (once)…", flush=True)
    path = write_workbook(count)
    db = WORK / "run-history.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, db)
    results = {"import_history": run(["import", "members", str(path), "--org", "BENCH"], db)}
    print("import history", results["import_history"], flush=True)
    results["reimport_history"] = run(["import", "members", str(path), "--org", "BENCH"], db)
    print("re-import history", results["reimport_history"], flush=True)
    results["export_subtree"] = run(
        ["export", "subtree", str(WORK / "export-history.xlsx"), "--org", "BENCH"], db
    )
    print("export", results["export_subtree"], flush=True)
    first = results["import_history"]
    ok = first["seconds"] < TARGET_SECONDS and first["peak_rss_mib"] < base.MEMORY_TARGET_MIB
    RESULTS.write_text(
        json.dumps(
            {
                "rows": count,
                "machine": f"{platform.node()} {platform.processor() or platform.machine()}",
                "python": platform.python_version(),
                "at": dt.datetime.now().isoformat(timespec="seconds"),
                "target_seconds": TARGET_SECONDS,
                "ok": ok,
                "results": results,
            },
            ensure_ascii=False,
            indent=2,
        )
    )
    print("target met" if ok else "target missed")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000))
