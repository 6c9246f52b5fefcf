"""The rules home of the evaluations app (rules.md §4, QĐ 366-QĐ/TW, HD 21/2019, QĐ 124):

- `regulations`: the rules as pure functions (criteria, points → level, caps, the R4.5 quota);
- `precheck`: the checks made before a decision, in a few SQL queries (the pre-check page and
  the decision service call the same functions);
- `transitions`: what may be done now with a row or a cycle (the steps of R4.7 and their dates);
- `profile`: the reads of the dated rule profile (the only ones of the app);
- `checks`: the work-list checks (registered when this package is imported);
- `defaults`: the profile's default values with their sources.
"""

from . import checks, precheck, transitions
from .precheck import (
    Check,
    disciplined_in_year,
    member_checks,
    missing_residence_comment,
    organization_checks,
    projected,
    proposal,
    quota_after,
    quota_counts,
    quota_message,
    row_check,
)
from .profile import (
    cycle_values,
    points_from_year,
    profile_for,
    uses_points,
    values_for,
    year_end_values,
    year_values,
)
from .regulations import (
    CONDITIONS,
    CRITERIA,
    GENERAL,
    OUTSIDE_OCCUPATIONS,
    TASKS,
    Criterion,
    Quota,
    collective_cap,
    collective_share_exceeded,
    conditions_for,
    disciplined_member_cap,
    excellent_quota,
    framework_for,
    leader_cap,
    level_from_points,
    member_cap,
    probationary_cap,
    quota,
    quota_respected,
    rating_above,
    rule_date,
    scored_year,
    self_remedied_excepted,
    year_bounds,
)

__all__ = [
    "CONDITIONS",
    "CRITERIA",
    "GENERAL",
    "OUTSIDE_OCCUPATIONS",
    "TASKS",
    "Check",
    "Criterion",
    "Quota",
    "checks",
    "collective_cap",
    "collective_share_exceeded",
    "conditions_for",
    "cycle_values",
    "disciplined_in_year",
    "disciplined_member_cap",
    "excellent_quota",
    "framework_for",
    "leader_cap",
    "level_from_points",
    "member_cap",
    "member_checks",
    "missing_residence_comment",
    "organization_checks",
    "points_from_year",
    "precheck",
    "projected",
    "proposal",
    "probationary_cap",
    "profile_for",
    "quota",
    "quota_after",
    "quota_counts",
    "quota_message",
    "quota_respected",
    "rating_above",
    "row_check",
    "rule_date",
    "scored_year",
    "self_remedied_excepted",
    "transitions",
    "uses_points",
    "values_for",
    "year_bounds",
    "year_end_values",
    "year_values",
]
