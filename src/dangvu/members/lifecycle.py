"""Kept for other apps: the lifecycle services live in `members.events` (working away,
exemption, leaving the roll, restoration), `members.discipline` and `members.residence`."""

from .discipline.services import (
    decide_discipline,
    drop_discipline_case,
    open_discipline_case,
    record_announcement,
    record_discipline,
)
from .events.services import (
    DECISION_FIELDS,
    allow_to_leave,
    check_date,
    check_decision,
    end_exemption,
    exempt_from_party_work,
    last_event_date,
    record_death,
    require_active,
    restore,
    start_working_away,
    stop_working_away,
    strike_off,
)
from .member.services import lock_member, update_member_state
from .placement.services import close_placements
from .residence.services import (
    add_residence_comment,
    add_residence_contact,
    assign_residence_branch,
    end_residence_contact,
)

__all__ = [
    "DECISION_FIELDS",
    "add_residence_comment",
    "add_residence_contact",
    "allow_to_leave",
    "assign_residence_branch",
    "check_date",
    "check_decision",
    "close_placements",
    "decide_discipline",
    "drop_discipline_case",
    "end_exemption",
    "end_residence_contact",
    "exempt_from_party_work",
    "last_event_date",
    "lock_member",
    "open_discipline_case",
    "record_announcement",
    "record_death",
    "record_discipline",
    "require_active",
    "restore",
    "start_working_away",
    "stop_working_away",
    "strike_off",
    "update_member_state",
]
