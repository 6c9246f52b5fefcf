"""The members app's blocks on the home page (`home_panels` in apps.py), given the user: a
member's own record, and the member list of the branch a secretary keeps."""

from __future__ import annotations

from typing import Any

from .models import Member


def my_record(request, user) -> dict[str, Any] | None:
    """The link to the member's own record (their profile page), with their branch."""
    if not user.member_id:
        return None
    member = Member.objects.select_related("organization").filter(pk=user.member_id).first()
    return {"member": member} if member is not None else None


def branch_members(request, user) -> dict[str, Any] | None:
    """The members of the branch the user keeps (a secretary's own branch): how many are on
    the roll and the link to the branch's member list."""
    branch = user.organization
    if branch is None or not branch.is_branch or user.is_plain_member:
        return None
    members = Member.objects.visible_to(user).in_subtree(branch.path)
    return {"branch": branch, "count": members.active().count()}
