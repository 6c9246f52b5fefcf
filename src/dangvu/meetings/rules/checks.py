"""The meeting checks of the work list (R3.1, R3.2, R3.8, R3.9, R6.7): each asks the
regulations (`rules.regulations`) with the values in force on the work list's date, and reads
only rows in the user's scope (`ctx.visible`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core import worklist
from dangvu.core.calendar import add_months
from dangvu.members.models import Member
from dangvu.organizations.choices import BRANCH_KINDS
from dangvu.organizations.models import CommitteeSeat, Organization

from ..choices import (
    MEMBER_KINDS,
    REGULAR_KINDS,
    THEMATIC_KINDS,
    AttendanceState,
    MeetingStatus,
)
from ..models import Attendance, Meeting, Task
from ..queries.committees import committee_seats
from . import regulations
from .profile import worklist_values


def _branches(ctx: worklist.Context, start: dt.date, end: dt.date):
    """Branches in scope that existed over the whole of [start, end]."""
    return (
        ctx.visible(Organization)
        .filter(kind__in=BRANCH_KINDS)
        .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=end))
        .filter(Q(founded_on__isnull=True) | Q(founded_on__lte=start))
    )


def _missing(ctx, kinds, start: dt.date, end: dt.date):
    """Branches in scope, existing over [start, end], without a held meeting of `kinds`."""
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
    start, end = regulations.last_month(ctx.on)
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
    start, end = regulations.last_thematic_period(ctx.on, worklist_values(ctx))
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
    if ctx.user.is_plain_member:
        return
    days = regulations.minutes_within_days(worklist_values(ctx))
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


@worklist.register("meetings.not_scored", gettext_lazy("Held meetings not scored yet"), rule="R3.6")
def not_scored(ctx: worklist.Context) -> Iterator[worklist.WorkItem]:
    """R3.5/R3.6: each held meeting of the branch's members is rated (the monthly results
    feed the branch's annual rating); the quality self-score belongs in the minutes (R3.8), so
    it is due with them, `meetings.minutes_within_days` after the meeting."""
    if ctx.user.is_plain_member:
        return
    days = regulations.minutes_within_days(worklist_values(ctx))
    meetings = (
        ctx.visible(Meeting)
        .filter(
            status=MeetingStatus.HELD,
            kind__in=MEMBER_KINDS,  # the transition table scores these only
            quality_score__isnull=True,
            date__lte=ctx.on,
            date__gte=add_months(ctx.on, -12),
        )
        .select_related("organization")
        .order_by("date", "id")
    )
    for meeting in meetings:
        yield worklist.WorkItem(
            check="meetings.not_scored",
            title=_("Score the meeting of %(date)s (%(kind)s)")
            % {"date": f"{meeting.date:%d/%m/%Y}", "kind": meeting.get_kind_display()},
            url=reverse("meetings:score", args=[meeting.pk]),
            organization=meeting.organization.name,
            due_on=meeting.date + dt.timedelta(days=days),
            rule="R3.6",
        )


def unexcused_absence_months(ctx: worklist.Context, values: dict[str, Any]) -> dict[int, list[int]]:
    """Members whose absences without reason from regular meetings in the calendar year of
    `ctx.on` (up to that day) reach `meetings.unexcused_absence_months` (R6.7):
    {member_id: [month, …]} (two queries in the user's scope)."""
    threshold, consecutive = regulations.unexcused_absence_threshold(values)
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
        if regulations.unexcused_months_counted(months, consecutive) >= threshold
    }


@worklist.register(
    "meetings.unexcused_absences",
    gettext_lazy("Absent without reason in several months of the year"),
    rule="R6.7",
)
def unexcused_absences(ctx: worklist.Context) -> Iterator[worklist.WorkItem]:
    """R6.7 QĐ 29 §8.1: abandoning party activity for 3 months in a year without reason is a
    ground for name removal; the branch must consider the member's case."""
    if ctx.user.is_plain_member:
        return
    values = worklist_values(ctx)
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
                "threshold": regulations.unexcused_absence_threshold(values)[0],
            },
            url=reverse("members:detail", args=[member.pk]),
            organization=member.organization.name,
            subject=member.full_name,
            rule="R6.7",
        )


@worklist.register("meetings.tasks_overdue", gettext_lazy("Meeting tasks past due"), rule="")
def tasks_overdue(ctx: worklist.Context) -> Iterator[worklist.WorkItem]:
    """Tasks assigned at a meeting and not done by their due date (followed up at meetings)."""
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


@worklist.register(
    "meetings.visit_duties_overdue", gettext_lazy("Branch visits overdue"), rule="R3.9"
)
def visit_duties_overdue(ctx: worklist.Context) -> Iterator[worklist.WorkItem]:
    """R3.9: a committee member who has not attended a branch meeting within their level's
    period (every 6/3/1 months by default)."""
    if ctx.user.is_plain_member:
        return
    values = worklist_values(ctx)
    # Only the seats whose last visit (or start) is older than their level's period, in SQL;
    # the exact due date is then computed for those few.
    behind = Q()
    for level, kinds in regulations.level_kinds().items():
        every = regulations.visit_every_months(level, values)
        cutoff = add_months(ctx.on, -every) + dt.timedelta(days=3)
        behind |= Q(organization__kind__in=kinds) & (
            Q(last_visit__lt=cutoff) | Q(last_visit__isnull=True, valid_from__lt=cutoff)
        )
    seats = (
        committee_seats(ctx.visible(CommitteeSeat), ctx.on)
        .filter(behind)
        .select_related("member", "organization")
    )
    for seat in seats.order_by("organization__path", "member__sort_key"):
        months = regulations.visit_every_months(
            regulations.committee_level(seat.organization), values
        )
        due = regulations.next_visit_due(seat.last_visit, seat.valid_from, months)
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
