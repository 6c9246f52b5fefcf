"""Writes to organizations: scope check, validation, dated history, one transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core.calendar import add_months
from dangvu.core.scope import subtree_q
from dangvu.core.services import require_manage

from . import hooks, rules
from .choices import SeatRole
from .models import CommitteeSeat, Organization, OrganizationLink, Term
from .rules import refusal

# What an editor may change on the organization page. Moving a node or changing its kind is a
# reorganization (its own service), not an edit.
EDITABLE_FIELDS = ("name", "sector", "may_admit", "founded_on", "dissolved_on", "position")


def _record_link_change(org: Organization, renamed: bool, newly_dissolved: bool) -> None:
    """Keep OrganizationLink (the as-of tree) in step: a rename opens a new dated interval,
    a dissolution closes the open one (history is data, ARCHITECTURE principle 2)."""
    link = (
        OrganizationLink.objects.select_for_update()
        .filter(organization=org, valid_to__isnull=True)
        .order_by("-valid_from")
        .first()
    )
    if link is None:
        return
    today = timezone.localdate()
    if renamed:
        if link.valid_from >= today:
            link.name = org.name
            link.save(update_fields=["name"])
        else:
            link.valid_to = today
            link.save(update_fields=["valid_to"])
            link = OrganizationLink.objects.create(
                organization=org,
                parent=link.parent,
                kind=link.kind,
                name=org.name,
                valid_from=today,
            )
    if newly_dissolved and org.dissolved_on > link.valid_from:
        link.valid_to = org.dissolved_on
        link.save(update_fields=["valid_to"])


@transaction.atomic
def update_organization(user, org: Organization, data: dict[str, Any]) -> Organization:
    """Edit an organization's own fields (name, sector, dates, order) inside the user's scope."""
    org = Organization.objects.select_for_update().get(pk=org.pk)
    require_manage(user, org)
    old_name, was_dissolved = org.name, org.dissolved_on is not None
    for name in EDITABLE_FIELDS:
        if name in data:
            setattr(org, name, data[name])
    org.full_clean()
    newly_dissolved = org.dissolved_on is not None and not was_dissolved
    if newly_dissolved:
        # A dissolved organization must not keep members or live sub-organizations: they would
        # drop out of every count (merge or move them first).
        if hooks.has_active_members(org, subtree=True):
            raise ValidationError(
                {"dissolved_on": _("Move the members of this organization before dissolving it.")},
                code="has_members",
            )
        live_children = Organization.objects.filter(
            subtree_q("path", org.path), depth__gt=org.depth, dissolved_on__isnull=True
        )
        if live_children.exists():
            raise ValidationError(
                {"dissolved_on": _("Dissolve or move its sub-organizations first.")},
                code="has_children",
            )
    org.save()
    _record_link_change(org, renamed=org.name != old_name, newly_dissolved=newly_dissolved)
    return org


# --- committee seats (cấp ủy) ----------------------------------------------------------------

# How far ahead a seat may start or end: an election is recorded once it was held, a term's
# planned end at most a year ahead (a typing error in the year is refused, not stored).
SEAT_MONTHS_AHEAD = 12


def _check_not_too_far_ahead(day: dt.date, field: str) -> None:
    latest = add_months(timezone.localdate(), SEAT_MONTHS_AHEAD)
    if day > latest:
        raise refusal(
            field,
            _("Choose a date until %(date)s: a later date is too far ahead.")
            % {"date": rules.short_date(latest)},
            "too_far_ahead",
        )


@transaction.atomic
def add_committee_seat(
    *,
    user,
    organization: Organization,
    member,
    role: str,
    valid_from: dt.date,
    term: Term | None = None,
) -> CommitteeSeat:
    """Record a seat on an organization's committee from an election (or appointment) date.

    The organization's row is locked so two seats written at once are counted together.
    Refused: outside the user's subtree; a dissolved organization; a member who is not active
    or not placed in the organization's subtree, admitted after the date, not official on it
    (Điều lệ Đ5) or under the ban that follows a removal from post (R6.4), as the members app
    answers (`hooks.check_seat_candidate`); a second seat of the member, a second secretary,
    and what R1.5 forbids a branch (rules.check_seat_composition)."""
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    require_manage(user, org)
    if not rules.state_allows("add_seat", org):
        raise ValidationError(
            _("The organization was dissolved on %(date)s: it elects no committee.")
            % {"date": rules.short_date(org.dissolved_on)},
            code="dissolved",
        )
    if role not in SeatRole.values:
        raise refusal("role", _("Choose a role."), "role")
    if valid_from is None:
        raise refusal("valid_from", _("Enter the date."), "required")
    _check_not_too_far_ahead(valid_from, "valid_from")
    if org.founded_on and valid_from < org.founded_on:
        raise refusal(
            "valid_from",
            _("The organization was founded on %(date)s, after this date.")
            % {"date": rules.short_date(org.founded_on)},
            "before_founding",
        )
    if term is not None and term.organization_id != org.pk:
        raise refusal("term", _("This term belongs to another organization."), "term")
    # Who may stand (placed in the subtree, official on the date, no ban after a removal from
    # post): the members app answers; it returns the member locked for update.
    member = hooks.check_seat_candidate(member, org, valid_from)
    values = rules.values_in_force(valid_from)
    official = hooks.official_members(org) if org.is_branch else 0
    rules.check_seat_composition(org, member, role, valid_from, values, official)
    seat = CommitteeSeat(
        organization=org, member=member, role=role, valid_from=valid_from, term=term
    )
    seat.full_clean()
    seat.save()
    return seat


@transaction.atomic
def end_committee_seat(*, user, seat: CommitteeSeat, valid_to: dt.date) -> CommitteeSeat:
    """Close a seat (end of term, resignation, removal): `valid_to` is the first day without
    it. Ending a seat on its first day cancels a seat recorded by mistake."""
    seat = CommitteeSeat.objects.select_for_update().select_related("organization").get(pk=seat.pk)
    require_manage(user, seat.organization)
    if not rules.seat_state_allows("end", seat):
        raise ValidationError(
            _("This seat already ended on %(date)s.") % {"date": rules.short_date(seat.valid_to)},
            code="ended",
        )
    if valid_to is None:
        raise refusal("valid_to", _("Enter the date."), "required")
    if valid_to < seat.valid_from:
        raise refusal(
            "valid_to",
            _("The end date is before the start of the seat (%(date)s).")
            % {"date": rules.short_date(seat.valid_from)},
            "date_order",
        )
    _check_not_too_far_ahead(valid_to, "valid_to")
    seat.valid_to = valid_to
    seat.save(update_fields=["valid_to", "updated_at"])
    return seat
