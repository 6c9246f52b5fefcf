"""The evaluations app's blocks on the member profile and the organization page: ratings by
year, read through the viewer's scope (declared as `Panel`s in apps.py)."""

from __future__ import annotations

from typing import Any

from .queries.steps import ratings_by_year


def member_ratings(request, member) -> dict[str, Any]:
    return {"rows": ratings_by_year(request.user, member=member), "is_member": True}


def organization_ratings(request, organization) -> dict[str, Any]:
    return {"rows": ratings_by_year(request.user, organization=organization), "is_member": False}
