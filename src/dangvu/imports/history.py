"""A member's history as the import writes it: the facts of the members sheet (admission,
ceremony, recognition, exit) and the official placements ("stints"), turned into exactly the
records the services write (members.reporting.balance reads only these):

- membership on the roll = OFFICIAL Placement intervals [valid_from, valid_to), never overlapping;
- each start of a placement has an event on valid_from: ADMITTED (from the ceremony),
  READMITTED, RESTORED, TRANSFERRED_IN, or MOVED (one event when the previous one ends that day);
- each end has an event on valid_to: the exit (STRUCK_OFF, LEFT, EXPELLED, DECEASED,
  TRANSFERRED_OUT) or MOVED;
- RECOGNIZED on member.recognized_on, with the recognition decision.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from dangvu.members.choices import EventKind, PlacementKind

# Kinds that start a stint after a gap, and kinds that end one before a gap.
ARRIVALS = (EventKind.TRANSFERRED_IN, EventKind.READMITTED, EventKind.RESTORED)
EXITS = (
    EventKind.STRUCK_OFF,
    EventKind.LEFT,
    EventKind.EXPELLED,
    EventKind.DECEASED,
    EventKind.TRANSFERRED_OUT,
)


def decision(number: str | None, date: dt.date | None, body: str | None) -> dict[str, Any]:
    """An event's decision fields (members.events.services.DECISION_FIELDS)."""
    return {
        "decision_number": number or "",
        "decision_date": date or None,
        "decision_body": body or "",
    }


@dataclass
class Facts:
    """What the members sheet says about a member's membership."""

    admitted_on: dt.date
    ceremony_on: dt.date | None = None
    admission: dict[str, Any] = field(default_factory=dict)
    recognized_on: dt.date | None = None
    recognition: dict[str, Any] = field(default_factory=dict)
    joined_on: dt.date | None = None
    exit_kind: str | None = None
    exit_on: dt.date | None = None
    exit_decision: dict[str, Any] = field(default_factory=dict)

    @property
    def probation_from(self) -> dt.date:
        """The first placement of a member admitted here starts on the ceremony (R2.10); a
        file that gives only the decision date uses it for both."""
        return self.ceremony_on or self.admitted_on

    @property
    def first_day(self) -> dt.date:
        return self.joined_on or self.probation_from


@dataclass
class Stint:
    """One official placement and why it started and ended."""

    branch: Any  # Organization
    start: dt.date
    end: dt.date | None = None
    start_kind: str = EventKind.ADMITTED
    end_kind: str | None = None
    row: int = 0  # the placements-sheet row it came from (0: the members sheet)


def default_stints(branch, facts: Facts) -> list[Stint]:
    """The members sheet alone: one placement in the member's branch, from the ceremony (or
    from the day they joined the branch, arriving from outside) to the exit."""
    start = facts.first_day
    kind = EventKind.ADMITTED if start == facts.probation_from else EventKind.TRANSFERRED_IN
    return [Stint(branch, start, facts.exit_on, kind, facts.exit_kind)]


def fill_kinds(stints: list[Stint], facts: Facts) -> list[tuple[int, str, str]]:
    """Complete the reasons a placements sheet left blank and check them against the dates
    and the member's facts. Returns (row, field key, message) problems."""
    problems: list[tuple[int, str, str]] = []
    for i, stint in enumerate(stints):
        before = stints[i - 1] if i else None
        after = stints[i + 1] if i + 1 < len(stints) else None
        if stint.end is not None and stint.end <= stint.start:
            problems.append(
                (stint.row, "valid_to", _("The end date must be after the start date."))
            )
            continue
        if before is None:
            if stint.start < facts.admitted_on:
                problems.append(
                    (stint.row, "valid_from", _("This placement starts before the admission."))
                )
            expected = (
                EventKind.ADMITTED
                if stint.start == facts.probation_from
                else EventKind.TRANSFERRED_IN
            )
            if not stint.start_kind:
                stint.start_kind = expected
            elif stint.start_kind == EventKind.ADMITTED and expected != EventKind.ADMITTED:
                problems.append(
                    (
                        stint.row,
                        "valid_from",
                        _("A placement from the admission starts on the admission ceremony."),
                    )
                )
            elif stint.start_kind == EventKind.MOVED:
                problems.append(
                    (stint.row, "start_kind", _("The first placement cannot be a move."))
                )
        else:
            if before.end is None or stint.start < before.end:
                problems.append(
                    (
                        stint.row,
                        "valid_from",
                        _("This placement overlaps the one on row %(row)s.") % {"row": before.row},
                    )
                )
                continue
            contiguous = stint.start == before.end
            if not stint.start_kind:
                stint.start_kind = EventKind.MOVED if contiguous else EventKind.TRANSFERRED_IN
            if contiguous != (stint.start_kind == EventKind.MOVED):
                problems.append(
                    (
                        stint.row,
                        "start_kind",
                        _("A move starts the day the previous placement ends.")
                        if contiguous is False
                        else _("The previous placement ends this day: this is a move."),
                    )
                )
            if stint.start_kind == EventKind.ADMITTED:
                problems.append(
                    (stint.row, "start_kind", _("Only the first placement starts with admission."))
                )
        if after is None:
            if facts.exit_kind:
                if stint.end is None:
                    stint.end = facts.exit_on
                if stint.end != facts.exit_on:
                    problems.append(
                        (
                            stint.row,
                            "valid_to",
                            _("The last placement ends on the exit date (%(date)s).")
                            % {"date": f"{facts.exit_on:%d/%m/%Y}"},
                        )
                    )
                if stint.end_kind and stint.end_kind != facts.exit_kind:
                    problems.append(
                        (stint.row, "end_kind", _("The members sheet gives another exit."))
                    )
                stint.end_kind = facts.exit_kind
            elif stint.end is not None:
                problems.append(
                    (
                        stint.row,
                        "valid_to",
                        _(
                            "The member is on the roll: the last placement stays open (or "
                            "give the exit in the members sheet)."
                        ),
                    )
                )
        elif stint.end is not None:
            if after.start == stint.end:
                stint.end_kind = stint.end_kind or EventKind.MOVED
                if stint.end_kind != EventKind.MOVED:
                    problems.append(
                        (stint.row, "end_kind", _("The next placement starts this day: a move."))
                    )
            else:
                stint.end_kind = stint.end_kind or EventKind.TRANSFERRED_OUT
                if stint.end_kind not in EXITS or stint.end_kind == EventKind.DECEASED:
                    problems.append(
                        (stint.row, "end_kind", _("Give why the member left before coming back."))
                    )
    return problems


def records(
    member, stints: list[Stint], facts: Facts, *, actor_id: int | None, tag: dict[str, Any]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The placements and events (as bulk.insert dicts) of a member whose pk is known."""
    placements: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []

    def event(kind: str, on: dt.date, branch, **extra: Any) -> None:
        events.append(
            {
                "member_id": member.pk,
                "kind": kind,
                "occurred_on": on,
                "organization_id": branch.pk,
                "org_path": branch.path,
                "recorded_by_id": actor_id,
                # One shared dict: bulk.insert converts a repeated object to JSON once.
                "details": tag,
                **extra,
            }
        )

    for i, stint in enumerate(stints):
        placements.append(
            {
                "member_id": member.pk,
                "organization_id": stint.branch.pk,
                "kind": PlacementKind.OFFICIAL,
                "valid_from": stint.start,
                "valid_to": stint.end,
            }
        )
        before = stints[i - 1] if i else None
        if before is not None and before.end == stint.start:
            # place_member: one MOVED event, placed in the branch left.
            event(
                EventKind.MOVED, stint.start, before.branch, other_organization_id=stint.branch.pk
            )
        elif stint.start_kind == EventKind.ADMITTED:
            event(EventKind.ADMITTED, stint.start, stint.branch, **facts.admission)
        else:
            event(stint.start_kind, stint.start, stint.branch)
        if (
            facts.recognized_on
            and stint.start <= facts.recognized_on
            and (stint.end is None or facts.recognized_on < stint.end)
        ):
            event(EventKind.RECOGNIZED, facts.recognized_on, stint.branch, **facts.recognition)
        after = stints[i + 1] if i + 1 < len(stints) else None
        if stint.end is not None and not (after is not None and after.start == stint.end):
            final = after is None
            extra = dict(facts.exit_decision) if final else {}
            if stint.end_kind != EventKind.TRANSFERRED_OUT:
                # _leave_roll: the first admission date, for a later re-admission (R2.13).
                extra["details"] = {"admitted_on": facts.admitted_on.isoformat(), **tag}
            event(stint.end_kind or EventKind.TRANSFERRED_OUT, stint.end, stint.branch, **extra)
    return placements, events
