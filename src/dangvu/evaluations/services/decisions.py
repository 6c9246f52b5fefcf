"""R4.7 step 3: the competent committee decides levels (one row or a list), and reopens them.

Every rule of §4 is checked for all rows first (rules/precheck.py, the same functions as the
pre-check page); one failure refuses the whole decision and nothing is written.
"""

from __future__ import annotations

import datetime as dt

from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.organizations.choices import GRASSROOTS_KINDS
from dangvu.organizations.models import Organization

from .. import rules
from ..choices import Action
from ..models import EvaluationCycle, EvaluationRecord, MemberEvaluation, OrganizationEvaluation
from ..rules import transitions
from ..rules.transitions import DECIDE, REOPEN, require_window
from .base import acts_for, deciding_organization, record, require_acts_for, today
from .steps import DECISION_FIELDS, _actor, _lock, _reason, _row_errors, _write


def _decided_by(deciding: Organization, row: OrganizationEvaluation) -> bool:
    """Does `deciding` decide this organization row (R4.7)? Grassroots organizations do not
    nest, so a branch below a grassroots organization is decided by it."""
    if row.level == "grassroots":
        return row.org_path[: -Organization.steplen] == deciding.path
    return deciding.kind in GRASSROOTS_KINDS and row.org_path.startswith(deciding.path)


@transaction.atomic
def decide(
    *,
    user,
    cycle: EvaluationCycle,
    deciding: Organization,
    members: dict[int, tuple[str, str]] | None = None,
    organizations: dict[int, tuple[str, str]] | None = None,
    decision_number: str = "",
    on: dt.date | None = None,
) -> int:
    """R4.7 step 3: the competent committee decides levels, one row or a whole list at once.
    Organizations are decided before members so that R4.6 compares a secretary with the
    level given to their collective in the same decision. Every rule of §4 is checked for all
    rows first; one failure refuses the whole decision."""
    on = today(on)
    members, organizations = members or {}, organizations or {}
    require_acts_for(user, deciding, _("Only the competent committee decides these levels."))
    require_window(cycle, DECIDE, on)
    if not members and not organizations:
        raise ValidationError(_("Choose a level for at least one row."), code="empty")
    number = (decision_number or "").strip()
    if len(number) > 64:
        raise ValidationError({"decision_number": _("At most 64 characters.")})
    # One decision at a time per committee: the quota counts what the others decided.
    Organization.objects.select_for_update().filter(pk=deciding.pk).first()
    member_rows = list(
        MemberEvaluation.objects.select_for_update(of=("self",))
        .select_related("member")
        .filter(cycle=cycle, pk__in=list(members))
    )
    org_rows = list(
        OrganizationEvaluation.objects.select_for_update(of=("self",))
        .select_related("organization")
        .filter(cycle=cycle, pk__in=list(organizations))
    )
    if (
        len(member_rows) != len(members)
        or len(org_rows) != len(organizations)
        or any(r.grassroots_id != deciding.pk for r in member_rows)
        or any(not _decided_by(deciding, r) for r in org_rows)
    ):
        raise PermissionDenied(_("Some of these rows are not decided by your committee."))
    errors = [
        e
        for e in (
            *(
                _row_errors(r, organizations[r.pk][0], r.organization.name, DECIDE)
                for r in org_rows
            ),
            *(_row_errors(r, members[r.pk][0], r.member.full_name, DECIDE) for r in member_rows),
        )
        if e
    ]
    if errors:
        raise ValidationError(errors)
    profile, values = rules.cycle_values(cycle, on)
    org_checks = rules.organization_checks(cycle, org_rows, on, values)
    org_ratings = {r.organization_id: organizations[r.pk][0] for r in org_rows}
    member_checks = rules.member_checks(cycle, member_rows, on, values, org_ratings)
    for row in org_rows:
        errors += [
            f"{row.organization.name}: {m}"
            for m in org_checks[row.pk].blockers(organizations[row.pk][0])
        ]
    for row in member_rows:
        errors += [
            f"{row.member.full_name}: {m}"
            for m in member_checks[row.pk].blockers(members[row.pk][0])
        ]
    if member_rows:
        quota = rules.quota_after(
            cycle, deciding.pk, (r for r, _unused in members.values()), values
        )
        message = rules.quota_message(quota, deciding.name)
        if message:
            errors.append(message)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    records: list[EvaluationRecord] = []
    for rows, wanted, found in (
        (org_rows, organizations, org_checks),
        (member_rows, members, member_checks),
    ):
        for row in rows:
            rating, reason = wanted[row.pk]
            row.rating, row.decided_reason, row.decision_number = rating, _reason(reason), number
            row.decided_at, row.decided_by, row.deciding_organization = now, user, deciding
            row.step, row.flags = transitions.TRANSITIONS[DECIDE].target, found[row.pk].warnings
            row.draft_rating, row.drafted_at, row.drafted_by = "", None, None
            records.append(record(row, Action.DECIDED, user, rating=rating, reason=reason))
    _write(OrganizationEvaluation, org_rows, DECISION_FIELDS, profile)
    _write(MemberEvaluation, member_rows, DECISION_FIELDS, profile)
    EvaluationRecord.objects.bulk_create(records, batch_size=500)
    # Bulk writes skip auditlog's signals: one summary entry per decision (STACK-NOTES).
    LogEntry.objects.log_create(
        cycle,
        force_log=True,
        action=LogEntry.Action.UPDATE,
        actor=user,
        changes={
            "decisions": [
                "",
                _("%(org)s decided %(members)s members and %(orgs)s organizations %(number)s")
                % {
                    "org": deciding.name,
                    "members": len(member_rows),
                    "orgs": len(org_rows),
                    "number": number,
                },
            ]
        },
    )
    return len(member_rows) + len(org_rows)


def decide_one(
    *,
    user,
    evaluation: MemberEvaluation | OrganizationEvaluation,
    rating: str,
    reason: str = "",
    decision_number: str = "",
    on: dt.date | None = None,
) -> int:
    """One row's decision: the same checks as a list's."""
    deciding = deciding_organization(evaluation)
    if not acts_for(user, deciding):
        raise PermissionDenied(_("Only the competent committee decides these levels."))
    target = "members" if isinstance(evaluation, MemberEvaluation) else "organizations"
    return decide(
        user=user,
        cycle=evaluation.cycle,
        deciding=deciding,
        decision_number=decision_number,
        on=on,
        **{target: {evaluation.pk: (rating, reason)}},
    )


@transaction.atomic
def reopen(
    *,
    user,
    evaluation: MemberEvaluation | OrganizationEvaluation,
    reason: str,
    on: dt.date | None = None,
):
    """A decided level is reopened only by the level that decides it, with a reason; the row
    goes back to its previous step, the history keeps the old level (record + audit log)."""
    on = today(on)
    require_acts_for(
        user,
        deciding_organization(evaluation),
        _("Only the committee that decided this level can reopen it."),
    )
    reason = _reason(reason)
    if not reason:
        raise ValidationError({"reason": _("Give the reason for reopening.")}, code="required")
    row = _lock(type(evaluation), evaluation.pk)
    cycle = row.cycle
    require_window(cycle, REOPEN, on)
    if not transitions.step_allows(row, REOPEN):
        raise ValidationError(_("Only a decided level can be reopened."), code="not_decided")
    previous = row.rating
    row.step = transitions.previous_step(row)
    row.rating, row.decided_reason, row.decision_number = "", "", ""
    row.decided_at, row.decided_by, row.deciding_organization, row.flags = None, None, None, []
    row.version += 1
    with _actor(user):
        row.save()  # through the model: django-auditlog records the change
    record(row, Action.REOPENED, user, rating=previous, reason=reason).save()
    return row
