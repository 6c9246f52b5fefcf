"""R4.7 step 3 as a committee works (issue 14): the grassroots committee records its levels as
a draft, branch by branch or all at once (accepting the proposals in one click), sees the quota
and the checks over the whole organization while it works, then issues the decision for the
organization in one act, where every rule is enforced over the final set (`decide`).

A draft is the committee's working paper: it changes no step and no result; only the issued
decision does.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core.scope import subtree_q
from dangvu.organizations.models import Organization

from .. import rules
from ..choices import EvaluationStep, Rating
from ..models import EvaluationCycle, MemberEvaluation, OrganizationEvaluation
from ..rules.transitions import DECIDE, require_window
from .base import require_acts_for, today
from .decisions import _decided_by, decide
from .steps import _write

DRAFT_FIELDS = ("draft_rating", "drafted_at", "drafted_by")


def _open_rows(model, cycle: EvaluationCycle, deciding: Organization):
    """The rows `deciding` decides that are still open (rated, not decided), locked."""
    rows = model.objects.select_for_update(of=("self",)).filter(cycle=cycle)
    if model is MemberEvaluation:
        rows = rows.filter(grassroots=deciding, excluded=False).select_related("member")
    else:
        rows = rows.filter(level="branch").filter(subtree_q("org_path", deciding.path))
        rows = rows.select_related("organization")
    return rows.exclude(step=EvaluationStep.DECIDED)


def _start(user, cycle: EvaluationCycle, deciding: Organization, on: dt.date | None):
    on = today(on)
    require_acts_for(user, deciding, _("Only the competent committee decides these levels."))
    require_window(cycle, DECIDE, on)
    return on


def _store(rows: dict, wanted: dict[int, str], user, profile) -> int:
    """Write the draft levels that changed; "" clears a row's draft."""
    now = timezone.now()
    changed = {model: [] for model in rows}
    for model, found in rows.items():
        for row in found:
            level = wanted[(model, row.pk)]
            if level == row.draft_rating:
                continue
            row.draft_rating = level
            row.drafted_at, row.drafted_by = (now, user) if level else (None, None)
            changed[model].append(row)
    for model, found in changed.items():
        _write(model, found, DRAFT_FIELDS, profile)
    return sum(len(found) for found in changed.values())


@transaction.atomic
def save_draft(
    *,
    user,
    cycle: EvaluationCycle,
    deciding: Organization,
    members: dict[int, str] | None = None,
    organizations: dict[int, str] | None = None,
    on: dt.date | None = None,
) -> int:
    """Record the committee's draft levels ({row id: level or "" to clear}) for open rows it
    decides. No rule refuses a draft: the decision page shows what the issued decision would
    refuse (the same checks). Returns the number of rows changed."""
    on = _start(user, cycle, deciding, on)
    members, organizations = members or {}, organizations or {}
    if any(v and v not in Rating.values for v in (*members.values(), *organizations.values())):
        raise ValidationError(_("Choose one of the four levels."), code="invalid")
    rows = {
        MemberEvaluation: list(
            _open_rows(MemberEvaluation, cycle, deciding).filter(pk__in=list(members))
        ),
        OrganizationEvaluation: list(
            _open_rows(OrganizationEvaluation, cycle, deciding).filter(pk__in=list(organizations))
        ),
    }
    if len(rows[MemberEvaluation]) != len(members) or len(rows[OrganizationEvaluation]) != len(
        organizations
    ):
        raise ValidationError(_("A row of the list is no longer open to this step."))
    wanted = {(MemberEvaluation, pk): v for pk, v in members.items()}
    wanted.update({(OrganizationEvaluation, pk): v for pk, v in organizations.items()})
    profile, _values = rules.cycle_values(cycle, on)
    return _store(rows, wanted, user, profile)


@transaction.atomic
def accept_proposals(
    *,
    user,
    cycle: EvaluationCycle,
    deciding: Organization,
    branch_id: int | None = None,
    on: dt.date | None = None,
) -> int:
    """One click: the draft takes the proposals (rules.proposal: the branch's for a member,
    the self-assessment for a branch) of every open row without a draft, in one branch or in
    the whole organization. Rows already drafted keep the committee's level."""
    on = _start(user, cycle, deciding, on)
    branch = Organization.objects.filter(pk=branch_id).first() if branch_id else None
    if branch_id and (branch is None or not branch.path.startswith(deciding.path)):
        raise PermissionDenied(_("Some of these rows are not decided by your committee."))
    rows = {}
    for model in (MemberEvaluation, OrganizationEvaluation):
        found = _open_rows(model, cycle, deciding).filter(draft_rating="")
        if branch is not None:
            found = found.filter(Q(org_path=branch.path))
        rows[model] = [row for row in found if rules.proposal(row)]
    wanted = {(type(row), row.pk): rules.proposal(row) for found in rows.values() for row in found}
    profile, _values = rules.cycle_values(cycle, on)
    return _store(rows, wanted, user, profile)


@transaction.atomic
def issue_decision(
    *,
    user,
    cycle: EvaluationCycle,
    deciding: Organization,
    decision_number: str = "",
    on: dt.date | None = None,
) -> int:
    """R4.7 step 3, issued: every drafted level of the organization is decided in one act,
    with every rule of §4 enforced over the final set (decided before + decided now, `decide`);
    one failure refuses the whole decision and the draft stays as it was."""
    _start(user, cycle, deciding, on)
    members = {
        row.pk: (row.draft_rating, "")
        for row in _open_rows(MemberEvaluation, cycle, deciding).exclude(draft_rating="")
    }
    organizations = {
        row.pk: (row.draft_rating, "")
        for row in _open_rows(OrganizationEvaluation, cycle, deciding).exclude(draft_rating="")
        if _decided_by(deciding, row)
    }
    if not members and not organizations:
        raise ValidationError(
            _("The draft has no level yet: record the levels, then issue the decision."),
            code="empty",
        )
    return decide(
        user=user,
        cycle=cycle,
        deciding=deciding,
        members=members,
        organizations=organizations,
        decision_number=decision_number,
        on=on,
    )
