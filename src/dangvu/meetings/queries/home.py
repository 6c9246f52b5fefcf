"""What the home page reads from the meetings: a branch's meetings of the month (R3.1)."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from dangvu.organizations.models import Organization

from ..choices import MEMBER_KINDS, REGULAR_KINDS, MeetingStatus
from ..models import Meeting


def month_meetings(user, branch: Organization, on: dt.date) -> QuerySet:
    """The branch's meetings of members in the month of `on` (not cancelled), in the user's
    scope, first planned first."""
    return (
        Meeting.objects.visible_to(user)
        .filter(organization=branch, year=on.year, month=on.month, kind__in=MEMBER_KINDS)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("scheduled_at")
    )


def has_regular(meetings: list[Meeting]) -> bool:
    """Does the month have its regular meeting (R3.1: one a month, a combined one counts)?"""
    return any(meeting.kind in REGULAR_KINDS for meeting in meetings)
