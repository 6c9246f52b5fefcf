"""A member's own meetings page: notices of upcoming meetings, recent attendance, open tasks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dangvu.core.calendar import add_months
from dangvu.members.models import Member

from ..choices import MeetingStatus
from ..models import Attendance, Meeting, Task, member_branch_ids
from .roll_call import apology_open


def member_meetings(member: Member, on: dt.date) -> dict[str, Any]:
    """A member's notices (upcoming meetings of their branches), recent attendance and open
    tasks."""
    branches = member_branch_ids(member)
    upcoming = (
        Meeting.objects.filter(
            organization_id__in=branches,
            status=MeetingStatus.PLANNED,
            date__gte=on,
            notice_sent_at__isnull=False,
        )
        .select_related("organization")
        .prefetch_related("documents")
        .order_by("scheduled_at")[:10]
    )
    apologies = {
        a.meeting_id: a
        for a in Attendance.objects.filter(member=member, meeting__in=[m.pk for m in upcoming])
    }
    for meeting in upcoming:
        meeting.my_attendance = apologies.get(meeting.pk)
        # The same predicate as the service: no button that the submit would refuse.
        meeting.may_apologize = meeting.my_attendance is None and apology_open(meeting, member)
    recent = (
        Attendance.objects.filter(member=member, meeting__date__gte=add_months(on, -12))
        .select_related("meeting", "meeting__organization")
        .order_by("-meeting__scheduled_at")[:24]
    )
    tasks = (
        Task.objects.filter(assignee=member)
        .open()
        .select_related("meeting", "organization")
        .order_by("due_on")
    )
    return {"upcoming": upcoming, "recent": recent, "tasks": tasks}


def my_meetings(user, on: dt.date) -> dict[str, Any]:
    """The page of the signed-in user (nothing but `member` when they are not a member)."""
    member = user.member if user.member_id else None
    context: dict[str, Any] = member_meetings(member, on) if member is not None else {}
    context["member"] = member
    return context
