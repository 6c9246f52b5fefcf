"""Read paths: who is on a roll call, the records a meeting's quality is computed from,
committees' visit duties, a member's own meetings; the statistics are in `reports`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from dangvu.core.calendar import add_months
from dangvu.core.profiles import values_on
from dangvu.members.choices import ACTIVE_STATUSES, PlacementKind
from dangvu.members.models import Member, Placement
from dangvu.organizations.choices import BRANCH_KINDS, Kind
from dangvu.organizations.models import CommitteeSeat, Organization, active_on_q

from .. import rules
from ..choices import MEMBER_KINDS, AttendanceState, MeetingKind, MeetingStatus
from ..models import (
    Attendance,
    Meeting,
    MeetingResolution,
    Task,
    VisitDuty,
    member_branch_ids,
)

# ---- the roll call --------------------------------------------------------------------------


def eligible_members(branch: Organization, on: dt.date, kind: str = MeetingKind.REGULAR):
    """R3.5: the members on a branch's roll call on `on`: those officially placed there (unless
    temporarily placed in another branch) plus those temporarily placed there, without the
    members exempted from party work. A committee meeting lists the branch committee."""
    if kind == MeetingKind.COMMITTEE:
        seats = CommitteeSeat.objects.filter(active_on_q(on), organization=branch)
        return Member.objects.filter(pk__in=seats.values("member_id")).order_by("sort_key", "id")
    placed = Placement.objects.filter(active_on_q(on), organization=branch)
    elsewhere = Placement.objects.filter(
        active_on_q(on), member=OuterRef("pk"), kind=PlacementKind.TEMPORARY
    ).exclude(organization=branch)
    official = Q(pk__in=placed.filter(kind=PlacementKind.OFFICIAL).values("member_id")) & ~Q(
        Exists(elsewhere)
    )
    temporary = Q(pk__in=placed.filter(kind=PlacementKind.TEMPORARY).values("member_id"))
    return (
        Member.objects.filter(official | temporary)
        .filter(Q(exempt_since__isnull=True) | Q(exempt_since__gt=on))
        .filter(Q(status__in=ACTIVE_STATUSES) | Q(status_since__gt=on))
        .order_by("sort_key", "id")
    )


def meeting_eligible(meeting: Meeting):
    return eligible_members(meeting.organization, meeting.date, meeting.kind)


@dataclass
class RollCallRow:
    member: Member
    state: str = ""
    reason: str = ""
    apology: bool = False
    temporary: bool = False


def roll_call(meeting: Meeting) -> list[RollCallRow]:
    """Every member on the roll call with their recorded state (two queries)."""
    recorded = {
        a.member_id: a
        for a in Attendance.objects.filter(meeting=meeting).only(
            "member_id", "state", "reason", "apology"
        )
    }
    rows = []
    for member in meeting_eligible(meeting).only("id", "full_name", "organization_id"):
        attendance = recorded.get(member.pk)
        rows.append(
            RollCallRow(
                member=member,
                state=attendance.state if attendance else "",
                reason=attendance.reason if attendance else "",
                apology=attendance.apology if attendance else False,
                temporary=member.organization_id != meeting.organization_id,
            )
        )
    return rows


@dataclass
class Summary:
    eligible: int
    present: int
    excused: int
    absent: int
    quorum: bool

    @property
    def unmarked(self) -> int:
        return max(0, self.eligible - self.present - self.excused - self.absent)

    @property
    def rate(self) -> float | None:
        return self.present * 100 / self.eligible if self.eligible else None


def summary(meeting: Meeting, eligible: int | None = None) -> Summary:
    """The roll call's counts; before the first save, the size of the roll call is counted."""
    _profile, values = values_on(meeting.date)
    if eligible is None:
        eligible = meeting.eligible_count
        if not eligible and meeting.status == MeetingStatus.PLANNED:
            eligible = meeting_eligible(meeting).count()
    return Summary(
        eligible=eligible,
        present=meeting.present_count,
        excused=meeting.excused_count,
        absent=meeting.absent_count,
        quorum=rules.quorum_reached(meeting.present_count, eligible, values),
    )


# ---- records behind the quality criteria ------------------------------------------------------


def longest_excused_run(meeting: Meeting) -> int:
    """R3.5: the longest run of consecutive excused absences of any member at the branch's
    member meetings of the meeting's year, up to and including this one (§12 case 22)."""
    rows = (
        Attendance.objects.filter(
            meeting__organization_id=meeting.organization_id,
            meeting__year=meeting.year,
            meeting__date__lte=meeting.date,
            meeting__status=MeetingStatus.HELD,
            meeting__kind__in=MEMBER_KINDS,
        )
        .values_list("member_id", "state")
        .order_by("member_id", "meeting__scheduled_at", "meeting_id")
    )
    sequences: dict[int, list[str]] = {}
    for member_id, state in rows:
        sequences.setdefault(member_id, []).append(state)
    if meeting.status != MeetingStatus.HELD:  # scoring before the status is set
        for member_id, state in Attendance.objects.filter(meeting=meeting).values_list(
            "member_id", "state"
        ):
            sequences.setdefault(member_id, []).append(state)
    return max(
        (rules.longest_run(states, AttendanceState.EXCUSED) for states in sequences.values()),
        default=0,
    )


def previous_meeting(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(
            organization_id=meeting.organization_id,
            status=MeetingStatus.HELD,
            kind__in=MEMBER_KINDS,
            scheduled_at__lt=meeting.scheduled_at,
        )
        .order_by("-scheduled_at", "-id")
        .first()
    )


def follow_up_met(meeting: Meeting) -> bool:
    """R3.5.5: the previous meeting's resolutions were reviewed at this meeting and its tasks
    are done or reviewed here (nothing to follow up also passes)."""
    previous = previous_meeting(meeting)
    if previous is None:
        return True
    unreviewed_resolutions = MeetingResolution.objects.filter(meeting=previous).exclude(
        followed_up_at=meeting
    )
    unreviewed_tasks = (
        Task.objects.filter(meeting=previous)
        .exclude(followed_up_at=meeting)
        .exclude(done_on__lte=meeting.date)
    )
    return not unreviewed_resolutions.exists() and not unreviewed_tasks.exists()


def minutes_complete(meeting: Meeting) -> bool:
    """R3.5.3/R3.8: the minutes book is recorded in full: times, chair and minute taker,
    every agenda item's content, and the conclusions."""
    if not meeting.minutes_recorded_at or not meeting.conclusions.strip():
        return False
    if not (
        meeting.started_at and meeting.ended_at and meeting.chair_id and meeting.minute_taker_id
    ):
        return False
    recorded = {item.get("item"): item for item in meeting.minutes_items or []}
    return all(
        (recorded.get(item) or {}).get("content", "").strip() for item in meeting.agenda_items
    )


def computed_criteria(meeting: Meeting, values: dict) -> dict[str, bool]:
    """The criteria the records decide (R3.3, R3.4, R3.5)."""
    return {
        "attendance": rules.attendance_criterion_met(
            present=meeting.present_count,
            eligible=meeting.eligible_count,
            unexcused=meeting.eligible_count - meeting.present_count - meeting.excused_count,
            longest_excused_run=longest_excused_run(meeting),
            values=values,
        ),
        "duration": rules.duration_met(meeting.kind, meeting.duration_minutes, values),
        "documents": rules.documents_on_time(
            meeting.documents_posted_at, meeting.scheduled_at, values
        ),
        "minutes": minutes_complete(meeting),
        "follow_up": follow_up_met(meeting),
    }


# ---- committees and their visit duties --------------------------------------------------------


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
    _profile, values = values_on(on)
    level = rules.committee_level(committee)
    every = rules.visit_every_months(level, values)
    seats = (
        rules.committee_seats(CommitteeSeat.objects.filter(organization=committee), on)
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
    rows = []
    for seat in seats:
        rows.append(
            ComplianceRow(
                seat=seat,
                level=level,
                every=every,
                last_visit=seat.last_visit,
                next_due=rules.next_visit_due(seat.last_visit, seat.valid_from, every),
                branches=duties.get(seat.member_id, []),
            )
        )
    return rows


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


def visitor_candidates(meeting: Meeting) -> QuerySet:
    """R3.9: members who, on the meeting date, sit on a committee above the branch."""
    step = Organization.steplen
    ancestors = [meeting.org_path[:i] for i in range(step, len(meeting.org_path), step)]
    seats = CommitteeSeat.objects.filter(
        active_on_q(meeting.date), organization__path__in=ancestors
    ).exclude(organization__kind__in=BRANCH_KINDS)
    return Member.objects.filter(pk__in=seats.values("member_id")).order_by("sort_key", "id")


# ---- a member's own page ----------------------------------------------------------------------


def member_meetings(member: Member, on: dt.date) -> dict[str, Any]:
    """A member's notices (upcoming meetings of their branches), recent attendance and open
    tasks."""
    branches = member_branch_ids(member)
    upcoming = (
        Meeting.objects.filter(
            organization_id__in=branches,
            status=MeetingStatus.PLANNED,
            date__gte=on,
            notice_sent_at__isnull=False,
        )
        .select_related("organization")
        .prefetch_related("documents")
        .order_by("scheduled_at")[:10]
    )
    apologies = {
        a.meeting_id: a
        for a in Attendance.objects.filter(member=member, meeting__in=[m.pk for m in upcoming])
    }
    for meeting in upcoming:
        meeting.my_attendance = apologies.get(meeting.pk)
    recent = (
        Attendance.objects.filter(member=member, meeting__date__gte=add_months(on, -12))
        .select_related("meeting", "meeting__organization")
        .order_by("-meeting__scheduled_at")[:24]
    )
    tasks = (
        Task.objects.filter(assignee=member)
        .open()
        .select_related("meeting", "organization")
        .order_by("due_on")
    )
    return {"upcoming": upcoming, "recent": recent, "tasks": tasks}


from .reports import (  # noqa: E402  (re-exported: callers use `queries.statistics`)
    Period,
    Statistics,
    branch_count,
    branch_year_scores,
    child_statistics,
    meetings_in,
    statistics,
    visit_statistics,
)

__all__ = [
    "Period",
    "Statistics",
    "branch_count",
    "branch_year_scores",
    "child_statistics",
    "meetings_in",
    "statistics",
    "visit_statistics",
]
