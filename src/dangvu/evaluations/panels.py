"""The evaluations app's blocks on the member profile and the organization page (ratings by
year, read through the viewer's scope) and on the home page (the member's own evaluation in the
open cycles), declared as `Panel`s in apps.py."""

from __future__ import annotations

from typing import Any

from .choices import CycleStatus
from .queries.steps import own_rows, ratings_by_year


def member_ratings(request, member) -> dict[str, Any]:
    return {"rows": ratings_by_year(request.user, member=member), "is_member": True}


def organization_ratings(request, organization) -> dict[str, Any]:
    return {
        "rows": ratings_by_year(request.user, organization=organization),
        "is_member": False,
        "organization": organization,  # the results link opens with it chosen
    }


def my_evaluation(request, user) -> dict[str, Any] | None:
    """The home page: the member's own rows of the open cycles (the self-assessment while its
    window is open), nothing when no cycle is open for them."""
    rows = [row for row in own_rows(user) if row.cycle.status == CycleStatus.OPEN]
    return {"mine": rows} if rows else None
