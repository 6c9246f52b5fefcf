"""The meeting rules (rules.md §3) as functions, and the checks they add to the work list.

Every number comes from the rule profile in force (core.profiles); each function cites its rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core import worklist
from dangvu.core.calendar import add_months
from dangvu.core.profiles import values_on
from dangvu.organizations.choices import BRANCH_KINDS, Kind, Level

from .choices import (
    CRITERIA,
    REGULAR_KINDS,
    THEMATIC_KINDS,
    AttendanceState,
    MeetingKind,
    MeetingStatus,
    QualityRating,
    VisitLevel,
)

# ---- pure rules ---------------------------------------------------------------------------


def quorum_reached(present: int, eligible: int, values: dict[str, Any]) -> bool:
    """R3.5 [U] quorum: at least the configured share (default two thirds, as for congresses in
    Điều lệ Đ10) of the members listed are present."""
    numerator, denominator = values["meetings.quorum_fraction"]
    return eligible > 0 and present * denominator >= eligible * numerator


def longest_run(states: Sequence[str], state: str) -> int:
    """The longest run of consecutive `state` in a member's attendance sequence."""
    best = run = 0
    for value in states:
        run = run + 1 if value == state else 0
        best = max(best, run)
    return best


def attendance_criterion_met(
    *, present: int, eligible: int, unexcused: int, longest_excused_run: int, values: dict
) -> bool:
    """R3.5.1 HD 12-HD/BTCTW (2018): attendance above 85% (strictly), no unexcused absence, and
    nobody absent with an excuse more than 3 consecutive times in the year (§12 case 22).
    Members not marked count as unexcused: a roll call must be complete."""
    if eligible <= 0:
        return False
    rate_ok = present * 100 > values["meetings.good_attendance_percent"] * eligible
    return (
        rate_ok
        and unexcused == 0
        and longest_excused_run <= values["meetings.max_consecutive_excused"]
    )


def minimum_minutes(kind: str, values: dict) -> int:
    """R3.3 HD 42-HD/BTCTW (2025): at least 90 minutes; 120 when a regular and a thematic
    meeting are held in one session."""
    if kind == MeetingKind.COMBINED:
        return values["meetings.combined_min_minutes"]
    return values["meetings.regular_min_minutes"]


def duration_met(kind: str, minutes: int | None, values: dict) -> bool:
    """R3.3: the meeting lasted at least its minimum (§12 case 23)."""
    return minutes is not None and minutes >= minimum_minutes(kind, values)


def documents_on_time(posted_at: dt.datetime | None, starts_at: dt.datetime, values: dict) -> bool:
    """R3.4.4 HD 42-HD/BTCTW (2025): documents posted at least one day (24 h) before the
    meeting (§12 case 23: 12 hours before fails)."""
    if posted_at is None:
        return False
    return starts_at - posted_at >= dt.timedelta(hours=values["meetings.documents_before_hours"])


def criterion_weights(values: dict) -> dict[str, int]:
    """R3.5/R3.6: the province's points per criterion (default 100 in all)."""
    return {name: int(values[f"meetings.weight_{name}"]) for name in CRITERIA}


def rating_for(score: int, maxed: Iterable[str], values: dict) -> str:
    """R3.6 (local scale, Bình Thuận example): Tốt ≥ 90 and the attendance, duration and
    minutes criteria each at their maximum; Khá 70–<90; Trung bình 50–<70; Kém < 50."""
    maxed = set(maxed)
    if (
        score >= values["meetings.score_good_min"]
        and set(values["meetings.good_requires_max"]) <= maxed
    ):
        return QualityRating.GOOD
    if score >= values["meetings.score_fair_min"]:
        return QualityRating.FAIR
    if score >= values["meetings.score_average_min"]:
        return QualityRating.AVERAGE
    return QualityRating.WEAK


def score_meeting(met: dict[str, bool], entered: dict[str, int], values: dict) -> dict:
    """R3.5/R3.6: computed criteria score all or nothing, entered ones up to their weight.
    Returns {"points": {criterion: points}, "score": int, "rating": str, "met": {...}}."""
    weights = criterion_weights(values)
    points: dict[str, int] = {}
    for name, weight in weights.items():
        if name in met:
            points[name] = weight if met[name] else 0
        else:
            points[name] = max(0, min(weight, int(entered.get(name) or 0)))
    maxed = [name for name, weight in weights.items() if points[name] >= weight]
    score = sum(points.values())
    return {
        "points": points,
        "score": score,
        "rating": rating_for(score, maxed, values),
        "met": met,
    }


def committee_level(committee) -> str:
    """R3.9: which duty a committee member has depends on their committee's level."""
    level = committee.level
    if level == Level.PROVINCE:
        return VisitLevel.PROVINCE
    if level == Level.DIRECT:
        return VisitLevel.DIRECT
    return VisitLevel.GRASSROOTS  # grassroots committees and their sub-committees


def level_kinds() -> dict[str, list[str]]:
    """Organization kinds by the visit level of their committee."""
    from dangvu.organizations.models import Organization

    kinds: dict[str, list[str]] = {}
    for kind in Kind.values:
        if kind not in BRANCH_KINDS and kind != Kind.PARTY_GROUP:
            kinds.setdefault(committee_level(Organization(kind=kind)), []).append(kind)
    return kinds


def visit_every_months(level: str, values: dict) -> int:
    """R3.9 (local setting, Lào Cai defaults): a provincial committee member attends a branch
    at least every 6 months, a direct-level one every 3, a grassroots one every month."""
    key = {
        VisitLevel.PROVINCE: "visits.province_months",
        VisitLevel.DIRECT: "visits.direct_months",
        VisitLevel.GRASSROOTS: "visits.grassroots_months",
    }[level]
    return int(values[key])


def next_visit_due(last: dt.date | None, since: dt.date, months: int) -> dt.date:
    """R3.9: the next visit is due `months` after the last one (or after the duty began)."""
    return add_months(last or since, months)


def month_start(on: dt.date, months_back: int = 0) -> dt.date:
    return add_months(on.replace(day=1), -months_back)


# ---- work-list checks -----------------------------------------------------------------------


def _branches(ctx: worklist.Context, start: dt.date, end: dt.date):
    """Branches in scope that existed over the whole of [start, end]."""
    from dangvu.organizations.models import Organization

    return (
        ctx.visible(Organization)
        .filter(kind__in=BRANCH_KINDS)
        .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=end))
        .filter(Q(founded_on__isnull=True) | Q(founded_on__lte=start))
    )


def _missing(ctx, kinds, start: dt.date, end: dt.date):
    """Branches in scope, existing over [start, end], without a held meeting of `kinds`."""
    from .models import Meeting

    held = ctx.visible(Meeting).filter(
        status=MeetingStatus.HELD, kind__in=kinds, date__gte=start, date__lte=end
    )
    if start.year == end.year:
        held = held.filter(year=start.year)  # lets SQLite use the (year, org_path) index
    return _branches(ctx, start, end).exclude(pk__in=held.values("organization_id"))


@worklist.register(
    "meetings.no_regular_meeting", gettext_lazy("No regular meeting last month"), rule="R3.1"
)
def no_regular_meeting(ctx: worklist.Context) -> Iterator[worklist.WorkItem]:
    """R3.1 Điều lệ Đ24: a branch meets once a month; last month's is missing."""
    if ctx.user.is_plain_member:
        return
    start = month_start(ctx.on, 1)
    end = month_start(ctx.on) - dt.timedelta(days=1)
    for branch in _missing(ctx, REGULAR_KINDS, start, end).order_by("path"):
        yield worklist.WorkItem(
            check="meetings.no_regular_meeting",
            title=_("No regular meeting held in %(month)s") % {"month": f"{start:%m/%Y}"},
            url=reverse("meetings:list") + f"?organization={branch.pk}",
            organization=branch.name,
            due_on=end,
            rule="R3.1",
        )


@worklist.register(
    "meetings.no_thematic_meeting", gettext_lazy("No thematic meeting last quarter"), rule="R3.2"
)
def no_thematic_meeting(ctx: worklist.Context) -> Iterator[worklist.WorkItem]:
    """R3.2: at least one thematic meeting per quarter (§12 case 24); checks the last complete
    period of `meetings.thematic_every_months` months (default: the last quarter)."""
    if ctx.user.is_plain_member:
        return
    _profile, values = values_on(ctx.on)
    months = int(values["meetings.thematic_every_months"])
    index = (ctx.on.year * 12 + ctx.on.month - 1) // months * months  # current period start
    end = dt.date(index // 12, index % 12 + 1, 1) - dt.timedelta(days=1)
    start = add_months(end.replace(day=1), -(months - 1))
    for branch in _missing(ctx, THEMATIC_KINDS, start, end).order_by("path"):
        yield worklist.WorkItem(
            check="meetings.no_thematic_meeting",
            title=_("No thematic meeting from %(start)s to %(end)s")
            % {"start": f"{start:%d/%m/%Y}", "end": f"{end:%d/%m/%Y}"},
            url=reverse("meetings:list") + f"?organization={branch.pk}",
            organization=branch.name,
            due_on=end,
            rule="R3.2",
        )


@worklist.register("meetings.minutes_missing", gettext_lazy("Minutes not recorded"), rule="R3.8")
def minutes_missing(ctx: worklist.Context) -> Iterator[worklist.WorkItem]:
    """R3.8 [U]: the minutes of a meeting are recorded within a week (local setting)."""
    from .models import Meeting

    if ctx.user.is_plain_member:
        return
    _profile, values = values_on(ctx.on)
    days = int(values["meetings.minutes_within_days"])
    late = ctx.on - dt.timedelta(days=days)
    meetings = (
        ctx.visible(Meeting)
        .filter(date__lt=late, date__gte=add_months(ctx.on, -12), minutes_recorded_at__isnull=True)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("organization")
        .order_by("date")
    )
    for meeting in meetings:
        yield worklist.WorkItem(
            check="meetings.minutes_missing",
            title=_("Record the minutes of %(meeting)s") % {"meeting": meeting},
            url=reverse("meetings:minutes", args=[meeting.pk]),
            organization=meeting.organization.name,
            due_on=meeting.date + dt.timedelta(days=days),
            rule="R3.8",
        )


def unexcused_months_counted(months: Sequence[int], consecutive: bool) -> int:
    """R6.7 QĐ 29 §8.1: the months of one calendar year with an absence without reason from a
    regular meeting. rules.md leaves open whether they must be consecutive ([U]): by default
    any months of the year count; with `meetings.unexcused_absence_consecutive` only the
    longest run of consecutive months does."""
    distinct = sorted(set(months))
    if not consecutive:
        return len(distinct)
    longest = run = 0
    previous = None
    for month in distinct:
        run = run + 1 if previous is not None and month == previous + 1 else 1
        longest = max(longest, run)
        previous = month
    return longest


def unexcused_absence_months(ctx: worklist.Context, values: dict[str, Any]) -> dict[int, list[int]]:
    """Members whose absences without reason from regular meetings in the calendar year of
    `ctx.on` (up to that day) reach `meetings.unexcused_absence_months` (R6.7):
    {member_id: [month, …]} (two queries in the user's scope)."""
    from .models import Attendance, Meeting

    threshold = int(values["meetings.unexcused_absence_months"])
    consecutive = bool(values["meetings.unexcused_absence_consecutive"])
    year_start = ctx.on.replace(month=1, day=1)
    in_year = {
        "status": MeetingStatus.HELD,
        "kind__in": REGULAR_KINDS,
        "date__gte": year_start,
        "date__lte": ctx.on,
    }
    meetings = ctx.visible(Meeting).filter(**in_year)
    # Members with at least `threshold` absent months in the year (few), then their months.
    candidates = (
        Attendance.objects.filter(meeting__in=meetings, state=AttendanceState.ABSENT)
        .values("member_id")
        .annotate(n=Count("meeting__month", distinct=True))
        .filter(n__gte=threshold)
        .order_by()
    )
    ids = [row["member_id"] for row in candidates]
    if not ids:
        return {}
    # Their absences anywhere (a member's record follows them between branches).
    rows = (
        Attendance.objects.filter(
            member_id__in=ids,
            state=AttendanceState.ABSENT,
            **{f"meeting__{key}": value for key, value in in_year.items()},
        )
        .values_list("member_id", "meeting__month")
        .distinct()
        .order_by("member_id", "meeting__month")
    )
    history: dict[int, list[int]] = {}
    for member_id, month in rows:
        history.setdefault(member_id, []).append(month)
    return {
        member_id: months
        for member_id, months in history.items()
        if unexcused_months_counted(months, consecutive) >= threshold
    }


@worklist.register(
    "meetings.unexcused_absences",
    gettext_lazy("Absent without reason in several months of the year"),
    rule="R6.7",
)
def unexcused_absences(ctx: worklist.Context) -> Iterator[worklist.WorkItem]:
    """R6.7 QĐ 29 §8.1: abandoning party activity for 3 months in a year without reason is a
    ground for name removal; the branch must consider the member's case."""
    from dangvu.members.models import Member

    if ctx.user.is_plain_member:
        return
    _profile, values = values_on(ctx.on)
    found = unexcused_absence_months(ctx, values)
    if not found:
        return
    members = Member.objects.filter(pk__in=found).select_related("organization")
    for member in members.order_by("sort_key", "id"):
        months = found[member.pk]
        yield worklist.WorkItem(
            check="meetings.unexcused_absences",
            title=_(
                "Absent without reason in %(n)s months of %(year)s (%(months)s; the profile "
                "sets %(threshold)s)"
            )
            % {
                "n": len(months),
                "year": ctx.on.year,
                "months": ", ".join(f"{m:02d}/{ctx.on.year}" for m in months),
                "threshold": values["meetings.unexcused_absence_months"],
            },
            url=reverse("members:detail", args=[member.pk]),
            organization=member.organization.name,
            subject=member.full_name,
            rule="R6.7",
        )


@worklist.register("meetings.tasks_overdue", gettext_lazy("Meeting tasks past due"), rule="")
def tasks_overdue(ctx: worklist.Context) -> Iterator[worklist.WorkItem]:
    """Tasks assigned at a meeting and not done by their due date (followed up at meetings)."""
    from .models import Task

    tasks = (
        ctx.visible(Task)
        .open()
        .filter(due_on__lt=ctx.on)
        .select_related("organization", "assignee")
        .order_by("due_on", "id")
    )
    for task in tasks:
        yield worklist.WorkItem(
            check="meetings.tasks_overdue",
            title=_("Task past due: %(task)s") % {"task": task.title},
            url=reverse("meetings:detail", args=[task.meeting_id]),
            organization=task.organization.name,
            subject=task.assignee.full_name if task.assignee else task.group,
            due_on=task.due_on,
        )


def outer_subtree_q(field: str, outer_path: str) -> Q:
    """`field` lies in the subtree of the outer query's `outer_path`. On SQLite a range (paths
    use 0-9A-Z, so `path || '~'` bounds every descendant) lets the index seek; PostgreSQL's
    collation may not sort '~' last, so it uses LIKE there (pattern-ops index)."""
    from django.db import connection
    from django.db.models import Value
    from django.db.models.functions import Concat

    if connection.vendor == "sqlite":
        return Q(**{f"{field}__gte": OuterRef(outer_path)}) & Q(
            **{f"{field}__lt": Concat(OuterRef(outer_path), Value("~"))}
        )
    return Q(**{f"{field}__startswith": OuterRef(outer_path)})


def committee_seats(queryset, on: dt.date):
    """Current seats on committees above branch level, with each holder's last visit to a
    branch under that committee (one correlated subquery on the (member, path, date) index)."""
    from .models import Visit

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


@worklist.register(
    "meetings.visit_duties_overdue", gettext_lazy("Branch visits overdue"), rule="R3.9"
)
def visit_duties_overdue(ctx: worklist.Context) -> Iterator[worklist.WorkItem]:
    """R3.9: a committee member who has not attended a branch meeting within their level's
    period (every 6/3/1 months by default)."""
    from dangvu.organizations.models import CommitteeSeat

    if ctx.user.is_plain_member:
        return
    _profile, values = values_on(ctx.on)
    # Only the seats whose last visit (or start) is older than their level's period, in SQL;
    # the exact due date is then computed for those few.
    behind = Q()
    for level, kinds in level_kinds().items():
        cutoff = add_months(ctx.on, -visit_every_months(level, values)) + dt.timedelta(days=3)
        behind |= Q(organization__kind__in=kinds) & (
            Q(last_visit__lt=cutoff) | Q(last_visit__isnull=True, valid_from__lt=cutoff)
        )
    seats = (
        committee_seats(ctx.visible(CommitteeSeat), ctx.on)
        .filter(behind)
        .select_related("member", "organization")
    )
    for seat in seats.order_by("organization__path", "member__sort_key"):
        months = visit_every_months(committee_level(seat.organization), values)
        due = next_visit_due(seat.last_visit, seat.valid_from, months)
        if due < ctx.on:
            yield worklist.WorkItem(
                check="meetings.visit_duties_overdue",
                title=_("Has not attended a branch meeting for %(n)s months") % {"n": months},
                url=reverse("meetings:compliance", args=[seat.organization_id]),
                organization=seat.organization.name,
                subject=seat.member.full_name,
                due_on=due,
                rule="R3.9",
            )
