"""Kept for other apps: the members' write services live by sub-domain (`member`, `placement`,
`events`)."""

from .events.records import record_event
from .member.services import (
    SELF_EDITABLE_FIELDS,
    create_member,
    lock_member,
    prepare_member,
    update_member,
    update_member_state,
)
from .placement.services import opening_placement, place_member, require_branch

__all__ = [
    "SELF_EDITABLE_FIELDS",
    "create_member",
    "lock_member",
    "opening_placement",
    "place_member",
    "prepare_member",
    "record_event",
    "require_branch",
    "update_member",
    "update_member_state",
]
