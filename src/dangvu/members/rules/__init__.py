"""The members app's rules home: the regulations as functions citing their rule (discipline
§6, residence contact §5, transfers §9, party seniority R2.13), the reads of the rule profile,
the transition tables of "what may be done now", the work-list checks and the profile defaults.

Importing the package registers the work-list checks (the registry's `checks_module = "rules"`).
"""

from . import checks, transitions
from .discipline import (
    check_discipline_form,
    check_may_leave,
    check_may_stand_for_committee,
    check_no_discipline_blocks_transfer,
    discipline_blocking_transfer,
    discipline_expires_on,
    dismissal_ban_until,
    holds_post,
    strike_off_ground_choices,
)
from .profile import profile_in_force, profile_values, short_date, value, values_in_force
from .residence import residence_comment_required, residence_comment_window
from .seniority import Gap, Seniority, seniority
from .transfer import due_on, is_awaiting_arrival, overdue_q, report_days, transfer_report_deadline

__all__ = [
    "Gap",
    "Seniority",
    "check_discipline_form",
    "check_may_leave",
    "check_may_stand_for_committee",
    "check_no_discipline_blocks_transfer",
    "checks",
    "discipline_blocking_transfer",
    "discipline_expires_on",
    "dismissal_ban_until",
    "due_on",
    "holds_post",
    "is_awaiting_arrival",
    "overdue_q",
    "profile_in_force",
    "profile_values",
    "report_days",
    "residence_comment_required",
    "residence_comment_window",
    "seniority",
    "short_date",
    "strike_off_ground_choices",
    "transfer_report_deadline",
    "transitions",
    "value",
    "values_in_force",
]
