"""Bricks of the evaluation services: who decides what (R4.7), the cycle's dates, records."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.organizations.choices import GRASSROOTS_KINDS, Kind
from dangvu.organizations.models import Organization

from ..choices import Action, Rating
from ..models import EvaluationCycle, EvaluationRecord, MemberEvaluation, OrganizationEvaluation
from ..rules import transitions

STEPLEN = Organization.steplen


def today(on: dt.date | None) -> dt.date:
    return on or timezone.localdate()


def ancestor_paths(path: str) -> list[str]:
    """The path itself and every ancestor's path (materialized-path prefixes)."""
    return [path[:n] for n in range(STEPLEN, len(path) + 1, STEPLEN)]


def grassroots_of(organization: Organization) -> Organization | None:
    """The nearest organization at or above `organization` whose kind is grassroots."""
    if organization.kind in GRASSROOTS_KINDS:
        return organization
    return (
        Organization.objects.filter(
            path__in=ancestor_paths(organization.path), kind__in=GRASSROOTS_KINDS
        )
        .order_by("-depth")
        .first()
    )


def deciding_organization(evaluation: MemberEvaluation | OrganizationEvaluation) -> Organization:
    """R4.7 (HD 43; practice [U] for members): the grassroots committee decides its members and
    its branches; the directly superior committee decides a grassroots organization."""
    if isinstance(evaluation, MemberEvaluation):
        return evaluation.grassroots
    organization = evaluation.organization
    if organization.kind in GRASSROOTS_KINDS:
        return Organization.objects.get(path=organization.path[:-STEPLEN])
    return grassroots_of(organization)


def acts_for(user, organization: Organization | None) -> bool:
    """The user works for exactly this organization with a role that may write. A higher
    level sees the rows but does not decide them ("only the right level decides")."""
    return bool(
        organization is not None
        and user.is_authenticated
        and user.is_active
        and user.is_editor
        and user.organization_id == organization.pk
    )


def require_acts_for(user, organization: Organization | None, message: str) -> None:
    if not acts_for(user, organization):
        raise PermissionDenied(message)


def may_decide(user, evaluation) -> bool:
    return acts_for(user, deciding_organization(evaluation))


def may_propose(user, evaluation: MemberEvaluation) -> bool:
    return acts_for(user, evaluation.organization)


def may_self_assess(user, evaluation: MemberEvaluation | OrganizationEvaluation) -> bool:
    """R4.7 step 1: the member themself; for a collective, its own committee."""
    if isinstance(evaluation, MemberEvaluation):
        return bool(user.is_authenticated and user.member_id == evaluation.member_id)
    return acts_for(user, evaluation.organization)


def close_refusal(user, cycle: EvaluationCycle) -> str | None:
    """Why `user` may not close `cycle` (None: they may): only the board that opened it."""
    if user.organization_id != cycle.organization_id and not user.sees_everything:
        return _("Only the board that opened the cycle closes it.")
    if not user.can_manage(cycle.organization):
        return _("You cannot change records of this organization.")
    return None


def may_close(user, cycle: EvaluationCycle) -> bool:
    return close_refusal(user, cycle) is None


# Who the actors of the transition table are, for one row.
_ACTORS = {
    transitions.SELF: may_self_assess,
    transitions.BRANCH: may_propose,
    transitions.DECIDING: may_decide,
}


def allowed_actions(user, evaluation, on: dt.date | None = None) -> frozenset[str]:
    """What `user` may do now with an evaluation row (rules/transitions.py TRANSITIONS): the
    row's step and the cycle's dates allow the step, and the user is the step's actor. Only
    members' rows are proposed by a branch."""
    found = set()
    for action, transition in transitions.TRANSITIONS.items():
        if action == transitions.PROPOSE and not isinstance(evaluation, MemberEvaluation):
            continue
        if transitions.allows(evaluation, action, on) and _ACTORS[transition.actor](
            user, evaluation
        ):
            found.add(action)
    return frozenset(found)


def cycle_actions(user, cycle: EvaluationCycle) -> frozenset[str]:
    """What `user` may do now with the cycle itself (rules/transitions.py CYCLE_TRANSITIONS)."""
    if transitions.cycle_allows(cycle, transitions.CLOSE_CYCLE) and may_close(user, cycle):
        return frozenset({transitions.CLOSE_CYCLE})
    return frozenset()


def may_decide_list(user, evaluation: OrganizationEvaluation) -> bool:
    """The list hanging on an organization's row (a branch's proposals, a grassroots
    committee's decisions) is posted by that organization's committee."""
    return acts_for(user, evaluation.organization)


def decides_grassroots(user, _cycle=None) -> bool:
    """R4.7 (HD 43): a direct-level (or the provincial) committee decides the grassroots
    organizations directly below it."""
    org = user.organization if user.organization_id else None
    return org is not None and org.kind in OPENING_KINDS and acts_for(user, org)


def may_decide_grassroots_list(user, _cycle=None) -> bool:
    return acts_for(user, user.organization if user.organization_id else None)


def may_act_on_list(user, organization: Organization | None, cycle, action: str) -> bool:
    """A list page's step (a branch's proposals, a committee's decisions): the user works
    for `organization` and the step is open in the cycle today."""
    return acts_for(user, organization) and transitions.window_open(cycle, action)


def check_rating(value: str, field: str = "rating") -> str:
    if value not in Rating.values:
        raise ValidationError({field: _("Choose one of the four levels.")}, code="invalid")
    return value


def record(
    evaluation: MemberEvaluation | OrganizationEvaluation,
    action: str,
    user,
    rating: str = "",
    reason: str = "",
    points: Decimal | None = None,
) -> EvaluationRecord:
    """One line of the append-only history (not saved: callers bulk_create)."""
    target = (
        {"member_evaluation": evaluation}
        if isinstance(evaluation, MemberEvaluation)
        else {"organization_evaluation": evaluation}
    )
    return EvaluationRecord(
        **target,
        org_path=evaluation.org_path,
        action=action,
        rating=rating,
        points=points,
        reason=reason,
        recorded_by=user if user is not None and user.is_authenticated else None,
    )


def overlapping_cycles(path: str, year: int):
    """Cycles of the same year over an ancestor's, the same, or a descendant's subtree."""
    return EvaluationCycle.objects.filter(year=year).filter(
        Q(org_path__in=ancestor_paths(path)) | Q(org_path__startswith=path)
    )


OPENING_KINDS = (
    Kind.PROVINCE_COMMITTEE,
    Kind.DISTRICT_COMMITTEE,
    Kind.SECTOR_COMMITTEE,
    Kind.COMMUNE_COMMITTEE,
    Kind.AGENCY_COMMITTEE,
)

__all__ = [
    "Action",
    "OPENING_KINDS",
    "acts_for",
    "allowed_actions",
    "ancestor_paths",
    "check_rating",
    "deciding_organization",
    "grassroots_of",
    "close_refusal",
    "cycle_actions",
    "decides_grassroots",
    "may_act_on_list",
    "may_close",
    "may_decide",
    "may_decide_grassroots_list",
    "may_decide_list",
    "may_propose",
    "may_self_assess",
    "overlapping_cycles",
    "record",
    "require_acts_for",
    "today",
]
