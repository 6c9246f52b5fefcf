"""The 100,000-row xlsx export (issue 13: XlsxWriter in constant-memory mode): time, peak
traced Python memory and peak RSS, each case in a fresh process.

    python bench/bench_exports.py [ROWS] [--module PATH]

Cases: `synthetic` (ROWS rows of 12 columns shaped like the member list: text, dates, numbers,
a percentage; no database) and, when `var/bench.sqlite3` holds the province demo (`make bench`
builds it), `province` (the province's member list behind the dashboard figure, the rows
`/reports/list/?figure=members.total&format=xlsx` streams, title block included) and
`members_view` (the /members/export.xlsx view for `tinh`, the whole response). Each is written to a
temporary file, as `xlsx_response` does. `--module` loads another exports module
in place of `dangvu.core.exports` (a before/after comparison with an older writer).
Target: < 30 s (the list export's target in bench_reports). Writes bench/results_exports.json.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DB_PATH = ROOT / "var" / "bench.sqlite3"
RESULTS = ROOT / "bench" / "results_exports.json"
TARGET_SECONDS = 30.0


def setup(module_path: str | None):
    os.environ.setdefault("DANGVU_DATABASE_URL", f"sqlite:///{DB_PATH}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "dangvu.config.settings.dev"
    os.environ.setdefault("DANGVU_DEBUG", "false")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    if not module_path:
        from dangvu.core import exports

        return exports
    spec = importlib.util.spec_from_file_location("bench_exports_module", module_path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def synthetic(exports, rows: int):
    Column = exports.Column
    columns = [
        Column("Họ và tên", lambda r: r[0], width=28),
        Column("Ngày sinh", lambda r: r[1], kind="date"),
        Column("Giới tính", lambda r: r[2]),
        Column("Dân tộc", lambda r: r[3]),
        Column("Số thẻ đảng", lambda r: r[4]),
        Column("Ngày vào Đảng", lambda r: r[5], kind="date"),
        Column("Ngày chính thức", lambda r: r[6], kind="date"),
        Column("Chi bộ", lambda r: r[7], width=30),
        Column("Tuổi đảng", lambda r: r[8], kind="int"),
        Column("Điểm", lambda r: r[9], kind="decimal"),
        Column("Tỷ lệ", lambda r: r[10], kind="percent"),
        Column("Điện thoại", lambda r: r[11]),
    ]

    def generate():
        for n in range(rows):
            born = dt.date(1950 + n % 55, 1 + n % 12, 1 + n % 28)
            admitted = dt.date(1975 + n % 48, 1 + n % 12, 1 + n % 28)
            yield (
                f"Nguyễn Văn Thử {n}",
                born,
                "Nam" if n % 2 else "Nữ",
                "Kinh",
                f"{10000000 + n:08d}",
                admitted,
                admitted + dt.timedelta(days=365),
                f"Chi bộ thôn số {n % 4000}",
                2026 - admitted.year,
                80 + n % 20 / 3,
                (n % 1000) / 1000,
                f"+84 9{n:08d}",
            )

    return columns, generate(), None


def province(exports):
    from django.utils import timezone

    from dangvu.accounts.models import User
    from dangvu.reports import lists
    from dangvu.reports.queries import DRILLS
    from dangvu.reports.queries.scope import Scope

    organization = User.objects.select_related("organization").get(username="tinh").organization
    today = timezone.localdate()
    scope = Scope(organization, today, dt.date(today.year, 1, 1), current=True)
    queryset = DRILLS["members.total"](scope)
    spec = lists.list_type(queryset)
    block = None
    if hasattr(exports, "TitleBlock"):
        block = exports.TitleBlock(organization.name, str(spec.title), [f"{scope.start:%d/%m/%Y}"])
    return spec.columns, lists.iterate(queryset, scope), block


def members_view(exports):
    """The member list's export view as the province office downloads it (100,000 rows cap),
    called with a request for `tinh` (the middleware, e.g. the second factor, left out), its
    streamed body consumed."""
    from django.test import RequestFactory

    from dangvu.accounts.models import User
    from dangvu.members.member.views import MemberExportView

    request = RequestFactory(HTTP_HOST="localhost").get("/members/export.xlsx")
    request.user = User.objects.select_related("organization").get(username="tinh")
    return lambda: MemberExportView.as_view()(request)


def child(case: str, rows: int, module_path: str | None, traced: bool) -> dict:
    exports = setup(module_path)
    if case == "members_view":
        view = members_view(exports)
        if traced:
            tracemalloc.start()
        base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        response = view()
        if response.status_code != 200:
            raise SystemExit(f"members:export answered {response.status_code}")
        body = response.streaming_content if response.streaming else [response.content]
        size = sum(len(block) for block in body)
        seconds = time.perf_counter() - started
        count = None
    else:
        columns, data, block = (
            synthetic(exports, rows) if case == "synthetic" else province(exports)
        )
        kwargs = {"title_block": block} if block is not None else {}
        if traced:
            tracemalloc.start()
        base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        with tempfile.TemporaryFile(suffix=".xlsx") as target:
            count = exports.write_xlsx(target, columns, data, sheet_title="Đảng viên", **kwargs)
            size = target.tell()
        seconds = time.perf_counter() - started
    result = {
        "rows": count,
        "seconds": round(seconds, 2),
        "file_mib": round(size / 2**20, 1),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "rss_growth_mib": round(
            (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base_rss) / 1024, 1
        ),
    }
    if traced:
        result["traced_peak_mib"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 2)
        tracemalloc.stop()
    return result


def run_case(case: str, rows: int, module_path: str | None) -> dict:
    out = {}
    # tracemalloc slows the writer (×4): time it untraced, then trace memory in another run;
    # the whole view (members_view) is timed only.
    for traced in (False,) if case == "members_view" else (False, True):
        args = [
            sys.executable,
            __file__,
            "--child",
            case,
            str(rows),
            module_path or "",
            str(traced),
        ]
        answer = subprocess.run(args, capture_output=True, text=True, check=True)
        data = json.loads(answer.stdout.strip().splitlines()[-1])
        if traced:
            out["traced_peak_mib"] = data["traced_peak_mib"]
            out["traced_run_seconds"] = data["seconds"]
        else:
            out.update(data)
    out["target_seconds"] = TARGET_SECONDS
    out["ok"] = out["seconds"] < TARGET_SECONDS
    return out


def has_demo() -> bool:
    import sqlite3

    if not DB_PATH.exists():
        return False
    try:
        with sqlite3.connect(DB_PATH) as db:
            return db.execute("SELECT COUNT(*) FROM members_member").fetchone()[0] > 50_000
    except sqlite3.Error:
        return False


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        case, rows, module_path, traced = argv[1:5]
        print(json.dumps(child(case, int(rows), module_path or None, traced == "True")))
        return 0
    module_path = None
    if "--module" in argv:
        index = argv.index("--module")
        module_path = argv[index + 1]
        argv = argv[:index] + argv[index + 2 :]
    rows = int(argv[0]) if argv else 100_000
    results = {"synthetic": run_case("synthetic", rows, module_path)}
    print("synthetic", results["synthetic"], flush=True)
    if has_demo():
        # members_view runs today's view code: no "before" with another module.
        for case in ("province",) if module_path else ("province", "members_view"):
            results[case] = run_case(case, rows, module_path)
            print(case, results[case], flush=True)
    if module_path is None:
        RESULTS.write_text(
            json.dumps(
                {
                    "at": dt.datetime.now().isoformat(timespec="seconds"),
                    "machine": f"{platform.node()} {platform.machine()}",
                    "python": platform.python_version(),
                    "results": results,
                },
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
    return 0 if all(r["ok"] for r in results.values()) else 1


def benchmarks(page, client_for) -> list:
    """Nothing for `bench/run.py`'s repeated timings: 100,000 rows 21 times over would add
    minutes (bench_reports times the province list); run this file for time and memory."""
    return []


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
