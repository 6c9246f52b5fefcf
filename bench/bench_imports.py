"""Imports and exports at province scale (issue 7), in real `dangvu` processes.

Run it directly: `python bench/bench_imports.py [ROWS]` (default 100,000). It builds its own
SQLite file (var/bench_imports/, never var/bench.sqlite3), a province with 60 branches, and
files of ROWS members (xlsx and csv, generated once and kept), then measures, each in a fresh
process on a fresh copy of the database, with wall time and peak RSS (os.wait4):

  import xlsx (validation included)  target < 60 s
  import csv                          target < 30 s
  re-import csv (nothing changes)     (reported)
  export the subtree (xlsx)           target < 30 s
  memory of every step                target < 1 GiB

`bench/run.py` times read paths 20 times over; these minute-long steps do not fit that
harness, so `benchmarks()` returns nothing there and says how to run this file.
Writes bench/results_imports.json.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "var" / "bench_imports"
RESULTS = ROOT / "bench" / "results_imports.json"
BRANCHES = 60
HEADERS = [
    "STT", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Tôn giáo", "Ngày vào Đảng",
    "Ngày chính thức", "Số thẻ đảng viên", "Số CCCD", "Chi bộ", "Quê quán", "Nơi ở hiện nay",
    "Trình độ học vấn", "Trình độ chuyên môn", "Lý luận chính trị", "Nghề nghiệp", "Nơi làm việc",
    "Điện thoại",
]  # fmt: skip
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hà", "Hải", "Hoa", "Hùng", "Lan", "Ơn"]
TARGETS = {"import_xlsx": 60.0, "import_csv": 30.0, "export_xlsx": 30.0}
MEMORY_TARGET_MIB = 1024


def env_for(db: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="dangvu.config.settings.dev",
        DANGVU_DEBUG="false",
        DANGVU_DATABASE_URL=f"sqlite:///{db}",
        DANGVU_VAR_DIR=str(WORK / "var"),
        PYTHONPATH=str(ROOT / "src"),
    )
    return env


SETUP = """
import datetime as dt
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from dangvu.organizations.models import Organization, OrganizationLink
def add(parent, name, code, kind):
    data = {"name": name, "code": code, "kind": kind, "founded_on": dt.date(2000, 1, 1)}
    org = (Organization.objects.add_root(data) if parent is None
           else Organization.objects.add_child(parent, data))
    if parent is not None:
        parent.refresh_from_db()
    OrganizationLink.objects.create(organization=org, parent=parent, kind=kind, name=name,
                                    valid_from=org.founded_on)
    return org
province = add(None, "Đảng bộ tỉnh Đo Thử", "BENCH", "province_committee")
commune = add(province, "Đảng bộ xã Đo Thử", "BENCH-X", "commune_committee")
base = add(commune, "Đảng bộ cơ sở Đo Thử", "BENCH-CS", "base_committee")
for i in range(1, %d + 1):
    add(base, f"Chi bộ thôn {i}", f"BENCH-CB{i:02d}", "branch")
"""


def member_rows(count: int):
    for n in range(1, count + 1):
        female = n % 3 == 0
        birth = dt.date(1950 + n % 55, 1 + n % 12, 1 + n % 28)
        admitted = dt.date(birth.year + 20 + n % 15, 1 + (n * 7) % 12, 1 + (n * 3) % 28)
        recognized = admitted + dt.timedelta(days=366) if n % 10 else None
        if recognized and recognized > dt.date.today():
            recognized = None
        if admitted > dt.date.today():
            admitted = dt.date(birth.year + 19, 6, 1)
            recognized = None
        name = f"{FAMILY[n % 11]} {MIDDLE[(n // 11) % 8]} {GIVEN[(n // 88) % 12]}"
        yield [
            n,
            name,
            birth,
            "Nữ" if female else "Nam",
            "Kinh" if n % 7 else "Tày",
            "Không",
            admitted,
            recognized,
            f"{10000000 + n:08d}",
            f"001{(birth.year // 100 - 19) * 2 + female}{birth.year % 100:02d}{n:06d}",
            f"BENCH-CB{1 + n % BRANCHES:02d}",
            "Xã Đo Thử",
            f"Thôn {1 + n % BRANCHES}",
            "12/12",
            "Đại học" if n % 4 else "Không",
            "Sơ cấp",
            "Nông dân" if n % 5 else "Giáo viên",
            "",
            f"09{n:08d}",
        ]


def write_files(count: int) -> tuple[Path, Path]:
    from openpyxl import Workbook

    xlsx, csv_path = WORK / f"members-{count}.xlsx", WORK / f"members-{count}.csv"
    if not csv_path.exists():
        with csv_path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADERS)
            for row in member_rows(count):
                writer.writerow(
                    [v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else v for v in row]
                )
    if not xlsx.exists():
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("Đảng viên")
        sheet.append(HEADERS)
        for row in member_rows(count):
            sheet.append(row)
        workbook.save(xlsx)
    return xlsx, csv_path


def run(args: list[str], db: Path) -> dict:
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "dangvu", *args],
        env=env_for(db),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    out = process.stdout.read()
    err = process.stderr.read()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        print(out[-2000:], err[-3000:], file=sys.stderr)
        raise SystemExit(f"{' '.join(args)} failed ({code})")
    return {
        "seconds": round(seconds, 2),
        "peak_rss_mib": round(usage.ru_maxrss / 1024, 1),
        "output": out.strip().splitlines()[0] if out.strip() else "",
    }


def main(count: int) -> int:
    WORK.mkdir(parents=True, exist_ok=True)
    template = WORK / "template.sqlite3"
    if not template.exists():
        print("building the bench database…", flush=True)
        subprocess.run(
            [sys.executable, "-c", SETUP % BRANCHES], env=env_for(template), cwd=ROOT, check=True
        )
    print(f"writing the {count:,}-row files (once)…", flush=True)
    xlsx, csv_path = write_files(count)
    results: dict[str, dict] = {}

    def fresh(name: str) -> Path:
        db = WORK / f"{name}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(template, db)
        return db

    db = fresh("run-xlsx")
    results["import_xlsx"] = run(["import", "members", str(xlsx), "--org", "BENCH"], db)
    print("import xlsx", results["import_xlsx"], flush=True)
    results["export_xlsx"] = run(
        ["export", "subtree", str(WORK / "export.xlsx"), "--org", "BENCH"], db
    )
    print("export xlsx", results["export_xlsx"], flush=True)
    db = fresh("run-csv")
    results["import_csv"] = run(["import", "members", str(csv_path), "--org", "BENCH"], db)
    print("import csv", results["import_csv"], flush=True)
    results["reimport_csv"] = run(["import", "members", str(csv_path), "--org", "BENCH"], db)
    print("re-import csv", results["reimport_csv"], flush=True)

    failed = []
    for name, result in results.items():
        target = TARGETS.get(name)
        result["target_seconds"] = target
        ok = (target is None or result["seconds"] < target) and (
            result["peak_rss_mib"] < MEMORY_TARGET_MIB
        )
        result["ok"] = ok
        if not ok:
            failed.append(name)
    RESULTS.write_text(
        json.dumps(
            {
                "rows": count,
                "machine": f"{platform.node()} {platform.processor() or platform.machine()}",
                "python": platform.python_version(),
                "at": dt.datetime.now().isoformat(timespec="seconds"),
                "results": results,
            },
            ensure_ascii=False,
            indent=2,
        )
    )
    print("missed:" if failed else "all targets met", ", ".join(failed))
    return 1 if failed else 0


def benchmarks(page, client_for):
    """bench/run.py repeats each step 20 times; these run once: `python bench/bench_imports.py`."""
    print("imports: run `python bench/bench_imports.py` (minute-long steps, own database)")
    return []


if __name__ == "__main__":
    raise SystemExit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000))
