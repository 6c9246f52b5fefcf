"""Who is on a meeting's roll call, their marks, and the roll call's counts (R3.5)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

from dangvu.members.choices import ACTIVE_STATUSES, PlacementKind
from dangvu.members.models import Member, Placement
from dangvu.organizations.models import CommitteeSeat, Organization, active_on_q

from .. import rules
from ..choices import MeetingKind, MeetingStatus
from ..models import Attendance, Meeting


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
    values = rules.values_in_force(meeting.date)
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


def on_roll_call(meeting: Meeting, member: Member | None) -> bool:
    """Is `member` on the meeting's roll call (may they send an apology, be its chair)?"""
    return member is not None and meeting_eligible(meeting).filter(pk=member.pk).exists()


def apology_open(meeting: Meeting, member: Member | None, now: dt.datetime | None = None) -> bool:
    """May `member` send an apology for `meeting` now? The one predicate behind the "Send an
    apology" button (meeting page, own meetings page) and `services.send_apology`: the meeting
    has not started (transition table) and the member is on its roll call (a branch committee
    meeting invites the committee only)."""
    return (
        member is not None
        and rules.transitions.allowed(rules.Action.APOLOGIZE, meeting, now)
        and on_roll_call(meeting, member)
    )


def my_attendance(meeting: Meeting, member: Member | None) -> Attendance | None:
    if member is None:
        return None
    return Attendance.objects.filter(meeting=meeting, member=member).first()
