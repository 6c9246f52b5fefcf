"""Member development's rules home (rules.md §2): the regulations as functions of the profile's
values, the stage machine, the work-list checks and the profile defaults.

- `regulations`: R2.1–R2.9 (age, education, vote, introducers, certificate, documents,
  decision and ceremony deadlines, the authorized committee);
- `probation`: R2.10–R2.11 (end of probation, recognition deadlines, members due);
- `readmission`: R2.12; `transitions`: what may be done to a candidate now, and by whom;
- `deadlines`: the dates derived from a file; `profile.in_force`: the only read of the rule
  profile in the app; `checks`: the work-list checks (imported here so that the registry's
  `checks_module = "rules"` registers them); `defaults`: the profile's defaults.
"""

from . import checks
from .base import AddDays, Values, collect, invalid
from .checks import CERTIFICATE_WARNING_DAYS
from .deadlines import candidate_deadlines, probation_until
from .probation import (
    probation_end,
    probation_started_by,
    probationers_due,
    recognition_consider_deadline,
    recognition_escalates,
    recognized_from,
)
from .profile import ProfileHistory, in_force
from .readmission import (
    OUT_OF_PARTY,
    check_conviction_expunged,
    check_readmission_date,
    check_readmission_eligible,
    readmission_earliest,
)
from .regulations import (
    admission_age_problem,
    authority_in,
    authorized_organization,
    ceremony_deadline,
    certificate_valid_until,
    check_age,
    check_ceremony_date,
    check_certificate,
    check_documents_age,
    check_education,
    check_introducer_at_vote,
    check_introducer_count,
    check_introducer_member,
    check_vote,
    decision_deadline,
    recognition_decision_deadline,
    vote_share_text,
    votes_needed,
)
from .transitions import (
    ACTED_BY,
    NEXT_ACTION,
    TRANSITIONS,
    acting_organization,
    available_steps,
    is_possible,
    may_take,
    target_stage,
)
from .working_days import WorkingDays

__all__ = [
    "ACTED_BY",
    "CERTIFICATE_WARNING_DAYS",
    "NEXT_ACTION",
    "OUT_OF_PARTY",
    "ProfileHistory",
    "TRANSITIONS",
    "AddDays",
    "Values",
    "WorkingDays",
    "acting_organization",
    "admission_age_problem",
    "authority_in",
    "authorized_organization",
    "available_steps",
    "candidate_deadlines",
    "ceremony_deadline",
    "certificate_valid_until",
    "check_age",
    "check_ceremony_date",
    "check_certificate",
    "check_conviction_expunged",
    "check_documents_age",
    "check_education",
    "check_introducer_at_vote",
    "check_introducer_count",
    "check_introducer_member",
    "check_readmission_date",
    "check_readmission_eligible",
    "check_vote",
    "checks",
    "collect",
    "decision_deadline",
    "in_force",
    "invalid",
    "is_possible",
    "may_take",
    "probation_end",
    "probation_started_by",
    "probation_until",
    "probationers_due",
    "readmission_earliest",
    "recognition_consider_deadline",
    "recognition_decision_deadline",
    "recognition_escalates",
    "recognized_from",
    "target_stage",
    "vote_share_text",
    "votes_needed",
]
