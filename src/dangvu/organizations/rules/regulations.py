"""Organization regulations (rules.md §1) as pure functions of counts and the rule profile's
values: the thresholds of R1.2–R1.5 and the committee seats a branch may elect (R1.5).

The work-list checks that count members against these thresholds are computed where the
members are (`members.org_structure`); they read the numbers through the functions here, so
each rule has one implementation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.utils import formats
from django.utils.translation import gettext as _

from ..choices import BRANCH_KINDS, SeatRole
from ..models import CommitteeSeat, Organization

# Seats that make a branch committee (chi ủy) rather than a secretary and a deputy (R1.5).
COMMITTEE_ROLES = (SeatRole.MEMBER, SeatRole.STANDING)

Values = Mapping[str, object]


def short_date(day: dt.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def refusal(field: str, message: str, code: str) -> ValidationError:
    """A refusal shown on `field` of the form, with a code tests and callers can read (a code
    given beside a dict is dropped by ValidationError)."""
    return ValidationError({field: ValidationError(message, code=code)})


# --- thresholds ------------------------------------------------------------------------------


def branch_min_official(values: Values) -> int:
    """R1.4 — Điều lệ Đ24.1: the official members a branch needs (probationary members do not
    count, R1.1); with fewer, the superior attaches its members elsewhere. 0 turns the check
    off."""
    return int(values["org.branch_min_official"])


def base_committee_min_members(values: Values) -> int:
    """R1.2/R1.3 — Điều lệ Đ21.3–5: the members (official and probationary, "đảng viên") from
    which a grassroots organization is a grassroots committee (đảng bộ cơ sở) with branches
    under it; a smaller grassroots committee exists only with the superior's approval. 0 turns
    the checks off."""
    return int(values["org.base_committee_min_members"])


def branch_committee_min_official(values: Values) -> int:
    """R1.5 — Điều lệ Đ24.4: the official members from which a branch elects a branch committee
    (chi ủy); with fewer, only a secretary and at most one deputy."""
    return int(values["org.branch_committee_min_official"])


def elects_branch_committee(official: int, values: Values) -> bool:
    """R1.5 — Điều lệ Đ24.4: does a branch with `official` official members elect a branch
    committee?"""
    return official >= branch_committee_min_official(values)


def branch_committee_max_size(values: Values) -> int:
    """R1.5 — QĐ 294-QĐ/TW: the largest branch committee."""
    return int(values["org.branch_committee_max_size"])


# --- R1.5 committee seats ------------------------------------------------------------------


def seats_from(org: Organization, on: dt.date):
    """The organization's seats held on `on` or later: those an open seat from `on` would sit
    beside (a seat ended on its first day never existed)."""
    return CommitteeSeat.objects.filter(organization=org).filter(
        Q(valid_to__isnull=True) | (Q(valid_to__gt=on) & Q(valid_to__gt=F("valid_from")))
    )


def peak_seats(seats: Iterable[CommitteeSeat], on: dt.date) -> int:
    """The most seats held together on any day from `on` on (the count only rises on a day a
    seat starts, so those days and `on` are the ones to count)."""
    seats = list(seats)

    def held_on(day: dt.date) -> int:
        return sum(
            1 for s in seats if s.valid_from <= day and (s.valid_to is None or s.valid_to > day)
        )

    return max(held_on(day) for day in {on, *(s.valid_from for s in seats if s.valid_from > on)})


def check_seat_composition(
    org: Organization, member, role: str, valid_from: dt.date, values: Values, official: int
) -> None:
    """Who may take a seat from `valid_from` on (the new seat is open-ended), `official` being
    the official members placed in the organization today (probationary members do not count,
    R1.1):
    - one seat per member on the same committee at a time;
    - one secretary per organization;
    - R1.5 (Điều lệ Đ24.4; QĐ 294-QĐ/TW): a branch with fewer official members than the
      profile's number elects only a secretary and at most one deputy; from that number it
      elects a branch committee (chi ủy) of at most the profile's size, with one deputy; a
      branch committee has no standing committee (ban thường vụ is a đảng ủy's)."""
    seats = list(seats_from(org, valid_from).select_related("member"))
    for seat in seats:
        if seat.member_id == member.pk:
            raise refusal(
                "member",
                _("%(member)s already holds a seat on this committee from %(date)s: end it first.")
                % {"member": member.full_name, "date": short_date(seat.valid_from)},
                "seat_overlap",
            )
    for seat in seats:
        if role == SeatRole.SECRETARY and seat.role == SeatRole.SECRETARY:
            raise refusal(
                "role",
                _(
                    "%(org)s already has a secretary from %(date)s (%(member)s): end that "
                    "seat first."
                )
                % {
                    "org": org.name,
                    "date": short_date(seat.valid_from),
                    "member": seat.member.full_name,
                },
                "one_secretary",
            )
    if org.kind not in BRANCH_KINDS:
        return
    minimum = branch_committee_min_official(values)
    if role in COMMITTEE_ROLES and not elects_branch_committee(official, values):
        raise refusal(
            "role",
            _(
                "%(org)s has %(count)s official members: with fewer than %(min)s a branch "
                "elects only a secretary and at most one deputy secretary, not a branch "
                "committee (R1.5)."
            )
            % {"org": org.name, "count": official, "min": minimum},
            "no_branch_committee",
        )
    if role == SeatRole.STANDING:
        raise refusal(
            "role",
            _(
                "A branch committee has no standing committee members: choose committee "
                "member (R1.5)."
            ),
            "branch_standing",
        )
    if role == SeatRole.DEPUTY:
        for seat in seats:
            if seat.role == SeatRole.DEPUTY:
                raise refusal(
                    "role",
                    _(
                        "A branch has one deputy secretary: %(member)s holds that seat from "
                        "%(date)s (R1.5)."
                    )
                    % {"member": seat.member.full_name, "date": short_date(seat.valid_from)},
                    "one_deputy",
                )
    maximum = branch_committee_max_size(values)
    if elects_branch_committee(official, values) and peak_seats(seats, valid_from) + 1 > maximum:
        raise ValidationError(
            _(
                "The committee of %(org)s would have %(count)s members; a branch committee "
                "has at most %(max)s (R1.5)."
            )
            % {"org": org.name, "count": peak_seats(seats, valid_from) + 1, "max": maximum},
            code="branch_committee_size",
        )
