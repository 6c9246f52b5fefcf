"""A meeting's papers (issue 13): the minutes of a 40-member meeting built from its records
and rendered as PDF (target < 1 s) and as DOCX (target < 300 ms), as a user waits for them.

`bench/run.py` picks this up (`benchmarks(page, client_for)`) and times a held 40-member
meeting of the province demo. Run alone (`python bench/bench_documents.py`), it builds its own
40-member meeting in a fresh SQLite file (var/bench_documents.sqlite3) and prints the figures:
the documents' cost is the 40 rows and the rendering, not the size of the database."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PDF_TARGET_MS, DOCX_TARGET_MS = 1000, 300


def rows_for(meeting) -> list[tuple[str, float, object]]:
    from dangvu.core.documents import document_docx, document_pdf
    from dangvu.meetings import documents

    n = meeting.eligible_count
    on = meeting.date

    def pdf():
        return document_pdf(documents.minutes(meeting, on=on, user=None))

    def docx():
        return document_docx(documents.minutes(meeting, on=on, user=None))

    return [
        (f"documents: minutes of a {n}-member meeting, build + PDF", PDF_TARGET_MS, pdf),
        (f"documents: minutes of a {n}-member meeting, build + DOCX", DOCX_TARGET_MS, docx),
    ]


def benchmarks(page, client_for):
    from dangvu.meetings.choices import MeetingStatus
    from dangvu.meetings.models import Meeting

    meeting = (
        Meeting.objects.filter(status=MeetingStatus.HELD, kind="regular", eligible_count__gte=40)
        .order_by("eligible_count", "id")
        .first()
    )
    if meeting is None:
        return []
    return rows_for(meeting)


def forty_member_meeting():
    """A branch of 40 with a full roll call (6 excused with reasons, 3 absent), a visiting
    commune committee member, minutes of 4 agenda items, a resolution and tasks."""
    from django.utils import timezone

    from dangvu.accounts.models import User
    from dangvu.meetings import services
    from dangvu.meetings.choices import AttendanceState, MeetingKind
    from dangvu.organizations.models import CommitteeSeat
    from tests.factories import Kind, MemberFactory, Role, make_org, make_user

    user = User.objects.filter(username="bench_admin").first() or make_user(
        "bench_admin", Role.ADMIN, None, is_staff=True, is_superuser=True
    )
    province = make_org(None, "Đảng bộ tỉnh Đo Đạc", Kind.PROVINCE_COMMITTEE)
    commune = make_org(province, "Đảng bộ xã Đo Đạc", Kind.COMMUNE_COMMITTEE)
    office = make_org(commune, "Chi bộ cơ quan", Kind.BRANCH)
    branch = make_org(commune, "Chi bộ thôn Bốn Mươi", Kind.BRANCH)
    members = [
        MemberFactory(full_name=f"Nguyễn Văn Thành {i:02d}", organization=branch) for i in range(40)
    ]
    visitor = MemberFactory(full_name="Trần Thị Khách", organization=office)
    since = dt.date(2020, 1, 1)
    CommitteeSeat.objects.create(
        organization=branch, member=members[0], role="secretary", valid_from=since
    )
    CommitteeSeat.objects.create(
        organization=commune, member=visitor, role="member", valid_from=since
    )
    day = timezone.localdate() - dt.timedelta(days=7)
    start = timezone.make_aware(dt.datetime(day.year, day.month, day.day, 8))
    meeting = services.schedule_meeting(
        user=user,
        organization=branch,
        data={
            "kind": MeetingKind.REGULAR,
            "scheduled_at": start,
            "place": "Nhà văn hóa thôn",
            "agenda": "\n".join(f"Nội dung {i}" for i in range(1, 5)),
        },
    )
    entries = {}
    for i, member in enumerate(members):
        if i % 7 == 3:
            entries[member.pk] = (AttendanceState.EXCUSED, "đi công tác")
        elif i % 13 == 5:
            entries[member.pk] = (AttendanceState.ABSENT, "")
        else:
            entries[member.pk] = (AttendanceState.PRESENT, "")
    meeting = services.save_roll_call(
        user=user, meeting=meeting, entries=entries, expected_version=meeting.version
    )
    services.record_visit(user=user, meeting=meeting, member=visitor)
    items = [
        {
            "item": f"Nội dung {i}",
            "content": "Chi bộ nghe báo cáo và thảo luận. " * 6,
            "opinions": "Nhiều đồng chí phát biểu, đề nghị làm rõ trách nhiệm. " * 4,
            "for": 30,
            "against": 1,
            "abstain": 0,
        }
        for i in range(1, 5)
    ]
    services.record_minutes(
        user=user,
        meeting=meeting,
        data={
            "started_at": start,
            "ended_at": start + dt.timedelta(minutes=120),
            "chair": members[0],
            "minute_taker": members[1],
            "guests": "Đại diện Ban công tác Mặt trận thôn",
            "items": items,
            "conclusions": "\n".join(f"Kết luận {i}." for i in range(1, 6)),
        },
    )
    services.add_resolution(
        user=user, meeting=meeting, data={"title": "Về nhiệm vụ tháng tới", "votes_for": 31}
    )
    for i in range(3):
        services.add_task(
            user=user,
            meeting=meeting,
            data={"title": f"Việc {i}", "assignee": members[i], "due_on": day + dt.timedelta(30)},
        )
    meeting.refresh_from_db()
    return meeting


def main() -> int:
    db = ROOT / "var" / "bench_documents.sqlite3"
    db.parent.mkdir(parents=True, exist_ok=True)
    db.unlink(missing_ok=True)
    os.environ["DANGVU_DATABASE_URL"] = f"sqlite:///{db}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "dangvu.config.settings.dev"
    os.environ.setdefault("DANGVU_DEBUG", "false")
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    sys.path.insert(0, str(ROOT / "bench"))
    from run import timed

    meeting = forty_member_meeting()
    failed = False
    for name, target, fn in rows_for(meeting):
        median, p95 = timed(fn)
        ok = p95 < target
        failed |= not ok
        print(f"{name}: median {median:.0f} ms, p95 {p95:.0f} ms (target {target} ms) "
              f"{'ok' if ok else 'MISSED'}")  # fmt: skip
    db.unlink(missing_ok=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
