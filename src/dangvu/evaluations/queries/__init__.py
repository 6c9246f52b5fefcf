"""Read paths of the evaluations app: the results (results.py: counts per level in SQL, the
definitions the reports use too), the steps' pages (steps.py) and the list pages with their
pre-checks (lists.py). Views read only through these."""

from . import lists, pages, steps
from .results import (
    BRANCHES,
    DECIDED,
    EXCLUDED,
    GRASSROOTS,
    GROUP_OF_LEVEL,
    LEVELS,
    MEMBERS,
    ORG_LEVEL,
    decided_members,
    decided_organizations,
    excluded_members,
    known_on,
    progress,
    rating_counts,
    rating_counts_by_child,
    rating_counts_by_year,
    rating_lists,
    shares,
    year_results,
)

__all__ = [
    "BRANCHES",
    "DECIDED",
    "EXCLUDED",
    "GRASSROOTS",
    "GROUP_OF_LEVEL",
    "LEVELS",
    "MEMBERS",
    "ORG_LEVEL",
    "decided_members",
    "decided_organizations",
    "excluded_members",
    "known_on",
    "lists",
    "pages",
    "progress",
    "rating_counts",
    "rating_counts_by_child",
    "rating_counts_by_year",
    "rating_lists",
    "shares",
    "steps",
    "year_results",
]
