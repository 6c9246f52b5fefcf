"""Teach the scope crawler (tests/test_scope_crawler.py) the meetings app's records: one of each
on side A (branch_a1, Đức) and side B (branch_b1, Minh)."""

from __future__ import annotations

import datetime as dt

from dangvu.meetings.choices import AttendanceState, MeetingKind, MeetingStatus
from dangvu.meetings.models import (
    Attendance,
    Meeting,
    MeetingDocument,
    MeetingResolution,
    Task,
    Visit,
    VisitDuty,
)
from dangvu.organizations.choices import SeatRole
from dangvu.organizations.models import CommitteeSeat

from .factories import at


def _side(branch, committee, member, label: str) -> dict:
    day = dt.date(2026, 3, 10)
    meeting = Meeting.objects.create(
        organization=branch,
        org_path=branch.path,
        kind=MeetingKind.THEMATIC,
        topic=f"Chuyên đề {label}",
        scheduled_at=at(day),
        status=MeetingStatus.HELD,
        place=f"Nhà văn hóa {label}",
        agenda=f"Tình hình {label}",
        conclusions=f"Kết luận {label}",
    )
    CommitteeSeat.objects.create(
        organization=committee, member=member, role=SeatRole.MEMBER, valid_from=dt.date(2025, 1, 1)
    )
    return {
        Meeting: meeting,
        MeetingDocument: MeetingDocument.objects.create(
            meeting=meeting, title=f"Tài liệu {label}", file=f"meetings/crawl/{label}.pdf"
        ),
        Attendance: Attendance.objects.create(
            meeting=meeting, member=member, state=AttendanceState.EXCUSED, reason=f"Ốm {label}"
        ),
        MeetingResolution: MeetingResolution.objects.create(
            meeting=meeting, title=f"Nghị quyết {label}"
        ),
        Task: Task.objects.create(
            meeting=meeting,
            organization=branch,
            org_path=branch.path,
            title=f"Làm đường {label}",
            assignee=member,
            due_on=dt.date(2026, 4, 1),
        ),
        Visit: Visit.objects.create(
            meeting=meeting,
            member=member,
            committee=committee,
            committee_path=committee.path,
            level="grassroots",
            org_path=branch.path,
            date=day,
        ),
        VisitDuty: VisitDuty.objects.create(
            committee=committee,
            member=member,
            branch=branch,
            org_path=committee.path,
            valid_from=dt.date(2025, 6, 1),
        ),
    }


def crawl_objects(world) -> dict:
    a = _side(world.branch_a1, world.base_a, world.duc, "thôn Đông")
    b = _side(world.branch_b1, world.base_b, world.minh, "khu phố 1")
    return {model: (a[model], b[model]) for model in a}
