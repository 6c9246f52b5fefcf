"""Branch meetings (sinh hoạt chi bộ): schedule, roll call, minutes, resolutions, tasks, visits.

Statistics over a province's ~175,000 meetings must not scan millions of attendance rows, so a
meeting carries its branch's path (`org_path`), its `year` and `month`, and the roll call's
counts (present/excused/absent/eligible), all written by the services in the transaction that
changes them (ARCHITECTURE, principle 2: current state denormalized for speed).

- `base`: the JSON encoder and the scope of a branch's rows (a member sees their branches');
- `meeting`: the meeting;
- `records`: its documents, attendance, resolutions and tasks;
- `summaries`: monthly attendance counts of past years, imported (no roll call behind them);
- `visits`: higher-level committee members' visits and the branches they follow (R3.9).
"""

from ..choices import AttendanceState, QualityRating
from .base import BranchScopedQuerySet, UnicodeJSONEncoder, member_branch_ids
from .meeting import Meeting, MeetingQuerySet
from .records import (
    Attendance,
    AttendanceQuerySet,
    MeetingDocument,
    MeetingDocumentQuerySet,
    MeetingResolution,
    MeetingResolutionQuerySet,
    Task,
    TaskQuerySet,
    document_path,
)
from .summaries import AttendanceSummary, AttendanceSummaryQuerySet
from .visits import Visit, VisitDuty, VisitDutyQuerySet, VisitQuerySet

__all__ = [
    "Attendance",
    "AttendanceQuerySet",
    "AttendanceSummary",
    "AttendanceSummaryQuerySet",
    "AttendanceState",
    "BranchScopedQuerySet",
    "Meeting",
    "MeetingDocument",
    "MeetingDocumentQuerySet",
    "MeetingQuerySet",
    "MeetingResolution",
    "MeetingResolutionQuerySet",
    "QualityRating",
    "Task",
    "TaskQuerySet",
    "UnicodeJSONEncoder",
    "Visit",
    "VisitDuty",
    "VisitDutyQuerySet",
    "VisitQuerySet",
    "document_path",
    "member_branch_ids",
]
