"""The register of documents under load (issue 13): 20 users enter documents of the same
issuer and kind at the same moment; every one gets a number, none twice, none skipped
(R14.6). Target: the 20 concurrent issues done within 2 s.

`bench/run.py` picks this up (`benchmarks(page, client_for)`) and issues for the demo's
first commune; the rows it writes are cancelled afterwards ("bench"), so numbers are never
reused. Run alone against any database: `DANGVU_DATABASE_URL=… python bench/bench_register.py`."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 2000
USERS = 20


def concurrent_issues(organization, users: int = USERS) -> list[int]:
    """Issue `users` documents at once from as many threads (one connection each); return
    the numbers given. Raises if any number is duplicated or missing."""
    from django.db import close_old_connections
    from django.utils import timezone

    from dangvu.core.documents import frame_for, p
    from dangvu.core.documents.models import RegisteredDocument
    from dangvu.core.documents.register import cancel, issue

    barrier = threading.Barrier(users)
    rows: list[RegisteredDocument] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker(i: int) -> None:
        try:
            document = frame_for(
                organization, "KH", timezone.localdate(), summary=f"Đo tải {i}", blocks=[p("x")]
            )
            barrier.wait()
            row = issue(organization, document, key="bench")
            with lock:
                rows.append(row)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise RuntimeError(f"{len(errors)} issues failed: {errors[0]!r}")
    numbers = sorted(row.number for row in rows)
    if len(set(numbers)) != users or numbers[-1] - numbers[0] != users - 1:
        raise RuntimeError(f"numbers not unique and consecutive: {numbers}")
    for row in rows:
        cancel(row, "bench")
    return numbers


def benchmarks(page, client_for):
    from dangvu.organizations.choices import Kind
    from dangvu.organizations.models import Organization

    commune = Organization.objects.filter(kind=Kind.COMMUNE_COMMITTEE).order_by("path").first()
    if commune is None:
        return []
    return [
        (
            f"documents: register, {USERS} concurrent issues (no duplicate)",
            TARGET_MS,
            lambda: concurrent_issues(commune),
        )
    ]


def main() -> None:
    import time

    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.config.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    from tests.factories import Kind, make_org

    call_command("migrate", verbosity=0)
    province = make_org(None, "Đảng bộ tỉnh Đo Tải", Kind.PROVINCE_COMMITTEE)
    commune = make_org(province, "Đảng bộ xã Đo Tải", Kind.COMMUNE_COMMITTEE)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        numbers = concurrent_issues(commune)
        times.append((time.perf_counter() - start) * 1000)
    print(f"{USERS} concurrent issues: numbers {numbers[0]}–{numbers[-1]}, no duplicate")
    print(f"median {sorted(times)[2]:.0f} ms, max {max(times):.0f} ms (target {TARGET_MS} ms)")


if __name__ == "__main__":
    main()
