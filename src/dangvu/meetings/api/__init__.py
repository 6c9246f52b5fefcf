"""Meetings API: list and schedule meetings, the roll call (read, one row, or the whole list with
the meeting's version), and the statistics of a subtree and period.

Every queryset is the caller's scope (ScopedViewSetMixin); writes go through meetings.services,
whose refusals are 400 (field errors), 403 (not manageable) or 409 (stale version).
"""

from __future__ import annotations

from .serializers import (
    AttendanceSerializer,
    MeetingSerializer,
    MeetingStatisticsQuerySerializer,
    MeetingStatisticsSerializer,
    RollCallRowSerializer,
    RollCallSerializer,
    roll_call_body,
    statistics_body,
)
from .viewsets import MeetingViewSet

__all__ = [
    "AttendanceSerializer",
    "MeetingSerializer",
    "MeetingStatisticsQuerySerializer",
    "MeetingStatisticsSerializer",
    "MeetingViewSet",
    "RollCallRowSerializer",
    "RollCallSerializer",
    "roll_call_body",
    "statistics_body",
]
