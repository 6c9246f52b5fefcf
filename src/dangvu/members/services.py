"""Every write to members goes through here: validation, scope, placement, one transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from dangvu.core.services import check_version, require_manage
from dangvu.core.text import fold, sort_key
from dangvu.organizations.models import Organization

from .choices import EventKind, PlacementKind
from .models import Member, MemberEvent, Placement

# Fields a plain member may change on their own profile; the rest is the committee's record.
SELF_EDITABLE_FIELDS = ("phone", "residence")


def _require_branch(organization: Organization) -> None:
    if not organization.is_branch:
        raise ValidationError(
            {"organization": _("Members can only be placed in a party branch.")}, code="not_branch"
        )
    if not organization.is_active:
        raise ValidationError(
            {"organization": _("This branch has been dissolved.")}, code="dissolved"
        )


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


def opening_placement(member: Member, placed_on: dt.date | None = None) -> Placement:
    """The open official placement a new member starts with (unsaved)."""
    return Placement(
        member=member,
        organization=member.organization,
        kind=PlacementKind.OFFICIAL,
        valid_from=placed_on or member.admitted_on,
    )


@transaction.atomic
def create_member(*, user, data: dict[str, Any], placed_on: dt.date | None = None) -> Member:
    """Register a member in a branch with an open official placement."""
    organization = data["organization"]
    require_manage(user, organization)
    _require_branch(organization)
    member = prepare_member(data)
    member.full_clean()
    member.save()
    opening_placement(member, placed_on).save()
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


@transaction.atomic
def place_member(
    *,
    user,
    member: Member,
    organization: Organization,
    on: dt.date,
    kind: str = PlacementKind.OFFICIAL,
) -> Placement:
    """Close the member's open placement of this kind on `on` and open one in `organization`.

    An official placement moves the member (their counted branch); a temporary one does not.
    """
    require_manage(user, member.organization)
    require_manage(user, organization)
    _require_branch(organization)
    if organization.pk == member.organization_id and kind == PlacementKind.OFFICIAL:
        raise ValidationError(
            {"organization": _("The member is already in this branch.")}, code="same_branch"
        )
    current = (
        Placement.objects.filter(member=member, kind=kind, valid_to__isnull=True)
        .order_by("-valid_from")
        .first()
    )
    if current is not None:
        if on <= current.valid_from:
            raise ValidationError(
                {"valid_from": _("The date must be after the current placement's start date.")},
                code="date_order",
            )
        current.valid_to = on
        current.save(update_fields=["valid_to", "updated_at"])
    placement = Placement.objects.create(
        member=member, organization=organization, kind=kind, valid_from=on
    )
    record_event(
        user=user,
        member=member,
        kind=EventKind.MOVED if kind == PlacementKind.OFFICIAL else EventKind.TEMPORARY_IN,
        occurred_on=on,
        organization=member.organization,
        other_organization=organization,
    )
    if kind == PlacementKind.OFFICIAL:
        Member.objects.filter(pk=member.pk).update(
            organization=organization, org_path=organization.path, version=F("version") + 1
        )
    return placement


def record_event(
    *,
    user,
    member: Member,
    kind: str,
    occurred_on: dt.date,
    organization: Organization | None = None,
    rule_profile=None,
    **fields: Any,
) -> MemberEvent:
    """Append one membership change. Call it inside the service transaction that changes the
    state it records; `organization` defaults to the member's branch at that moment."""
    if kind not in EventKind.values:
        raise ValueError(kind)
    organization = organization or member.organization
    return MemberEvent.objects.create(
        member=member,
        kind=kind,
        occurred_on=occurred_on,
        organization=organization,
        org_path=organization.path,
        rule_profile=rule_profile,
        recorded_by=user if getattr(user, "pk", None) else None,
        **fields,
    )
