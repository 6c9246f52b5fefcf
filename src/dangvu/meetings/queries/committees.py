"""Committees and their visit duties (R3.9): who sits above a branch, each member's last visit
and next due date, the branches a committee member follows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import Exists, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Concat
from django.utils import timezone

from dangvu.core.scope import subtree_q
from dangvu.members.models import Member
from dangvu.organizations.choices import BRANCH_KINDS, Kind
from dangvu.organizations.models import CommitteeSeat, Organization, active_on_q

from .. import rules
from ..models import Meeting, Visit, VisitDuty


def ancestor_paths(path: str) -> list[str]:
    """The paths of every organization above the one at `path` (root first)."""
    step = Organization.steplen
    return [path[:i] for i in range(step, len(path), step)]


def outer_subtree_q(field: str, outer_path: str) -> Q:
    """`field` lies in the subtree of the outer query's `outer_path`. On SQLite a range (paths
    use 0-9A-Z, so `path || '~'` bounds every descendant) lets the index seek; PostgreSQL's
    collation may not sort '~' last, so it uses LIKE there (pattern-ops index)."""
    if connection.vendor == "sqlite":
        return Q(**{f"{field}__gte": OuterRef(outer_path)}) & Q(
            **{f"{field}__lt": Concat(OuterRef(outer_path), Value("~"))}
        )
    return Q(**{f"{field}__startswith": OuterRef(outer_path)})


def committee_seats(queryset, on: dt.date):
    """Current seats on committees above branch level, with each holder's last visit to a
    branch under that committee (one correlated subquery on the (member, path, date) index)."""
    last_visit = (
        Visit.objects.filter(
            outer_subtree_q("org_path", "organization__path"),
            member=OuterRef("member_id"),
            date__lte=on,
        )
        .order_by()
        .values("member")
        .annotate(last=Max("date"))
        .values("last")
    )
    return (
        queryset.current(on)
        .exclude(organization__kind__in=(*BRANCH_KINDS, Kind.PARTY_GROUP))
        .annotate(last_visit=Subquery(last_visit))
    )


@dataclass
class ComplianceRow:
    seat: CommitteeSeat
    level: str
    every: int
    last_visit: dt.date | None
    next_due: dt.date
    branches: list[str]

    @property
    def behind(self) -> bool:
        return self.next_due < timezone.localdate()


def compliance(committee: Organization, on: dt.date) -> list[ComplianceRow]:
    """R3.9: each current member of `committee`, their duty, last visit and next due date
    (three queries)."""
    values = rules.values_in_force(on)
    level = rules.committee_level(committee)
    every = rules.visit_every_months(level, values)
    seats = (
        committee_seats(CommitteeSeat.objects.filter(organization=committee), on)
        .select_related("member")
        .order_by("role", "member__sort_key")
    )
    duties: dict[int, list[str]] = {}
    for member_id, name in (
        VisitDuty.objects.current(on)
        .filter(committee=committee)
        .values_list("member_id", "branch__name")
        .order_by("branch__name")
    ):
        duties.setdefault(member_id, []).append(name)
    return [
        ComplianceRow(
            seat=seat,
            level=level,
            every=every,
            last_visit=seat.last_visit,
            next_due=rules.next_visit_due(seat.last_visit, seat.valid_from, every),
            branches=duties.get(seat.member_id, []),
        )
        for seat in seats
    ]


def compliance_page(committee: Organization, on: dt.date) -> dict:
    """The compliance page: the rows, how many are behind, the current duties."""
    rows = compliance(committee, on)
    return {
        "rows": rows,
        "behind": sum(1 for r in rows if r.behind),
        "today": on,
        "duties": VisitDuty.objects.current(on)
        .filter(committee=committee)
        .select_related("member", "branch")
        .order_by("member__sort_key", "branch__name"),
    }


def committees_visible(user) -> QuerySet:
    """Organizations above branch level in the user's scope that have a current committee."""
    seats = CommitteeSeat.objects.current().filter(organization=OuterRef("pk"))
    return (
        Organization.objects.visible_to(user)
        .exclude(kind__in=(*BRANCH_KINDS, Kind.PARTY_GROUP))
        .filter(dissolved_on__isnull=True)
        .filter(Exists(seats))
        .order_by("path")
    )


def duty_choices(user, committee: Organization, on: dt.date) -> dict[str, QuerySet]:
    """Who may be given a branch to follow (the committee's current members) and which
    branches (the active branches of its subtree in the user's scope)."""
    seats = CommitteeSeat.objects.current(on).filter(organization=committee)
    return {
        "members": Member.objects.filter(pk__in=seats.values("member_id")).order_by(
            "sort_key", "id"
        ),
        "branches": Organization.objects.visible_to(user)
        .filter(subtree_q("path", committee.path), kind__in=BRANCH_KINDS)
        .active()
        .order_by("path"),
    }


def _seats_above(meeting: Meeting):
    """R3.9: seats, on the meeting date, on a committee above the meeting's branch."""
    return CommitteeSeat.objects.filter(
        active_on_q(meeting.date), organization__path__in=ancestor_paths(meeting.org_path)
    ).exclude(organization__kind__in=BRANCH_KINDS)


def visitor_candidates(meeting: Meeting) -> QuerySet:
    """R3.9: members who, on the meeting date, sit on a committee above the branch."""
    seats = _seats_above(meeting)
    return Member.objects.filter(pk__in=seats.values("member_id")).order_by("sort_key", "id")


def visitor_seat(meeting: Meeting, member: Member) -> CommitteeSeat | None:
    """R3.9: the member's seat, on the meeting date, on the highest committee above the
    branch (None when they have no such seat)."""
    return (
        _seats_above(meeting)
        .filter(member=member)
        .select_related("organization")
        .order_by("organization__depth")
        .first()
    )
