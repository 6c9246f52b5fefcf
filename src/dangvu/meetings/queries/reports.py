"""Meeting statistics of a subtree and period: GROUP BY over the meetings' denormalized counts
(through a covering index), never over attendance rows (R3.1, R3.2, R3.5, R3.6, R3.9)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Avg,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Substr
from django.utils import timezone

from dangvu.core.scope import subtree_q
from dangvu.organizations.choices import BRANCH_KINDS, Kind
from dangvu.organizations.models import CommitteeSeat, Organization, active_on_q

from .. import rules
from ..choices import (
    MEMBER_KINDS,
    REGULAR_KINDS,
    THEMATIC_KINDS,
    MeetingKind,
    MeetingStatus,
    QualityRating,
    VisitLevel,
)
from ..models import Meeting, Visit

# ---- statistics ---------------------------------------------------------------------------


@dataclass
class Period:
    start: dt.date
    end: dt.date

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    @property
    def years(self) -> list[int]:
        return list(range(self.start.year, self.end.year + 1))

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def chosen(
        cls, start: dt.date | None, end: dt.date | None, year: int | None, today: dt.date
    ) -> Period:
        """The period a page or the API asks for: from `start` to `end` (a missing bound is
        the first or last day of the other's year), else the `year`, else today's year."""
        if start or end:
            start = start or dt.date(end.year, 1, 1)
            end = end or dt.date(start.year, 12, 31)
            return cls(start, end)
        return cls.year(year or today.year)


def meetings_in(path: str, period: Period) -> QuerySet:
    """Meetings of a subtree in a period: `year IN (…) AND path range` uses the
    (year, org_path) index, then the exact dates."""
    return Meeting.objects.filter(
        subtree_q("org_path", path),
        year__in=period.years,
        date__gte=period.start,
        date__lte=period.end,
    )


def branch_count(path: str, period: Period) -> int:
    """Branches of the subtree that existed during the whole period (meetings are due there)."""
    return (
        Organization.objects.filter(subtree_q("path", path), kind__in=BRANCH_KINDS)
        .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=period.end))
        .filter(Q(founded_on__isnull=True) | Q(founded_on__lte=period.start))
        .count()
    )


@dataclass
class Statistics:
    organization: Organization
    period: Period
    branches: int
    due_regular: int
    due_thematic: int
    held: dict[str, int]
    regular_months: int  # branch-months with a held regular (or combined) meeting
    thematic_periods: int  # branch-quarters with a held thematic (or combined) meeting
    present: int
    excused: int
    absent: int
    eligible: int
    branches_full: int  # branches with every listed member present at every member meeting
    branches_met: int
    ratings: dict[str, int]
    average_score: float | None
    topics: list[dict[str, Any]]
    visits: list[dict[str, Any]]
    children: list[dict[str, Any]] = field(default_factory=list)

    @property
    def rate(self) -> float | None:
        return self.present * 100 / self.eligible if self.eligible else None

    @property
    def unexcused(self) -> int:
        return self.absent


def statistics(
    organization: Organization, period: Period, with_children: bool = True
) -> Statistics:
    """Meeting statistics of a subtree over a period, all in SQL (R3.1, R3.2, R3.5, R3.9)."""
    values = rules.values_in_force(period.end)
    thematic_months = rules.thematic_every_months(values)
    path = organization.path
    branches = branch_count(path, period)
    held = meetings_in(path, period).filter(status=MeetingStatus.HELD)
    # One pass over the covering index: GROUP BY branch (months with a regular meeting,
    # quarters with a thematic one, counts and sums), then totals over those branch rows.
    member = Q(kind__in=MEMBER_KINDS)
    scored = member & ~Q(quality_rating="")
    month = ExpressionWrapper(F("year") * 12 + F("month"), output_field=IntegerField())
    # Integer division on both engines: the index of the quarter (or period) since year 0.
    block = ExpressionWrapper(
        (F("year") * 12 + F("month") - 1) / Value(thematic_months), output_field=IntegerField()
    )
    per_branch = (
        held.values("organization_id")
        .annotate(
            months=Count(month, distinct=True, filter=Q(kind__in=REGULAR_KINDS)),
            blocks=Count(block, distinct=True, filter=Q(kind__in=THEMATIC_KINDS)),
            **{f"n_{kind}": Count("id", filter=Q(kind=kind)) for kind in MeetingKind.values},
            members=Count("id", filter=member),
            p=Coalesce(Sum("present_count", filter=member), 0),
            x=Coalesce(Sum("excused_count", filter=member), 0),
            a=Coalesce(Sum("absent_count", filter=member), 0),
            e=Coalesce(Sum("eligible_count", filter=member), 0),
            **{
                f"r_{rating}": Count("id", filter=member & Q(quality_rating=rating))
                for rating in QualityRating.values
            },
            score_sum=Coalesce(Sum("quality_score", filter=scored), 0),
            score_n=Count("id", filter=scored),
        )
        .order_by()
    )
    sums = ["months", "blocks", "p", "x", "a", "e", "score_sum", "score_n"]
    sums += [f"n_{kind}" for kind in MeetingKind.values]
    sums += [f"r_{rating}" for rating in QualityRating.values]
    totals = per_branch.aggregate(
        **{f"t_{name}": Coalesce(Sum(name), 0) for name in sums},
        met=Count("organization_id", filter=Q(members__gt=0)),
        full=Count("organization_id", filter=Q(e__gt=0, p=F("e"))),
    )
    score_n = totals["t_score_n"]
    topics = list(
        held.filter(kind__in=THEMATIC_KINDS)
        .exclude(topic="")
        .values("topic")
        .annotate(n=Count("id"))
        .order_by("-n", "topic")[:20]
    )
    months = period.months
    stats = Statistics(
        organization=organization,
        period=period,
        branches=branches,
        due_regular=branches * months,
        due_thematic=branches * -(-months // thematic_months),
        held={kind: totals[f"t_n_{kind}"] for kind in MeetingKind.values},
        regular_months=totals["t_months"],
        thematic_periods=totals["t_blocks"],
        present=totals["t_p"],
        excused=totals["t_x"],
        absent=totals["t_a"],
        eligible=totals["t_e"],
        branches_full=totals["full"],
        branches_met=totals["met"],
        ratings={r: totals[f"t_r_{r}"] for r in QualityRating.values},
        average_score=totals["t_score_sum"] / score_n if score_n else None,
        topics=topics,
        visits=visit_statistics(path, period, values),
    )
    if with_children:
        stats.children = child_statistics(organization, period)
    return stats


def visit_statistics(path: str, period: Period, values: dict) -> list[dict[str, Any]]:
    """R3.9: visits done vs due per committee level, for the committees of the subtree: due =
    committee members × months / the level's period (seats held at the period's end)."""
    done = {
        row["level"]: row["n"]
        for row in Visit.objects.filter(
            subtree_q("committee_path", path), date__gte=period.start, date__lte=period.end
        )
        .values("level")
        .annotate(n=Count("id"))
        .order_by()
    }
    seat_rows = (
        CommitteeSeat.objects.filter(subtree_q("organization__path", path))
        .filter(active_on_q(min(period.end, _today())))
        .exclude(organization__kind__in=(*BRANCH_KINDS, Kind.PARTY_GROUP))
        .values("organization__kind")
        .annotate(n=Count("member_id", distinct=True))
        .order_by()
    )
    seats: dict[str, int] = {}
    for row in seat_rows:
        level = rules.kind_level(row["organization__kind"])
        seats[level] = seats.get(level, 0) + row["n"]
    rows = []
    for level in VisitLevel.values:
        every = rules.visit_every_months(level, values)
        due = seats.get(level, 0) * period.months // every
        rows.append(
            {
                "level": level,
                "label": VisitLevel(level).label,
                "every": every,
                "members": seats.get(level, 0),
                "due": due,
                "done": done.get(level, 0),
            }
        )
    return rows


def _today() -> dt.date:
    return timezone.localdate()


def child_statistics(organization: Organization, period: Period) -> list[dict[str, Any]]:
    """The same figures per child organization (one GROUP BY over the path prefix)."""
    children = list(
        Organization.objects.filter(
            subtree_q("path", organization.path), depth=organization.depth + 1
        )
        .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=period.start))
        .order_by("position", "path")
    )
    if not children:
        return []
    prefix_len = len(organization.path) + Organization.steplen
    held = meetings_in(organization.path, period).filter(
        status=MeetingStatus.HELD, kind__in=MEMBER_KINDS
    )
    rows = {
        row["prefix"]: row
        for row in held.annotate(prefix=Substr("org_path", 1, prefix_len))
        .values("prefix")
        .annotate(
            meetings=Count("id"),
            regular=Count("id", filter=Q(kind__in=REGULAR_KINDS)),
            thematic=Count("id", filter=Q(kind__in=THEMATIC_KINDS)),
            present=Sum("present_count"),
            eligible=Sum("eligible_count"),
            absent=Sum("absent_count"),
            avg_score=Avg("quality_score"),
        )
        .order_by()
    }
    branch_rows = {
        row["prefix"]: row["n"]
        for row in Organization.objects.filter(
            subtree_q("path", organization.path), kind__in=BRANCH_KINDS
        )
        .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=period.end))
        .filter(Q(founded_on__isnull=True) | Q(founded_on__lte=period.start))
        .annotate(prefix=Substr("path", 1, prefix_len))
        .values("prefix")
        .annotate(n=Count("id"))
        .order_by()
    }
    result = []
    for child in children:
        row = rows.get(child.path, {})
        eligible = row.get("eligible") or 0
        branches = branch_rows.get(child.path, 0)
        result.append(
            {
                "organization": child,
                "branches": branches,
                "due_regular": branches * period.months,
                "regular": row.get("regular", 0),
                "thematic": row.get("thematic", 0),
                "present": row.get("present") or 0,
                "eligible": eligible,
                "absent": row.get("absent") or 0,
                "rate": (row.get("present") or 0) * 100 / eligible if eligible else None,
                "avg_score": row.get("avg_score"),
            }
        )
    return result


def branch_year_scores(path: str, period: Period) -> QuerySet:
    """For the annual evaluation (R3.6: the monthly results feed the branch's rating): per
    branch of the subtree, the period's scored meetings, average score and count by rating."""
    scored = (
        meetings_in(path, period)
        .filter(status=MeetingStatus.HELD, kind__in=MEMBER_KINDS)
        .exclude(quality_rating="")
    )
    return (
        scored.values("organization_id", "organization__name", "organization__path")
        .annotate(
            meetings=Count("id"),
            avg_score=Avg("quality_score"),
            **{
                rating: Count("id", filter=Q(quality_rating=rating))
                for rating in QualityRating.values
            },
        )
        .order_by("organization__path")
    )
