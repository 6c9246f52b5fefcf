"""What may be done with a meeting now: one table read by the services (to refuse) and by the
meeting's page (to offer the buttons).

Each action names the statuses it is allowed from, who may do it (the branch's managers, or a
member on the meeting's roll call), the status it leads to, and the refusal the services raise
otherwise. `offered` narrows the statuses in which the page offers the button (editing a held
meeting's details stays possible through the API, the page offers it while planned).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ..choices import MeetingStatus

PLANNED, HELD, CANCELLED = MeetingStatus.PLANNED, MeetingStatus.HELD, MeetingStatus.CANCELLED
OPEN = (PLANNED, HELD)  # not cancelled


class Action:
    """The actions on a meeting (the keys of `TRANSITIONS`)."""

    SCHEDULE = "schedule"
    EDIT = "edit"
    NOTIFY = "notify"
    CANCEL = "cancel"
    DOCUMENT = "document"
    APOLOGIZE = "apologize"
    ROLL_CALL = "roll_call"
    MINUTES = "minutes"
    RESOLUTION = "resolution"
    TASK = "task"
    VISIT = "visit"
    REMOVE_VISIT = "remove_visit"
    SCORE = "score"


MANAGER = "manager"  # user.can_manage(the meeting's branch)
MEMBER = "member"  # a member on the meeting's roll call


@dataclass(frozen=True)
class Transition:
    sources: tuple[str | None, ...]  # statuses it is allowed from (None: no meeting yet)
    target: str | None = None  # the status it leads to (None: stays)
    refusal: Promise | None = None  # the services' message when the status forbids it
    code: str = "not_allowed"
    who: str = MANAGER
    offered: tuple[str, ...] | None = None  # where the page offers it (default: `sources`)
    member_meetings_only: bool = False  # not a branch committee meeting
    before_start: bool = False  # only until the planned start

    @property
    def offered_in(self) -> tuple[str | None, ...]:
        return self.sources if self.offered is None else self.offered


_CANCELLED = _("This meeting was cancelled.")

TRANSITIONS: dict[str, Transition] = {
    Action.SCHEDULE: Transition((None,), PLANNED),
    # The meeting's details (R3.4.3); the page offers editing while it is planned.
    Action.EDIT: Transition(OPEN, refusal=_CANCELLED, code="cancelled", offered=(PLANNED,)),
    # R3.4.3: the notice goes out before the meeting.
    Action.NOTIFY: Transition(
        (PLANNED,), refusal=_("The notice is sent before the meeting."), code="not_planned"
    ),
    Action.CANCEL: Transition(
        (PLANNED,),
        CANCELLED,
        refusal=_("Only a planned meeting can be cancelled."),
        code="not_planned",
    ),
    # R3.4.4: documents for members to read before the meeting.
    Action.DOCUMENT: Transition(OPEN, refusal=_CANCELLED, code="cancelled"),
    # A member tells the branch in advance that they cannot attend (vắng có lý do).
    Action.APOLOGIZE: Transition(
        (PLANNED,),
        refusal=_("An apology is sent before the meeting starts."),
        code="late",
        who=MEMBER,
        before_start=True,
    ),
    # R3.5: the roll call; the meeting counts as held once its date has come.
    Action.ROLL_CALL: Transition(OPEN, HELD, refusal=_CANCELLED, code="cancelled"),
    # R3.8: the minutes make the meeting held.
    Action.MINUTES: Transition(OPEN, HELD, refusal=_CANCELLED, code="cancelled"),
    Action.RESOLUTION: Transition(OPEN, refusal=_CANCELLED, code="cancelled"),
    Action.TASK: Transition(OPEN, refusal=_CANCELLED, code="cancelled"),
    # R3.9: a higher-level committee member attended.
    Action.VISIT: Transition(OPEN, refusal=_CANCELLED, code="cancelled"),
    Action.REMOVE_VISIT: Transition((PLANNED, HELD, CANCELLED)),
    # R3.5/R3.6: a held meeting of the branch's members is scored.
    Action.SCORE: Transition(
        (HELD,),
        refusal=_("Only a held meeting of the branch's members is scored."),
        code="not_scorable",
        member_meetings_only=True,
    ),
}


def allowed(action: str, meeting, now: dt.datetime | None = None) -> bool:
    """May `action` be done on `meeting` in its present state (who asks aside)?"""
    transition = TRANSITIONS[action]
    return _state_allows(transition, transition.sources, meeting, now)


def require(action: str, meeting, now: dt.datetime | None = None) -> None:
    """The services' refusal (ValidationError) when the meeting's state forbids `action`."""
    if not allowed(action, meeting, now):
        transition = TRANSITIONS[action]
        raise ValidationError(str(transition.refusal or _CANCELLED), code=transition.code)


def target(action: str) -> str | None:
    return TRANSITIONS[action].target


def offered(meeting, *, manager: bool, on_roll: bool, now: dt.datetime) -> dict[str, bool]:
    """The buttons the meeting's page offers this user: {action: bool} for every action on a
    meeting (`manager`: the user manages its branch; `on_roll`: the user is on its roll call)."""
    result = {}
    for action, transition in TRANSITIONS.items():
        if action == Action.SCHEDULE:
            continue
        who = manager if transition.who == MANAGER else on_roll
        result[action] = bool(who) and _state_allows(
            transition, transition.offered_in, meeting, now
        )
    return result


def _state_allows(transition: Transition, statuses, meeting, now: dt.datetime | None) -> bool:
    if meeting.status not in statuses:
        return False
    if transition.member_meetings_only and not meeting.is_member_meeting:
        return False
    if transition.before_start:
        return meeting.scheduled_at > (now or timezone.now())
    return True
