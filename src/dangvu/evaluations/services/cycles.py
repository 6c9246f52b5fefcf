"""Opening and closing an evaluation cycle; which cycles a user takes part in."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from dangvu.accounts.models import Role
from dangvu.core.scope import subtree_q
from dangvu.members.choices import Status
from dangvu.members.models import Member, MemberPost
from dangvu.organizations.choices import BRANCH_KINDS, GRASSROOTS_KINDS
from dangvu.organizations.models import CommitteeSeat, Organization, active_on_q

from .. import rules
from ..choices import Action, Framework
from ..models import EvaluationCycle, EvaluationRecord, MemberEvaluation, OrganizationEvaluation
from ..rules.transitions import CLOSE_CYCLE, CYCLE_TRANSITIONS, cycle_allows, require_cycle_open
from .base import OPENING_KINDS, ancestor_paths, close_refusal, overlapping_cycles, record, today

OPENING_ROLES = (Role.PROVINCIAL_BOARD, Role.DIRECT_BOARD, Role.ADMIN)
BATCH = 1000


def may_open_cycles(user, _unused=None) -> bool:
    """Who sees the "open a cycle" form: the provincial or a direct-level board, with a role
    that writes (`open_cycle` also checks the organization chosen)."""
    return bool(
        user.is_authenticated
        and (user.sees_everything or user.role in OPENING_ROLES)
        and user.is_editor
    )


def cycles_for(user):
    """Cycles a user takes part in or oversees: those over their subtree and those opened
    above them (a branch secretary works in the province's cycle)."""
    qs = EvaluationCycle.objects.select_related("organization")
    if user is None or not user.is_authenticated or not user.is_active:
        return qs.none()
    if user.sees_everything:
        return qs
    if user.is_plain_member:
        member = user.member
        if member is None:
            return qs.none()
        return qs.filter(org_path__in=ancestor_paths(member.org_path))
    if user.organization_id is None:
        return qs.none()
    path = user.organization.path
    return qs.filter(Q(org_path__in=ancestor_paths(path)) | subtree_q("org_path", path))


def _check_dates(data: dict, year: int, on: dt.date) -> None:
    errors: dict[str, str] = {}
    if not 2000 <= year <= on.year + 1:
        errors["year"] = _("Choose a year between 2000 and next year.")
    order = ("self_from", "self_until", "propose_until", "decide_until")
    for earlier, later in zip(order, order[1:], strict=False):
        if data[later] < data[earlier]:
            errors[later] = _("This date is before the previous step's date.")
    if not errors and data["self_from"] < dt.date(year, 1, 1):
        errors["self_from"] = _("The self-assessment cannot start before the year reviewed.")
    if not errors and data["decide_until"] > dt.date(year + 1, 12, 31):
        errors["decide_until"] = _("The decisions must end by the end of the following year.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def open_cycle(
    *,
    user,
    organization: Organization,
    year: int,
    self_from: dt.date,
    self_until: dt.date,
    propose_until: dt.date,
    decide_until: dt.date,
    title: str = "",
    on: dt.date | None = None,
) -> EvaluationCycle:
    """R4.7/R4.9: the provincial or a direct-level board opens the year's review over its
    subtree. Participants are the rows created here: one MemberEvaluation per active member
    (R4.8: exempted members are listed but not rated) and one OrganizationEvaluation per
    branch and per grassroots organization."""
    on = today(on)
    if not (user.is_authenticated and (user.sees_everything or user.role in OPENING_ROLES)):
        raise PermissionDenied(_("Only a provincial or direct-level board opens a cycle."))
    if not user.can_manage(organization):
        raise PermissionDenied(_("You cannot change records of this organization."))
    if organization.kind not in OPENING_KINDS or organization.dissolved_on:
        raise ValidationError(
            {"organization": _("A cycle is opened by the province or a direct-level committee.")}
        )
    dates = {
        "self_from": self_from,
        "self_until": self_until,
        "propose_until": propose_until,
        "decide_until": decide_until,
    }
    _check_dates(dates, year, on)
    # Lock the organization so that two boards cannot open overlapping cycles at once.
    Organization.objects.select_for_update().filter(pk=organization.pk).first()
    clash = overlapping_cycles(organization.path, year).select_related("organization").first()
    if clash is not None:
        raise ValidationError(
            _("A %(year)s cycle already covers this subtree (opened by %(org)s).")
            % {"year": year, "org": clash.organization.name},
            code="overlap",
        )
    ref = rules.rule_date(year, on)
    profile, values = rules.values_for(ref)
    cycle = EvaluationCycle.objects.create(
        organization=organization,
        year=year,
        title=title.strip()[:255],
        uses_points=rules.scored_year(year, values),
        rule_profile=profile,
        recorded_by=user,
        **dates,
    )
    _create_rows(cycle, organization, ref, user)
    return cycle


def _create_rows(cycle: EvaluationCycle, root: Organization, ref: dt.date, user) -> None:
    orgs = list(
        Organization.objects.filter(subtree_q("path", root.path), dissolved_on__isnull=True)
        .order_by("path")
        .values_list("pk", "path", "kind")
    )
    by_path = {path: (pk, kind) for pk, path, kind in orgs}

    def grassroots_for(path: str) -> int | None:
        for prefix in reversed(ancestor_paths(path)):
            found = by_path.get(prefix)
            if found and found[1] in GRASSROOTS_KINDS:
                return found[0]
            if len(prefix) <= len(root.path):
                break
        return None

    org_rows = []
    for pk, path, kind in orgs:
        if kind in GRASSROOTS_KINDS or kind in BRANCH_KINDS:
            org_rows.append(
                OrganizationEvaluation(
                    cycle=cycle,
                    organization_id=pk,
                    year=cycle.year,
                    org_path=path,
                    level="grassroots" if kind in GRASSROOTS_KINDS else "branch",
                    framework=Framework.COLLECTIVE,
                    rule_profile=cycle.rule_profile,
                )
            )
    OrganizationEvaluation.objects.bulk_create(org_rows, batch_size=BATCH)

    in_subtree = subtree_q("org_path", root.path)
    members = Member.objects.filter(in_subtree).active()
    seated = set(
        CommitteeSeat.objects.filter(active_on_q(ref), member__in=members).values_list(
            "member_id", flat=True
        )
    )
    posted = set(
        MemberPost.objects.filter(active_on_q(ref), member__in=members).values_list(
            "member_id", flat=True
        )
    )
    exempt_reason = _("Exempted from party work since %(date)s (R4.8)")
    rows = []
    for pk, org_id, path, status, occupation, exempt_since in members.values_list(
        "pk", "organization_id", "org_path", "status", "occupation", "exempt_since"
    ).order_by("org_path", "sort_key"):
        grassroots_id = grassroots_for(path)
        if grassroots_id is None:
            continue  # not under a grassroots organization: nobody could decide the row
        excluded = exempt_since is not None and exempt_since <= ref
        rows.append(
            MemberEvaluation(
                cycle=cycle,
                member_id=pk,
                organization_id=org_id,
                grassroots_id=grassroots_id,
                year=cycle.year,
                org_path=path,
                framework=rules.framework_for(
                    occupation=occupation, holds_post=pk in seated or pk in posted
                ),
                probationary=status == Status.PROBATIONARY,
                excluded=excluded,
                excluded_reason=(
                    exempt_reason % {"date": exempt_since.strftime("%d/%m/%Y")} if excluded else ""
                ),
                rule_profile=cycle.rule_profile,
            )
        )
    MemberEvaluation.objects.bulk_create(rows, batch_size=BATCH)
    excluded_rows = MemberEvaluation.objects.filter(cycle=cycle, excluded=True).only(
        "pk", "org_path", "excluded_reason"
    )
    EvaluationRecord.objects.bulk_create(
        [record(row, Action.EXCLUDED, user, reason=row.excluded_reason) for row in excluded_rows],
        batch_size=BATCH,
    )


@transaction.atomic
def close_cycle(*, user, cycle: EvaluationCycle) -> EvaluationCycle:
    """The board that opened a cycle closes it: no step can be taken afterwards."""
    refusal = close_refusal(user, cycle)
    if refusal:
        raise PermissionDenied(refusal)
    cycle = EvaluationCycle.objects.select_for_update().get(pk=cycle.pk)
    if not cycle_allows(cycle, CLOSE_CYCLE):
        require_cycle_open(cycle)  # says why: "This evaluation cycle is closed."
    cycle.status = CYCLE_TRANSITIONS[CLOSE_CYCLE][1]
    cycle.save()
    return cycle
