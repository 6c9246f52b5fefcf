"""What a user may do now on an organization and its committee seats: one table, read by the
services (to refuse) and by the views and templates (to show the buttons and forms).

Two questions per action: may the user write in this organization (`may_manage`: an editor
whose subtree contains it), and does the object's state allow the action (the table)?
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..choices import BRANCH_KINDS

# action → the state in which it is possible. A reorganization checks each organization of its
# plan as it runs (dissolved ones are neither moved nor dissolved again).
ORGANIZATION_TRANSITIONS: dict[str, Callable[[Any], bool]] = {
    "edit": lambda org: True,  # a dissolved organization's record can still be corrected
    "add_seat": lambda org: org.dissolved_on is None,  # a dissolved organization elects no one
}
SEAT_TRANSITIONS: dict[str, Callable[[Any], bool]] = {
    "end": lambda seat: seat.valid_to is None,  # a seat ends once
}


def may_manage(user, organization) -> bool:
    """May the user write records of `organization` (an editor of its subtree)?"""
    return bool(user.can_manage(organization))


def may_reorganize(user, _obj: Any = None) -> bool:
    """Reorganizations are run by editors of a committee; each organization in the plan is
    checked again. Every operation needs an organization that has (or takes) sub-organizations
    in the user's subtree, which a party branch never has (R1.1): a branch secretary's only
    organization is his branch, so he is not offered a form he could never submit."""
    if not user.is_editor:
        return False
    if user.sees_everything:
        return True
    organization = user.organization
    return organization is not None and organization.kind not in BRANCH_KINDS


def state_allows(action: str, organization) -> bool:
    return ORGANIZATION_TRANSITIONS[action](organization)


def seat_state_allows(action: str, seat) -> bool:
    return SEAT_TRANSITIONS[action](seat)


def organization_actions(user, organization) -> set[str]:
    """The actions the user may take on `organization` now."""
    if not may_manage(user, organization):
        return set()
    return {name for name, allows in ORGANIZATION_TRANSITIONS.items() if allows(organization)}


def may_edit(user, organization) -> bool:
    return "edit" in organization_actions(user, organization)


def may_add_seat(user, organization) -> bool:
    return "add_seat" in organization_actions(user, organization)


def may_manage_seat(user, seat) -> bool:
    """May the user act on a seat (its organization is in the user's subtree)?"""
    return may_manage(user, seat.organization)
