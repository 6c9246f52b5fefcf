"""Benchmarks with their targets (`make bench`); never timed assertions in tests.

Uses `var/bench.sqlite3`: when it has no organizations yet, migrates it and generates the
province-scale demo (~100,000 members) and reports how long that took. Then measures warm
timings (one warm-up call, then REPEAT calls; median and p95 in ms) of the read paths that
must stay fast, both as query functions and, when the view exists, as pages fetched with
Django's test client logged in as `tinh` (provincial board) and `xa1` (a commune board).
A page that answers 404 is skipped and reported as such. For every missed target the slowest
SQL statements of one run are printed with SQLite's EXPLAIN QUERY PLAN.

Writes `bench/results.json`.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import platform
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DB_PATH = ROOT / "var" / "bench.sqlite3"
RESULTS = ROOT / "bench" / "results.json"
REPEAT = int(os.environ.get("BENCH_REPEAT", "20"))


def setup_django() -> None:
    DB_PATH.parent.mkdir(parents=True, exist_ok=True)
    os.environ["DANGVU_DATABASE_URL"] = f"sqlite:///{DB_PATH}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "dangvu.config.settings.dev"
    # Pages are timed as a signed-in user; the second factor is timed on its own pages.
    os.environ.setdefault("DANGVU_REQUIRE_2FA", "0")
    # DEBUG keeps every SQL statement in memory and renders debug pages: measure without it.
    os.environ.setdefault("DANGVU_DEBUG", "false")
    sys.path.insert(0, str(ROOT / "src"))
    # WhiteNoise warns that collectstatic has not run; irrelevant to timings.
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()


class Skip(Exception):
    """The page does not exist (yet): report and move on."""


def timed(fn: Callable[[], object], repeat: int = REPEAT) -> tuple[float, float]:
    fn()  # warm-up: caches, compiled templates, SQLite page cache
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    p95 = samples[max(0, math.ceil(0.95 * len(samples)) - 1)]
    return statistics.median(samples), p95


def page(client, url: str) -> Callable[[], object]:
    def fetch():
        response = client.get(url)
        if response.status_code == 404:
            raise Skip(f"GET {url} answered 404 (view not available)")
        if response.status_code != 200:
            raise Skip(f"GET {url} answered {response.status_code}")
        return response.content

    return fetch


def slowest_queries(fn: Callable[[], object], top: int = 3) -> list[dict]:
    """The slowest statements of one run, with SQLite's query plan."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        fn()
    queries = sorted(captured.captured_queries, key=lambda q: -float(q["time"]))[:top]
    report = []
    for query in queries:
        sql = query["sql"]
        plan: list[str] = []
        if sql.lstrip().upper().startswith("SELECT"):
            with connection.cursor() as cursor:
                try:
                    cursor.execute("EXPLAIN QUERY PLAN " + sql)
                    plan = [row[-1] for row in cursor.fetchall()]
                except Exception as exc:  # a report, not a failure
                    plan = [f"(no plan: {exc})"]
        report.append({"ms": float(query["time"]) * 1000, "sql": sql, "plan": plan})
    return report


def ensure_demo() -> float | None:
    from django.core.management import call_command

    from dangvu.organizations.models import Organization

    call_command("migrate", interactive=False, verbosity=0)
    if Organization.objects.exists():
        return None
    print(f"Generating the province-scale demo in {DB_PATH} …", flush=True)
    started = time.perf_counter()
    call_command("demo", scale="province", verbosity=0)
    return time.perf_counter() - started


def database_counts() -> dict[str, int]:
    from dangvu.members.models import Member
    from dangvu.organizations.choices import BRANCH_KINDS, GRASSROOTS_KINDS
    from dangvu.organizations.models import Locality, Organization

    live = Organization.objects.filter(dissolved_on__isnull=True)
    return {
        "organizations": Organization.objects.count(),
        "grassroots": live.filter(kind__in=GRASSROOTS_KINDS).count(),
        "branches": live.filter(kind__in=BRANCH_KINDS).count(),
        "members": Member.objects.count(),
        "active_members": Member.objects.active().count(),
        "localities": Locality.objects.count(),
    }


def benchmarks() -> list[tuple[str, float, Callable[[], object]]]:
    from django.test import Client, RequestFactory

    from dangvu.accounts.models import User
    from dangvu.members.filters import MemberFilterSet
    from dangvu.members.models import Member
    from dangvu.organizations.queries import children_with_counts, organization_counts

    tinh = User.objects.select_related("organization").get(username="tinh")
    xa1 = User.objects.select_related("organization").get(username="xa1")
    province, commune = tinh.organization, xa1.organization

    def search(user):
        # The app's path: the shared FilterSet (subtree range first, then the user's scope).
        def run():
            data = {"q": "nguyen van", "organization": str(commune.pk)}
            request = RequestFactory().get("/members/", data)
            request.user = user
            filterset = MemberFilterSet(
                data, queryset=Member.objects.visible_to(user), request=request
            )
            found = filterset.qs
            return list(found.order_by("sort_key", "id")[:50]), found.count()

        return run

    def filtered_list(user):
        def run():
            data = {"status": "official", "gender": "female"}
            filterset = MemberFilterSet(data, queryset=Member.objects.visible_to(user))
            members = filterset.qs.select_related("organization")
            return list(members.order_by("sort_key", "id")[:50]), members.count()

        return run

    clients = {}
    for user in (tinh, xa1):
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        clients[user.username] = client

    search_url = f"/members/?q=nguyen+van&organization={commune.pk}"
    list_url = "/members/?status=official&gender=female"
    return [
        ("search: MemberFilterSet q + subtree (tinh, commune)", 30, search(tinh)),
        ("search: MemberFilterSet q + subtree (xa1, own commune)", 30, search(xa1)),
        (f"search page: GET {search_url} (tinh)", 100, page(clients["tinh"], search_url)),
        (f"search page: GET {search_url} (xa1)", 100, page(clients["xa1"], search_url)),
        ("org counts: organization_counts(commune)", 100, lambda: organization_counts(commune)),
        (
            f"org page: GET /organizations/{commune.pk}/ (tinh)",
            100,
            page(clients["tinh"], f"/organizations/{commune.pk}/"),
        ),
        (
            f"org page: GET /organizations/{commune.pk}/ (xa1)",
            100,
            page(clients["xa1"], f"/organizations/{commune.pk}/"),
        ),
        ("member list: MemberFilterSet official+female, 50 rows (tinh)", 100, filtered_list(tinh)),
        ("member list: MemberFilterSet official+female, 50 rows (xa1)", 100, filtered_list(xa1)),
        (f"member list page: GET {list_url} (tinh)", 100, page(clients["tinh"], list_url)),
        (f"member list page: GET {list_url} (xa1)", 100, page(clients["xa1"], list_url)),
        (
            "tree: children_with_counts(province) (tinh)",
            200,
            lambda: children_with_counts(province, tinh),
        ),
        (
            f"tree page: GET /organizations/{province.pk}/children/ (tinh)",
            200,
            page(clients["tinh"], f"/organizations/{province.pk}/children/"),
        ),
        (
            "tree: children_with_counts(commune) (xa1)",
            200,
            lambda: children_with_counts(commune, xa1),
        ),
    ]


def app_benchmarks() -> list[tuple[str, float, Callable[[], object]]]:
    """Each domain adds `bench/bench_<app>.py` with `benchmarks(page, client_for)` returning
    (name, target_ms, callable) rows; `page(client, url)` times a GET that must answer 200 and
    `client_for(username)` is a logged-in test client."""
    import importlib.util

    from django.test import Client

    from dangvu.accounts.models import User

    def client_for(username: str) -> Client:
        client = Client(HTTP_HOST="localhost")
        client.force_login(User.objects.get(username=username))
        return client

    rows: list[tuple[str, float, Callable[[], object]]] = []
    for path in sorted(Path(__file__).parent.glob("bench_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        rows.extend(module.benchmarks(page, client_for))
    return rows


def main() -> int:
    setup_django()
    demo_seconds = ensure_demo()
    if demo_seconds is not None:
        print(f"Demo generated in {demo_seconds:.1f} s")
    counts = database_counts()
    print("Database:", ", ".join(f"{k} {v:,}" for k, v in counts.items()))

    rows = []
    for name, target, fn in benchmarks() + app_benchmarks():
        try:
            median, p95 = timed(fn)
        except Skip as skip:
            rows.append({"name": name, "target_ms": target, "skipped": str(skip)})
            continue
        except Exception as exc:  # a broken page is reported, not fatal
            rows.append({"name": name, "target_ms": target, "error": repr(exc)[:300]})
            continue
        row = {
            "name": name,
            "median_ms": round(median, 2),
            "p95_ms": round(p95, 2),
            "target_ms": target,
            "ok": p95 < target,
        }
        if not row["ok"]:
            row["slowest_queries"] = slowest_queries(fn)
        rows.append(row)

    width = max(len(r["name"]) for r in rows)
    print()
    print(f"{'benchmark':<{width}}  {'median':>8}  {'p95':>8}  {'target':>7}  result")
    for r in rows:
        if "median_ms" in r:
            verdict = "OK" if r["ok"] else "SLOW"
            print(
                f"{r['name']:<{width}}  {r['median_ms']:>8.1f}  {r['p95_ms']:>8.1f}  "
                f"{r['target_ms']:>7}  {verdict}"
            )
        else:
            print(
                f"{r['name']:<{width}}  {'—':>8}  {'—':>8}  {r['target_ms']:>7}  "
                f"SKIPPED: {r.get('skipped') or r.get('error')}"
            )
    for r in rows:
        for q in r.get("slowest_queries", []):
            print(f"\nSLOW {r['name']}: {q['ms']:.1f} ms\n  {q['sql'][:600]}")
            for step in q["plan"]:
                print(f"    plan: {step}")

    RESULTS.write_text(
        json.dumps(
            {
                "measured_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                "machine": {
                    "python": platform.python_version(),
                    "cpus": os.cpu_count(),
                    "platform": platform.platform(),
                },
                "database": str(DB_PATH),
                "demo_seconds": round(demo_seconds, 1) if demo_seconds is not None else None,
                "counts": counts,
                "repeat": REPEAT,
                "results": rows,
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )
    print(f"\nWrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
