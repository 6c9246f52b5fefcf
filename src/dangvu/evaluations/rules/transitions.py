"""What may be done now with an evaluation row or a cycle (R4.7, R4.9): the steps, the states
they start from, the dates they are open and who takes them. Read by the services (to refuse)
and the views/templates (to show the buttons), so both always agree.

Who acts is named here (`Transition.actor`); whether a given user is that actor is answered by
the services (`services.allowed_actions`), which know the organizations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ..choices import CycleStatus, EvaluationStep

SELF_ASSESS = "self_assess"
PROPOSE = "propose"
DECIDE = "decide"
REOPEN = "reopen"
CLOSE_CYCLE = "close_cycle"

# Who takes a step (see services.allowed_actions).
SELF = "self"  # the member themself; for a collective, its own committee
BRANCH = "branch"  # the member's branch committee
DECIDING = "deciding"  # the competent committee (services.deciding_organization)
OPENER = "opener"  # the board that opened the cycle

OPEN_STEPS = (EvaluationStep.PENDING, EvaluationStep.SELF, EvaluationStep.PROPOSED)


@dataclass(frozen=True)
class Transition:
    """A step of R4.7: from which row steps, to which step, within which cycle dates (two
    field names of EvaluationCycle), by whom, and whether rows not rated (R4.8) take it."""

    sources: tuple[str, ...]
    target: str | None  # None: back to the step before the decision (reopening)
    window: tuple[str, str]
    actor: str
    rated_only: bool = True


TRANSITIONS: dict[str, Transition] = {
    # R4.7 step 1: once, while the self-assessment is open.
    SELF_ASSESS: Transition(
        (EvaluationStep.PENDING,), EvaluationStep.SELF, ("self_from", "self_until"), SELF
    ),
    # R4.7 step 2: the branch proposes, and may change its proposal until its deadline.
    PROPOSE: Transition(
        OPEN_STEPS, EvaluationStep.PROPOSED, ("self_from", "propose_until"), BRANCH
    ),
    # R4.7 step 3: the competent committee decides.
    DECIDE: Transition(OPEN_STEPS, EvaluationStep.DECIDED, ("self_from", "decide_until"), DECIDING),
    # A decided level is reopened by the level that decides it, while decisions are open.
    REOPEN: Transition(
        (EvaluationStep.DECIDED,), None, ("self_from", "decide_until"), DECIDING, rated_only=False
    ),
}

# The cycle itself: the opening board closes it; no step can be taken afterwards.
CYCLE_TRANSITIONS: dict[str, tuple[tuple[str, ...], str, str]] = {
    CLOSE_CYCLE: ((CycleStatus.OPEN,), CycleStatus.CLOSED, OPENER),
}

ROW_ACTIONS = tuple(TRANSITIONS)


def window(cycle, action: str) -> tuple[dt.date, dt.date]:
    """The first and last day of `action` in `cycle`."""
    start, end = TRANSITIONS[action].window
    return getattr(cycle, start), getattr(cycle, end)


def require_cycle_open(cycle) -> None:
    if cycle.status != CycleStatus.OPEN:
        raise ValidationError(_("This evaluation cycle is closed."), code="closed")


def require_window(cycle, action: str, on: dt.date | None = None) -> None:
    """R4.9 (the year's review calendar): a step is taken only in an open cycle, within its
    dates; the refusal says when it opens or closed."""
    on = on or timezone.localdate()
    require_cycle_open(cycle)
    start, end = window(cycle, action)
    if on < start:
        raise ValidationError(
            _("This step opens on %(date)s.") % {"date": start.strftime("%d/%m/%Y")},
            code="too_early",
        )
    if on > end:
        raise ValidationError(
            _("This step closed on %(date)s.") % {"date": end.strftime("%d/%m/%Y")},
            code="too_late",
        )


def window_open(cycle, action: str, on: dt.date | None = None) -> bool:
    """Is `action` open in `cycle` on `on` (today when None)?"""
    on = on or timezone.localdate()
    start, end = window(cycle, action)
    return cycle.status == CycleStatus.OPEN and start <= on <= end


def step_allows(row, action: str) -> bool:
    """Is the row at a step `action` starts from?"""
    return row.step in TRANSITIONS[action].sources


def row_allows(row, action: str) -> bool:
    """Does the row's state allow `action` (its step; R4.8 rows not rated)?"""
    if TRANSITIONS[action].rated_only and getattr(row, "excluded", False):
        return False
    return step_allows(row, action)


def allows(row, action: str, on: dt.date | None = None) -> bool:
    """The row's state and the cycle's dates allow `action` now (whoever the user is)."""
    return row_allows(row, action) and window_open(row.cycle, action, on)


def cycle_allows(cycle, action: str) -> bool:
    sources, _target, _actor = CYCLE_TRANSITIONS[action]
    return cycle.status in sources


def previous_step(row) -> str:
    """Where a reopened row goes back to: the last step it had reached before the decision."""
    if row.proposed_at:
        return EvaluationStep.PROPOSED
    if row.self_at:
        return EvaluationStep.SELF
    return EvaluationStep.PENDING
