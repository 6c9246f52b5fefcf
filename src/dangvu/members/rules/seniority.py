"""Party seniority (tuổi đảng), computed from the member's events (R2.13).

R2.13 (QĐ 24-QĐ/TW §4.5; HD 01-HD/TW §5.3):
- it runs from the date the competent body signed the (first) admission decision, not the
  ceremony (§12 case 8);
- it excludes time out of the party: after a name removal, a voluntary exit or an expulsion
  until a re-admission, and gaps caused by transfers (between leaving one organization and
  arriving at the next) (§12 case 9);
- a member wrongly expelled and later cleared (restored) keeps a continuous party age;
- a move by reorganization is no gap (§1b, §12 case 26);
- a probationary member who was not recognized has none ([U], derived).

Gaps shift the start date by whole months and remaining days, so that "30 years" falls on the
anniversary the way people count it (a 12-month gap moves it by exactly a year).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone

from dangvu.core.calendar import add_months, months_between

from ..choices import ACTIVE_STATUSES, EventKind, Status
from ..events.models import MemberEvent
from ..member.models import Member
from .profile import value

# Leaving the party: the time until a re-admission is not party age.
_OUT_OF_PARTY = {EventKind.STRUCK_OFF, EventKind.LEFT, EventKind.NOT_RECOGNIZED}
_TRANSFER_OUT = {EventKind.TRANSFERRED_OUT: EventKind.TRANSFERRED_IN}
_TEMPORARY_OUT = {EventKind.TEMPORARY_OUT: EventKind.TEMPORARY_IN}


@dataclass(frozen=True)
class Gap:
    start: dt.date
    end: dt.date
    reason: str  # an EventKind value


@dataclass
class Seniority:
    start: dt.date  # the first admission decision
    counted_from: dt.date  # the start shifted by the gaps
    until: dt.date  # `on`, or the day the member left for good
    total_months: int
    gaps: list[Gap] = field(default_factory=list)
    provisional: bool = False  # still probationary: counts only once recognized

    @property
    def years(self) -> int:
        return self.total_months // 12

    @property
    def months(self) -> int:
        return self.total_months % 12

    def reached_on(self, years: int) -> dt.date:
        """When the member reaches `years` of party age, if no further gap occurs."""
        return add_months(self.counted_from, 12 * years)


def _shift(start: dt.date, gap: Gap) -> dt.date:
    months = months_between(gap.start, gap.end)
    rest = (gap.end - add_months(gap.start, months)).days
    return add_months(start, months) + dt.timedelta(days=rest)


def _gaps(events: Iterable[MemberEvent], on: dt.date, grace_days: int) -> list[Gap]:
    gaps: list[Gap] = []
    out_since: tuple[dt.date, str] | None = None  # (date, kind) of an open exit
    expelled_on: dt.date | None = None
    for event in events:
        if event.occurred_on > on:
            break
        kind = event.kind
        if kind in _OUT_OF_PARTY:
            out_since = (event.occurred_on, kind)
        elif kind == EventKind.EXPELLED:
            expelled_on = event.occurred_on
        elif kind == EventKind.RESTORED:
            expelled_on = None  # wrongly expelled and cleared: continuous (R2.13)
        elif kind == EventKind.READMITTED:
            start = out_since[0] if out_since else expelled_on
            if start is not None and event.occurred_on > start:
                gaps.append(Gap(start, event.occurred_on, out_since[1] if out_since else kind))
            out_since, expelled_on = None, None
        elif kind in _TRANSFER_OUT or kind in _TEMPORARY_OUT:
            out_since = (event.occurred_on, kind)
        elif kind in (EventKind.TRANSFERRED_IN, EventKind.TEMPORARY_IN):
            opened = None
            if out_since and out_since[1] in (EventKind.TRANSFERRED_OUT, EventKind.TEMPORARY_OUT):
                opened = out_since[0]
                out_since = None
            elif (event.details or {}).get("left_on"):
                # Arriving from outside the system: the letter's date is when they left.
                opened = dt.date.fromisoformat(event.details["left_on"])
            if opened is not None:
                end = event.occurred_on
                start = opened + dt.timedelta(days=grace_days)
                if end > start:
                    gaps.append(Gap(start, end, EventKind.TRANSFERRED_OUT))
        elif kind == EventKind.TEMPORARY_ENDED:
            if out_since and out_since[1] == EventKind.TEMPORARY_OUT:
                out_since = None  # an external temporary transfer ended: no gap
    return gaps


def seniority(
    member: Member, on: dt.date | None = None, events: list[MemberEvent] | None = None
) -> Seniority | None:
    """Party age of `member` on `on` (default today), or None when they have none."""
    on = on or timezone.localdate()
    if events is None:
        events = list(MemberEvent.objects.filter(member=member).order_by("occurred_on", "id"))
    else:
        events = sorted(events, key=lambda e: (e.occurred_on, e.pk or 0))
    start = member.admitted_on
    for event in events:
        if event.kind == EventKind.ADMITTED:
            start = min(start, event.decision_date or event.occurred_on)
        original = (event.details or {}).get("admitted_on")
        if original:
            start = min(start, dt.date.fromisoformat(original))
    if on < start:
        return None
    last_exit = None
    for event in events:
        if event.occurred_on > on:
            break
        if event.kind in (*_OUT_OF_PARTY, EventKind.EXPELLED, EventKind.DECEASED):
            last_exit = event
        elif event.kind in (EventKind.READMITTED, EventKind.RESTORED):
            last_exit = None
    if last_exit is not None and last_exit.kind == EventKind.NOT_RECOGNIZED:
        return None  # never became a full member: no party age ([U], derived from R2.13)
    until = on
    if last_exit is not None:
        until = last_exit.occurred_on
    elif member.status not in ACTIVE_STATUSES and member.status_since <= on:
        # Left without an event on file (e.g. imported data): frozen at the status date.
        until = member.status_since
    grace = value("seniority.transfer_gap_grace_days", on)
    gaps = [g for g in _gaps(events, until, grace) if g.start < until]
    counted_from = start
    for gap in gaps:
        counted_from = _shift(counted_from, gap)
    total = max(0, months_between(counted_from, until)) if until >= counted_from else 0
    return Seniority(
        start=start,
        counted_from=counted_from,
        until=until,
        total_months=total,
        gaps=gaps,
        provisional=member.status == Status.PROBATIONARY,
    )
