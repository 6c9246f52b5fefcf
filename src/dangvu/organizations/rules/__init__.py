"""The organizations app's rules home (rules.md §1).

- `regulations`: the thresholds of R1.2–R1.5 as pure functions of counts and profile values,
  and the committee-seat composition of R1.5;
- `profile`: the only reads of the dated rule profile in this app;
- `transitions`: what a user may do now on an organization or a committee seat;
- `defaults`: the profile's default values with their sources (`rule_defaults` in apps.py).

The work-list checks about organizations count members, so they are computed where the members
are (`members.org_structure`, registered with `core.worklist`); they read their numbers from
here. This app imports no domain app: what it needs about members comes through `..hooks`.
"""

from .profile import branch_min_official_on, values_in_force, worklist_values
from .regulations import (
    COMMITTEE_ROLES,
    base_committee_min_members,
    branch_committee_max_size,
    branch_committee_min_official,
    branch_min_official,
    check_seat_composition,
    elects_branch_committee,
    peak_seats,
    refusal,
    seats_from,
    short_date,
)
from .transitions import (
    ORGANIZATION_TRANSITIONS,
    SEAT_TRANSITIONS,
    may_add_seat,
    may_edit,
    may_manage,
    may_manage_seat,
    may_reorganize,
    organization_actions,
    seat_state_allows,
    state_allows,
)

__all__ = [
    "COMMITTEE_ROLES",
    "ORGANIZATION_TRANSITIONS",
    "SEAT_TRANSITIONS",
    "base_committee_min_members",
    "branch_committee_max_size",
    "branch_committee_min_official",
    "branch_min_official",
    "branch_min_official_on",
    "check_seat_composition",
    "elects_branch_committee",
    "may_add_seat",
    "may_edit",
    "may_manage",
    "may_manage_seat",
    "may_reorganize",
    "organization_actions",
    "peak_seats",
    "refusal",
    "seat_state_allows",
    "seats_from",
    "short_date",
    "state_allows",
    "values_in_force",
    "worklist_values",
]
