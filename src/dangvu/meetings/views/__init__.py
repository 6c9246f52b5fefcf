"""Meeting pages (a package: meetings, actions on a meeting, the roll call, reports), declared
on `core.generic`."""

from .actions import (
    ApologyView,
    CancelView,
    DocumentCreateView,
    DocumentDownloadView,
    MinutesView,
    NoticeView,
    ResolutionCreateView,
    ScoreView,
    TaskCreateView,
    TaskDoneView,
    VisitCreateView,
    VisitDeleteView,
)
from .meetings import (
    MeetingCreateView,
    MeetingDetailView,
    MeetingEditView,
    MeetingListView,
    MyMeetingsView,
)
from .reports import (
    BranchYearView,
    CommitteeListView,
    ComplianceView,
    DutyCreateView,
    DutyEndView,
    StatisticsExportView,
    StatisticsView,
)
from .roll_call import AllPresentView, RollCallRowView, RollCallView

__all__ = [
    "AllPresentView",
    "ApologyView",
    "BranchYearView",
    "CancelView",
    "CommitteeListView",
    "ComplianceView",
    "DocumentCreateView",
    "DocumentDownloadView",
    "DutyCreateView",
    "DutyEndView",
    "MeetingCreateView",
    "MeetingDetailView",
    "MeetingEditView",
    "MeetingListView",
    "MinutesView",
    "MyMeetingsView",
    "NoticeView",
    "ResolutionCreateView",
    "RollCallRowView",
    "RollCallView",
    "ScoreView",
    "StatisticsExportView",
    "StatisticsView",
    "TaskCreateView",
    "TaskDoneView",
    "VisitCreateView",
    "VisitDeleteView",
]
