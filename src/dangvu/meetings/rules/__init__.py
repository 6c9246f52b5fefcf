"""The meetings app's rules home (rules.md §3, and R6.7's absence ground).

- `regulations`: the rules as pure functions of the profile's values, each citing its rule;
- `profile`: the only reads of the dated rule profile in this app;
- `transitions`: what may be done with a meeting now (services refuse, pages offer buttons);
- `checks`: the work-list checks (`@worklist.register`), imported by the app registry
  (`checks_module = "rules.checks"`; they read models and queries, which read this package);
- `defaults`: the profile defaults of every number above, with their sources.

Callers use this package's names: `rules.score_meeting(...)`, `rules.values_in_force(day)`.
"""

from . import transitions
from .profile import profile_and_values, values_in_force, worklist_values
from .regulations import (
    attendance_criterion_met,
    committee_level,
    criterion_weights,
    documents_on_time,
    duration_met,
    kind_level,
    last_month,
    last_thematic_period,
    level_kinds,
    longest_run,
    minimum_minutes,
    minutes_within_days,
    month_start,
    next_visit_due,
    quorum_reached,
    rating_for,
    score_meeting,
    scoring_scale,
    second_regular_meeting,
    thematic_every_months,
    unexcused_absence_threshold,
    unexcused_months_counted,
    visit_every_months,
    visit_level,
)
from .transitions import TRANSITIONS, Action

__all__ = [
    "TRANSITIONS",
    "Action",
    "attendance_criterion_met",
    "committee_level",
    "criterion_weights",
    "documents_on_time",
    "duration_met",
    "kind_level",
    "last_month",
    "last_thematic_period",
    "level_kinds",
    "longest_run",
    "minimum_minutes",
    "minutes_within_days",
    "month_start",
    "next_visit_due",
    "profile_and_values",
    "quorum_reached",
    "rating_for",
    "score_meeting",
    "scoring_scale",
    "second_regular_meeting",
    "thematic_every_months",
    "transitions",
    "unexcused_absence_threshold",
    "unexcused_months_counted",
    "values_in_force",
    "visit_every_months",
    "visit_level",
    "worklist_values",
]
