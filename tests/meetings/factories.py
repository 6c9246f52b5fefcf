"""Meetings for tests: planned or held, with a full roll call when asked."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from dangvu.meetings.choices import AttendanceState, MeetingKind, MeetingStatus
from dangvu.meetings.models import Attendance, Meeting
from dangvu.meetings.queries import meeting_eligible

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: dt.date, hour: int = 8, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=VN)


def make_meeting(
    branch,
    day: dt.date,
    kind: str = MeetingKind.REGULAR,
    status: str = MeetingStatus.HELD,
    **extra,
) -> Meeting:
    data = {
        "organization": branch,
        "org_path": branch.path,
        "kind": kind,
        "topic": extra.pop("topic", "Học tập Nghị quyết" if kind != MeetingKind.REGULAR else ""),
        "scheduled_at": at(day, extra.pop("hour", 8)),
        "status": status,
        "agenda": extra.pop("agenda", "Kiểm điểm tháng\nNhiệm vụ tháng tới"),
        **extra,
    }
    return Meeting.objects.create(**data)


def take_roll(meeting: Meeting, states: dict | None = None, default=AttendanceState.PRESENT):
    """Record every eligible member (states: {member: state}) and the counts."""
    states = states or {}
    eligible = list(meeting_eligible(meeting))
    rows = [
        Attendance(meeting=meeting, member=m, state=states.get(m, default))
        for m in eligible
        if states.get(m, default)
    ]
    Attendance.objects.bulk_create(rows)
    Meeting.objects.filter(pk=meeting.pk).update(
        eligible_count=len(eligible),
        present_count=sum(r.state == AttendanceState.PRESENT for r in rows),
        excused_count=sum(r.state == AttendanceState.EXCUSED for r in rows),
        absent_count=sum(r.state == AttendanceState.ABSENT for r in rows),
    )
    meeting.refresh_from_db()
    return meeting
