"""Member development's models: the candidate (`candidate`), their log and file (`file`), the
decisions and targets (`decisions`). Import them from here."""

from .candidate import AppendOnlyError, Candidate, CandidateQuerySet
from .decisions import (
    AdmissionDecision,
    AdmissionTarget,
    DecisionQuerySet,
    Recognition,
    TargetQuerySet,
)
from .file import (
    CandidateRelatedQuerySet,
    CandidateStep,
    Certificate,
    Course,
    CourseQuerySet,
    Introduction,
)

__all__ = [
    "AdmissionDecision",
    "AdmissionTarget",
    "AppendOnlyError",
    "Candidate",
    "CandidateQuerySet",
    "CandidateRelatedQuerySet",
    "CandidateStep",
    "Certificate",
    "Course",
    "CourseQuerySet",
    "DecisionQuerySet",
    "Introduction",
    "Recognition",
    "TargetQuerySet",
]
