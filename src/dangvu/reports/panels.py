"""The reports app's block on the home page (`home_panels` in apps.py): committee staff land
on their work list with their organization's dashboard one click away."""

from __future__ import annotations

from typing import Any


def dashboard(request, user) -> dict[str, Any] | None:
    """The dashboard of the user's own organization (the whole tree for those who see
    everything); not for members, nor for a branch (its secretary's home is the branch)."""
    if user.is_plain_member:
        return None
    organization = user.organization
    if organization is None and not user.sees_everything:
        return None
    if organization is not None and organization.is_branch:
        return None
    return {"organization": organization}
