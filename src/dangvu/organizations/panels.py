"""The organizations app's block on the home page (`home_panels` in apps.py): the page of the
user's own organization and the tree (the tree is no longer the start page, issue 14)."""

from __future__ import annotations

from typing import Any


def my_organization(request, user) -> dict[str, Any] | None:
    """The user's organization and its page; members find the tree in the menu."""
    if user.is_plain_member or user.organization_id is None:
        return None
    return {"organization": user.organization}
