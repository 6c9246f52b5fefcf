"""Read paths of the meetings app (the statistics of a subtree are in `reports`):

- `roll_call`: who is on a meeting's roll call, their marks, the counts;
- `quality`: the records a meeting's quality criteria are computed from;
- `committees`: committees above a branch, their members' visits and duties;
- `members`: a member's own meetings;
- `pages`: what the meeting pages read (one meeting, a branch's year, the statistics' scope);
- `reports`: the statistics of a subtree and period.
"""

from .committees import (
    ComplianceRow,
    ancestor_paths,
    committee_seats,
    committees_visible,
    compliance,
    compliance_page,
    duty_choices,
    outer_subtree_q,
    visitor_candidates,
    visitor_seat,
)
from .members import member_meetings, my_meetings
from .pages import (
    branch_choices,
    branch_to_schedule,
    branch_year,
    breadcrumbs,
    default_organization,
    first_visible_organization,
    list_branch,
    meeting_records,
    minutes_officers,
    minutes_reviewable,
    quality_rows,
    reviewed_ids,
    score_page,
    score_weights,
    visible_organization,
)
from .quality import (
    computed_criteria,
    follow_up_met,
    longest_excused_run,
    minutes_complete,
    previous_meeting,
)
from .reports import (
    Period,
    Statistics,
    branch_count,
    branch_year_scores,
    child_statistics,
    meetings_in,
    statistics,
    visit_statistics,
)
from .roll_call import (
    RollCallRow,
    Summary,
    apology_open,
    eligible_members,
    meeting_eligible,
    my_attendance,
    on_roll_call,
    roll_call,
    summary,
)

__all__ = [
    "ComplianceRow",
    "Period",
    "RollCallRow",
    "Statistics",
    "Summary",
    "ancestor_paths",
    "apology_open",
    "branch_choices",
    "branch_count",
    "branch_to_schedule",
    "branch_year",
    "branch_year_scores",
    "breadcrumbs",
    "child_statistics",
    "committee_seats",
    "committees_visible",
    "compliance",
    "compliance_page",
    "computed_criteria",
    "default_organization",
    "duty_choices",
    "eligible_members",
    "first_visible_organization",
    "follow_up_met",
    "list_branch",
    "longest_excused_run",
    "meeting_eligible",
    "meeting_records",
    "meetings_in",
    "member_meetings",
    "minutes_complete",
    "minutes_officers",
    "minutes_reviewable",
    "my_attendance",
    "my_meetings",
    "on_roll_call",
    "outer_subtree_q",
    "previous_meeting",
    "quality_rows",
    "reviewed_ids",
    "roll_call",
    "score_page",
    "score_weights",
    "statistics",
    "summary",
    "visible_organization",
    "visit_statistics",
    "visitor_candidates",
    "visitor_seat",
]
