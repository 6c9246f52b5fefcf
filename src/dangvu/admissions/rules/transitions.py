"""What may be done to a candidate now: the stage machine (les-emplois' pattern) and who takes
each step. The services refuse a step through `target_stage` and `may_take`; the candidate's
page shows its buttons from `available_steps`, so both read this one table."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext as _

from dangvu.organizations.models import Organization

from ..choices import OPEN_STAGES, Action, Stage
from .base import invalid
from .regulations import authorized_organization

# action: (allowed source stages, target stage or None to stay)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str | None]] = {
    Action.COURSE: ((Stage.INTRODUCED, Stage.TRAINED, Stage.INTRODUCERS), Stage.TRAINED),
    Action.INTRODUCERS: ((Stage.TRAINED, Stage.INTRODUCERS), Stage.INTRODUCERS),
    Action.VOTE: ((Stage.INTRODUCERS,), Stage.VOTED),
    Action.DECISION: ((Stage.VOTED,), Stage.DECIDED),
    Action.CEREMONY: ((Stage.DECIDED,), Stage.ADMITTED),
    Action.RECOGNITION_VOTE_FAILED: ((Stage.ADMITTED,), None),
    Action.RECOGNIZED: ((Stage.ADMITTED,), Stage.RECOGNIZED),
    Action.NOT_RECOGNIZED: ((Stage.ADMITTED,), Stage.NOT_RECOGNIZED),
    Action.WITHDRAWN: (OPEN_STAGES, Stage.WITHDRAWN),
}

BRANCH, AUTHORITY = "branch", "authority"
# Who takes each step (R2.8: the authorized committee decides admission and recognition; the
# branch does the rest), in the order the candidate's page offers them.
ACTED_BY: dict[str, str] = {
    Action.COURSE: BRANCH,
    Action.INTRODUCERS: BRANCH,
    Action.VOTE: BRANCH,
    Action.DECISION: AUTHORITY,
    Action.CEREMONY: BRANCH,
    Action.RECOGNIZED: AUTHORITY,
    Action.RECOGNITION_VOTE_FAILED: BRANCH,
    Action.NOT_RECOGNIZED: AUTHORITY,
    Action.WITHDRAWN: BRANCH,
}

# The main next step of each stage, shown as a form on the candidate's page.
NEXT_ACTION: dict[str, str] = {
    Stage.INTRODUCED: Action.COURSE,
    Stage.TRAINED: Action.INTRODUCERS,
    Stage.INTRODUCERS: Action.VOTE,
    Stage.VOTED: Action.DECISION,
    Stage.DECIDED: Action.CEREMONY,
    Stage.ADMITTED: Action.RECOGNIZED,
}


def is_possible(candidate, action: str) -> bool:
    """The candidate's stage allows `action`."""
    return candidate.stage in TRANSITIONS[action][0]


def target_stage(candidate, action: str) -> str:
    """The stage `action` leads to, or a `wrong_stage` error when the stage does not allow it."""
    sources, target = TRANSITIONS[action]
    if candidate.stage not in sources:
        raise invalid(
            NON_FIELD_ERRORS,
            _("This step is not possible while the candidate is at the stage “%(stage)s”.")
            % {"stage": candidate.get_stage_display()},
            "wrong_stage",
        )
    return target or candidate.stage


def acting_organization(candidate, action: str) -> Organization:
    """The organization that takes `action`: the branch, or the authorized committee (R2.8)."""
    if ACTED_BY[action] == AUTHORITY:
        return authorized_organization(candidate.organization)
    return candidate.organization


def may_take(user, candidate, action: str) -> bool:
    """The user manages the organization that takes `action` (the stage is not asked)."""
    return user.can_manage(acting_organization(candidate, action))


def available_steps(candidate, user) -> list[dict[str, Any]]:
    """The steps possible at the candidate's stage, who takes each and whether this user may."""
    authority = None
    rows = []
    for action, who in ACTED_BY.items():
        if not is_possible(candidate, action):
            continue
        if who == AUTHORITY:
            authority = authority or authorized_organization(candidate.organization)
            organization = authority
        else:
            organization = candidate.organization
        rows.append(
            {
                "action": action,
                "label": Action(action).label,
                "allowed": user.can_manage(organization),
                "organization": organization,
                "main": NEXT_ACTION.get(candidate.stage) == action,
            }
        )
    return rows
