"""Writes of a member's record: registration in a branch and profile edits (one transaction
each, with validation and scope)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from dangvu.core.services import check_version, require_manage
from dangvu.core.text import fold, sort_key

from ..choices import EventKind
from ..events.records import record_event
from ..placement.services import opening_placement, require_branch
from .models import Member

# Fields a plain member may change on their own profile; the rest is the committee's record.
SELF_EDITABLE_FIELDS = ("phone", "residence")


def prepare_member(data: dict[str, Any]) -> Member:
    """An unsaved Member with its denormalized fields set, as `create_member` saves it (bulk
    imports build theirs here too, since bulk_create bypasses Member.save())."""
    organization = data["organization"]
    member = Member(**data)
    member.org_path = organization.path
    member.status_since = (
        data.get("status_since") or data.get("recognized_on") or data["admitted_on"]
    )
    member.name_key = fold(member.full_name)
    member.sort_key = sort_key(member.full_name)
    return member


@transaction.atomic
def create_member(
    *, user, data: dict[str, Any], placed_on: dt.date | None = None, facts: bool = True
) -> Member:
    """Register a member in a branch with an open official placement.

    With `facts` (a member registered by hand), the events of the roll are written too
    (members.reporting.balance): admitted on the admission date when the placement starts
    then, otherwise transferred in on the placement's start; recognized on the date from
    which they are official. The admissions and arrivals workflows pass False and record
    their own event."""
    organization = data["organization"]
    require_manage(user, organization)
    require_branch(organization)
    member = prepare_member(data)
    member.full_clean()
    member.save()
    placement = opening_placement(member, placed_on)
    placement.save()
    if facts:
        start = placement.valid_from
        kind = EventKind.ADMITTED if start == member.admitted_on else EventKind.TRANSFERRED_IN
        record_event(user=user, member=member, kind=kind, occurred_on=start)
        if member.recognized_on:
            record_event(
                user=user,
                member=member,
                kind=EventKind.RECOGNIZED,
                occurred_on=member.recognized_on,
            )
    return member


@transaction.atomic
def update_member(
    *, user, member: Member, data: dict[str, Any], expected_version: int | None = None
) -> Member:
    """Edit a profile. Moving branches is a placement change (see `place_member`), not an edit."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    if user.member_id == member.pk and not user.can_manage(member.organization):
        # Anyone, whatever their role, may keep their own contact details current.
        data = {k: v for k, v in data.items() if k in SELF_EDITABLE_FIELDS}
    else:
        require_manage(user, member.organization)
    check_version(member, expected_version)
    data.pop("organization", None)
    changed = {k: v for k, v in data.items() if getattr(member, k) != v}
    if not changed:
        return member  # an empty edit must not bump the version under other editors
    for field, value in changed.items():
        setattr(member, field, value)
    member.full_clean()
    member.version = F("version") + 1
    member.save()
    member.refresh_from_db()
    return member


def lock_member(user, member: Member, expected_version: int | None = None) -> Member:
    """Re-read the member under a row lock, check the user manages their branch and that
    nobody saved the record since the form was opened."""
    member = Member.objects.select_for_update().select_related("organization").get(pk=member.pk)
    require_manage(user, member.organization)
    check_version(member, expected_version)
    return member


def update_member_state(member: Member, **fields: Any) -> None:
    """Denormalized state on Member, in the same transaction as the event (principle 2)."""
    Member.objects.filter(pk=member.pk).update(
        **fields, version=F("version") + 1, updated_at=timezone.now()
    )
    for name, value in fields.items():
        setattr(member, name, value)


def may_create(user, _organization=None) -> bool:
    """Who may add a party member (in a branch they manage, checked on save)."""
    return user.is_editor


def may_edit(user, member: Member) -> bool:
    """A plain member edits their own contact details; an editor the members they manage."""
    if user.is_plain_member:
        return user.member_id == member.pk
    return user.can_manage(member.organization)


def may_manage(user, member: Member) -> bool:
    """Who records a lifecycle change of the member: the managers of their branch."""
    return user.can_manage(member.organization)


def editable_copy(member: Member) -> Member:
    """A fresh copy of the record for an edit form, whose validation writes into it."""
    return Member.objects.get(pk=member.pk)
