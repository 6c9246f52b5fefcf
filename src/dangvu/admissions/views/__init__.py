"""Member development pages: candidates, their steps, decisions, recognitions due, statistics."""

from .candidates import (
    STEP_VIEWS,
    CandidateCreateView,
    CandidateDetailView,
    CandidateEditView,
    CandidateListView,
    CandidateStepView,
)
from .reports import (
    DecisionListView,
    FormerMemberListView,
    RecognitionDueView,
    StatisticsExportView,
    StatisticsView,
    TargetListView,
)

__all__ = [
    "STEP_VIEWS",
    "CandidateCreateView",
    "CandidateDetailView",
    "CandidateEditView",
    "CandidateListView",
    "CandidateStepView",
    "DecisionListView",
    "FormerMemberListView",
    "RecognitionDueView",
    "StatisticsExportView",
    "StatisticsView",
    "TargetListView",
]
