"""Placements: where a member is counted (official) or hosted (temporary), dated."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core.services import require_manage
from dangvu.organizations.models import Organization

from .. import rules
from ..choices import ACTIVE_STATUSES, EventKind, PlacementKind
from ..events.records import record_event
from ..member.models import Member
from .models import Placement


def require_branch(organization: Organization) -> None:
    """Members are placed only in an active party branch."""
    if not organization.is_branch:
        raise ValidationError(
            {"organization": _("Members can only be placed in a party branch.")}, code="not_branch"
        )
    if not organization.is_active:
        raise ValidationError(
            {"organization": _("This branch has been dissolved.")}, code="dissolved"
        )


def require_active(member: Member) -> None:
    if member.status not in ACTIVE_STATUSES:
        raise ValidationError(
            _("This member is no longer on the roll (%(status)s).")
            % {"status": member.get_status_display()},
            code="not_active",
        )


def opening_placement(member: Member, placed_on: dt.date | None = None) -> Placement:
    """The open official placement a new member starts with (unsaved)."""
    return Placement(
        member=member,
        organization=member.organization,
        kind=PlacementKind.OFFICIAL,
        valid_from=placed_on or member.admitted_on,
    )


def close_placements(member: Member, on: dt.date, field: str = "occurred_on") -> None:
    """End the member's open placements (official and temporary) on `on`."""
    open_placements = Placement.objects.filter(member=member, valid_to__isnull=True)
    started = open_placements.aggregate(last=Max("valid_from"))["last"]
    if started is not None and on <= started:
        raise ValidationError(
            {
                field: _("The date must be after the start of the member's placement (%(date)s).")
                % {"date": rules.short_date(started)}
            },
            code="date_order",
        )
    open_placements.update(valid_to=on, updated_at=timezone.now())


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
    require_branch(organization)
    require_active(member)  # a former member has no roll to move (R15.4: counted twice)
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
