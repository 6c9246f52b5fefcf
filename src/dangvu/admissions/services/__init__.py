"""Every write of member development: one transaction per step, rules checked before writing.

Each transition (les-emplois' pattern) checks that the candidate's stage allows it (the table in
`rules/transitions.py`), runs the rules of `rules/` with the rule profile in force on the step's
date, and writes one `CandidateStep` recording who, when, from → to and the profile applied. A
refusal raises a field-keyed ValidationError (or PermissionDenied) before anything is written.
`may_*` answer the pages' "may this user do it" from the same rules.
"""

from ..queries import courses_for  # a read the course form needs; kept here for callers
from ._common import (
    PERSON_FIELDS,
    may_add_candidates,
    may_edit,
    may_manage,
    may_set_targets,
    may_take,
    step_taker,
)
from .admission import decide_admission, hold_ceremony
from .candidates import create_candidate, set_target, update_candidate, withdraw
from .file import assign_introducers, record_course, record_vote
from .recognition import not_recognize, recognize, record_failed_recognition_vote

__all__ = [
    "PERSON_FIELDS",
    "assign_introducers",
    "courses_for",
    "create_candidate",
    "decide_admission",
    "hold_ceremony",
    "may_add_candidates",
    "may_edit",
    "may_manage",
    "may_set_targets",
    "may_take",
    "not_recognize",
    "recognize",
    "record_course",
    "record_failed_recognition_vote",
    "record_vote",
    "set_target",
    "step_taker",
    "update_candidate",
    "withdraw",
]
