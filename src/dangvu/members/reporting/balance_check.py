"""The balance check of every organization for a period (`dangvu check_balance`, R15.4: "a test
fails if the events do not reconcile with the roll").

For each organization and its own roll, in a handful of GROUP BY queries over the whole
registry: distinct members at the start + placements starting − placements ending = distinct
members at the end. A subtree's balance is the sum of its organizations' (a move inside it is
one end and one start), so every subtree holds when every organization does. Besides the
identity, the facts behind it: overlapping official placements (a member counted twice),
boundaries without their event, and members whose status disagrees with their open placement.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q

from dangvu.members.choices import ACTIVE_STATUSES, PlacementKind
from dangvu.members.models import Member, MemberEvent, Placement

DAY = dt.timedelta(days=1)


@dataclass
class CheckResult:
    start: dt.date
    on: dt.date
    organizations: int = 0
    failing: dict[int, tuple[int, int, int, int]] = field(default_factory=dict)
    overlaps: int = 0
    unexplained: int = 0
    status_mismatch: int = 0

    @property
    def ok(self) -> bool:
        return not (self.failing or self.overlaps or self.unexplained or self.status_mismatch)


def _covering(queryset, day: dt.date):
    return queryset.filter(
        Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gt=day))
    )


def _per_org(queryset, distinct: bool) -> dict[int, int]:
    rows = (
        queryset.values("organization_id")
        .annotate(n=Count("member_id", distinct=distinct))
        .order_by()
    )
    return {row["organization_id"]: row["n"] for row in rows}


def check(start: dt.date, on: dt.date) -> CheckResult:
    """The check over every organization for [start, on]."""
    roll = Placement.objects.filter(kind=PlacementKind.OFFICIAL)
    at_start = _per_org(_covering(roll, start - DAY), distinct=True)
    at_end = _per_org(_covering(roll, on), distinct=True)
    starting = roll.filter(valid_from__gte=start, valid_from__lte=on)
    ending = roll.filter(valid_to__gte=start, valid_to__lte=on)
    ins = _per_org(starting, distinct=False)
    outs = _per_org(ending, distinct=False)
    result = CheckResult(start=start, on=on)
    orgs = set(at_start) | set(at_end) | set(ins) | set(outs)
    result.organizations = len(orgs)
    for org in orgs:
        a, d = at_start.get(org, 0), at_end.get(org, 0)
        i, o = ins.get(org, 0), outs.get(org, 0)
        if a + i - o != d:
            result.failing[org] = (a, i, o, d)
    # Two official placements of one member covering the same day.
    other = roll.filter(member_id=OuterRef("member_id"), valid_from__lt=OuterRef("valid_from"))
    result.overlaps = (
        roll.filter(valid_from__lte=on)
        .filter(
            Exists(other.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=OuterRef("valid_from"))))
        )
        .count()
    )
    events = MemberEvent.objects.filter(member_id=OuterRef("member_id"))
    result.unexplained = (
        starting.exclude(Exists(events.filter(occurred_on=OuterRef("valid_from")))).count()
        + ending.exclude(Exists(events.filter(occurred_on=OuterRef("valid_to")))).count()
    )
    open_roll = roll.filter(member_id=OuterRef("pk"), valid_to__isnull=True)
    result.status_mismatch = (
        Member.objects.filter(status__in=ACTIVE_STATUSES).exclude(Exists(open_roll)).count()
        + Member.objects.exclude(status__in=ACTIVE_STATUSES).filter(Exists(open_roll)).count()
        + Member.objects.filter(status__in=ACTIVE_STATUSES)
        .filter(Exists(open_roll.exclude(organization_id=OuterRef("organization_id"))))
        .count()
    )
    return result
