"""The records a meeting's quality criteria are computed from (R3.3, R3.4, R3.5, R3.8)."""

from __future__ import annotations

from .. import rules
from ..choices import MEMBER_KINDS, AttendanceState, MeetingStatus
from ..models import Attendance, Meeting, MeetingResolution, Task


def longest_excused_run(meeting: Meeting) -> int:
    """R3.5: the longest run of consecutive excused absences of any member at the branch's
    member meetings of the meeting's year, up to and including this one (§12 case 22)."""
    rows = (
        Attendance.objects.filter(
            meeting__organization_id=meeting.organization_id,
            meeting__year=meeting.year,
            meeting__date__lte=meeting.date,
            meeting__status=MeetingStatus.HELD,
            meeting__kind__in=MEMBER_KINDS,
        )
        .values_list("member_id", "state")
        .order_by("member_id", "meeting__scheduled_at", "meeting_id")
    )
    sequences: dict[int, list[str]] = {}
    for member_id, state in rows:
        sequences.setdefault(member_id, []).append(state)
    if meeting.status != MeetingStatus.HELD:  # scoring before the status is set
        for member_id, state in Attendance.objects.filter(meeting=meeting).values_list(
            "member_id", "state"
        ):
            sequences.setdefault(member_id, []).append(state)
    return max(
        (rules.longest_run(states, AttendanceState.EXCUSED) for states in sequences.values()),
        default=0,
    )


def previous_meeting(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(
            organization_id=meeting.organization_id,
            status=MeetingStatus.HELD,
            kind__in=MEMBER_KINDS,
            scheduled_at__lt=meeting.scheduled_at,
        )
        .order_by("-scheduled_at", "-id")
        .first()
    )


def follow_up_met(meeting: Meeting) -> bool:
    """R3.5.5: the previous meeting's resolutions were reviewed at this meeting and its tasks
    are done or reviewed here (nothing to follow up also passes)."""
    previous = previous_meeting(meeting)
    if previous is None:
        return True
    unreviewed_resolutions = MeetingResolution.objects.filter(meeting=previous).exclude(
        followed_up_at=meeting
    )
    unreviewed_tasks = (
        Task.objects.filter(meeting=previous)
        .exclude(followed_up_at=meeting)
        .exclude(done_on__lte=meeting.date)
    )
    return not unreviewed_resolutions.exists() and not unreviewed_tasks.exists()


def minutes_complete(meeting: Meeting) -> bool:
    """R3.5.3/R3.8: the minutes book is recorded in full: times, chair and minute taker,
    every agenda item's content, and the conclusions."""
    if not meeting.minutes_recorded_at or not meeting.conclusions.strip():
        return False
    if not (
        meeting.started_at and meeting.ended_at and meeting.chair_id and meeting.minute_taker_id
    ):
        return False
    recorded = {item.get("item"): item for item in meeting.minutes_items or []}
    return all(
        (recorded.get(item) or {}).get("content", "").strip() for item in meeting.agenda_items
    )


def computed_criteria(meeting: Meeting, values: dict) -> dict[str, bool]:
    """The criteria the records decide (R3.3, R3.4, R3.5)."""
    return {
        "attendance": rules.attendance_criterion_met(
            present=meeting.present_count,
            eligible=meeting.eligible_count,
            unexcused=meeting.eligible_count - meeting.present_count - meeting.excused_count,
            longest_excused_run=longest_excused_run(meeting),
            values=values,
        ),
        "duration": rules.duration_met(meeting.kind, meeting.duration_minutes, values),
        "documents": rules.documents_on_time(
            meeting.documents_posted_at, meeting.scheduled_at, values
        ),
        "minutes": minutes_complete(meeting),
        "follow_up": follow_up_met(meeting),
    }
