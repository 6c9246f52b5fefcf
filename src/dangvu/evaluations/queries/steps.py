"""Read paths of the evaluation steps' pages (R4.7): a user's cycles and rows, a cycle's
progress, one row's page, the branch's and the committees' lists. Every read of the pages is
here, through the user's scope where the page shows rows of a subtree."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Length, Substr

from dangvu.core.scope import subtree_q
from dangvu.organizations.choices import BRANCH_KINDS, GRASSROOTS_KINDS
from dangvu.organizations.models import Organization

from .. import rules
from ..choices import CycleStatus, EvaluationStep, Framework
from ..models import EvaluationCycle, MemberEvaluation, OrganizationEvaluation
from ..services.base import OPENING_KINDS

DECIDED = EvaluationStep.DECIDED


# ---- the index and a cycle ------------------------------------------------------------------


def index_page(user, cycles: list[EvaluationCycle]) -> dict:
    """The index: the user's own evaluations, their organization's rows in the open cycles,
    and which lists their organization's kind works on."""
    org = user.organization if user.organization_id else None
    return {
        "cycles": cycles,
        "mine": own_rows(user),
        "acting": acting_rows(user, cycles),
        "org": org,
        "is_branch": org is not None and org.kind in BRANCH_KINDS,
        "is_grassroots": org is not None and org.kind in GRASSROOTS_KINDS,
        "is_direct": org is not None and org.kind in OPENING_KINDS,
    }


def cycle_page(user, cycle: EvaluationCycle) -> dict:
    """A cycle's progress over the user's visible rows, by level and by child organization."""
    return {
        "cycle": cycle,
        "totals": cycle_totals(user, cycle),
        "org_totals": cycle_organization_totals(user, cycle),
        "children": rollup(user, cycle),
        "mine": own_row(cycle, user),
    }


def own_rows(user, limit: int = 10) -> list[MemberEvaluation]:
    """The user's own evaluations, newest first (none for an account without a member)."""
    if not user.member_id:
        return []
    return list(
        MemberEvaluation.objects.filter(member_id=user.member_id)
        .select_related("cycle", "organization")
        .order_by("-year", "-id")[:limit]
    )


def own_row(cycle: EvaluationCycle, user) -> MemberEvaluation | None:
    if not user.member_id:
        return None
    return MemberEvaluation.objects.filter(cycle=cycle, member_id=user.member_id).first()


def acting_rows(user, cycles: list[EvaluationCycle]) -> list[OrganizationEvaluation]:
    """The rows of the user's own organization in the open cycles (where a committee acts)."""
    if not (user.organization_id and user.is_editor):
        return []
    open_ids = [c.pk for c in cycles if c.status == CycleStatus.OPEN]
    return list(
        OrganizationEvaluation.objects.filter(
            cycle_id__in=open_ids, organization_id=user.organization_id
        ).select_related("cycle", "organization")
    )


def _progress_counts(done: Q | None = None) -> dict[str, Count]:
    self_done = Q(self_at__isnull=False, excluded=False)
    return {
        "total": Count("pk", filter=Q(excluded=False)),
        "not_rated": Count("pk", filter=Q(excluded=True)),
        "self_done": Count("pk", filter=self_done if done is None else done & self_done),
        "proposed": Count("pk", filter=Q(proposed_at__isnull=False, excluded=False)),
        "decided": Count("pk", filter=Q(step=DECIDED, excluded=False)),
    }


def cycle_totals(user, cycle: EvaluationCycle) -> dict[str, int]:
    """Where the cycle stands over the user's visible member rows."""
    return (
        MemberEvaluation.objects.visible_to(user)
        .filter(cycle=cycle)
        .aggregate(**_progress_counts())
    )


def cycle_organization_totals(user, cycle: EvaluationCycle) -> list[dict]:
    """Self-assessed and decided collectives per level (branches, grassroots)."""
    return list(
        OrganizationEvaluation.objects.visible_to(user)
        .filter(cycle=cycle)
        .values("level")
        .annotate(
            total=Count("pk"),
            self_done=Count("pk", filter=Q(self_at__isnull=False)),
            decided=Count("pk", filter=Q(step=DECIDED)),
        )
        .order_by("level")
    )


def rollup(user, cycle: EvaluationCycle) -> list[dict]:
    """Progress per organization one level below the user's (or the cycle's) node, counted in
    SQL over the user's visible rows."""
    if user.is_plain_member:
        return []
    base = cycle.org_path
    if user.organization_id and len(user.organization.path) > len(base):
        base = user.organization.path
    n = len(base) + Organization.steplen
    groups = (
        MemberEvaluation.objects.visible_to(user)
        .filter(cycle=cycle)
        .annotate(child=Substr("org_path", 1, n))
        .values("child")
        .annotate(**_progress_counts(done=~Q(step=EvaluationStep.PENDING)))
        .order_by("child")
    )
    rows = list(groups)
    orgs = {
        o.path: o
        for o in Organization.objects.filter(path__in=[r["child"] for r in rows]).only(
            "pk", "name", "path", "kind"
        )
    }
    evaluations = dict(
        OrganizationEvaluation.objects.filter(
            cycle=cycle, organization__in=list(orgs.values())
        ).values_list("organization__path", "pk")
    )
    for row in rows:
        row["organization"] = orgs.get(row["child"])
        row["evaluation_id"] = evaluations.get(row["child"])
    return rows


# ---- one row ---------------------------------------------------------------------------------


def organization_row_id(cycle: EvaluationCycle, organization_id: int) -> int | None:
    """The pk of an organization's evaluation in the cycle (its list pages hang on it)."""
    return (
        OrganizationEvaluation.objects.filter(cycle=cycle, organization_id=organization_id)
        .values_list("pk", flat=True)
        .first()
    )


def records(row) -> QuerySet:
    """The row's history of steps (EvaluationRecord)."""
    return row.records.select_related("recorded_by")


def criteria_rows(evaluation) -> list[dict]:
    """R4.3: the framework's criteria with the points the self-assessment gave."""
    if not evaluation.self_scores:
        return []
    return [
        {
            "label": c.label,
            "part": c.part,
            "max": c.max_points,
            "points": evaluation.self_scores.get(c.key),
        }
        for c in rules.CRITERIA[Framework(evaluation.framework)]
    ]


def condition_rows(evaluation) -> list[dict]:
    """R4.3: the conditions the self-assessment answered, met or not."""
    return [
        {"label": rules.CONDITIONS[key], "met": bool(evaluation.self_scores.get(f"cond.{key}"))}
        for key in rules.conditions_for(evaluation.framework)
        if f"cond.{key}" in (evaluation.self_scores or {})
    ]


def row_page(row) -> dict:
    """What a row's page shows besides the buttons: its scores, conditions and history."""
    return {
        "evaluation": row,
        "cycle": row.cycle,
        "criteria": criteria_rows(row),
        "conditions": condition_rows(row),
        "records": records(row),
    }


def ratings_by_year(user, member=None, organization=None) -> list:
    """The levels of a member or an organization by year (the card on their pages), through
    the viewer's scope."""
    if member is not None:
        rows = MemberEvaluation.objects.visible_to(user).filter(member=member)
    elif organization is not None:
        rows = OrganizationEvaluation.objects.visible_to(user).filter(organization=organization)
    else:
        return []
    return list(rows.select_related("cycle").order_by("-year", "-id")[:20])


# ---- the lists -------------------------------------------------------------------------------


def branch_rows(cycle: EvaluationCycle, grassroots: Organization) -> list[OrganizationEvaluation]:
    """The branches a grassroots committee decides, in tree order."""
    return list(
        OrganizationEvaluation.objects.filter(cycle=cycle, level="branch")
        .filter(subtree_q("org_path", grassroots.path))
        .select_related("organization")
        .order_by("org_path")
    )


def grassroots_member_rows(cycle: EvaluationCycle, grassroots: Organization) -> list:
    """The members a grassroots committee decides, branch by branch."""
    return list(
        MemberEvaluation.objects.filter(cycle=cycle, grassroots=grassroots)
        .select_related("member", "organization")
        .order_by("org_path", "member__sort_key")
    )


def branch_member_rows(cycle: EvaluationCycle, branch: Organization) -> list[MemberEvaluation]:
    """The members a branch proposes."""
    return list(
        MemberEvaluation.objects.filter(cycle=cycle, organization=branch)
        .select_related("member")
        .order_by("member__sort_key")
    )


def grassroots_rows_below(cycle: EvaluationCycle, organization) -> list[OrganizationEvaluation]:
    """The grassroots organizations directly below `organization` (a direct-level committee
    decides them, HD 43)."""
    if organization is None:
        return []
    path = organization.path
    return list(
        OrganizationEvaluation.objects.filter(cycle=cycle, level="grassroots")
        .filter(subtree_q("org_path", path))
        .annotate(n=Length("org_path"))
        .filter(n=len(path) + Organization.steplen)
        .select_related("organization")
        .order_by("org_path")
    )


def open_member_ids(cycle: EvaluationCycle, **where) -> set[int]:
    """Rated member rows not decided yet (`where`: grassroots= or organization=)."""
    return set(
        MemberEvaluation.objects.filter(cycle=cycle, excluded=False, **where)
        .exclude(step=DECIDED)
        .values_list("pk", flat=True)
    )


def open_branch_ids(cycle: EvaluationCycle, grassroots: Organization) -> set[int]:
    """Branch rows under a grassroots organization not decided yet."""
    return set(
        OrganizationEvaluation.objects.filter(cycle=cycle, level="branch")
        .filter(subtree_q("org_path", grassroots.path))
        .exclude(step=DECIDED)
        .values_list("pk", flat=True)
    )
