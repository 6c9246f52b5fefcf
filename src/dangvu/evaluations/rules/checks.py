"""Work-list checks of the annual evaluation (R4.7, R4.9): who is late at each step.

The rules themselves are functions in regulations.py; the checks made at decision time are in
precheck.py.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core import worklist

from ..choices import CycleStatus, EvaluationStep
from ..models import EvaluationCycle, MemberEvaluation, OrganizationEvaluation

LIMIT = 500  # a province-wide list is a summary, not a register


def _open_rows(ctx: worklist.Context, **cycle_dates):
    """The visible member rows of the open cycles matching `cycle_dates`; filtered by year
    too, so that the (year, org_path) index narrows the subtree instead of a full scan."""
    cycles = list(
        EvaluationCycle.objects.filter(status=CycleStatus.OPEN, **cycle_dates).values_list(
            "pk", "year"
        )
    )
    if not cycles:
        return MemberEvaluation.objects.none()
    return ctx.visible(MemberEvaluation).filter(
        cycle_id__in=[pk for pk, _year in cycles],
        year__in={year for _pk, year in cycles},
        excluded=False,
    )


@worklist.register(
    "evaluations.self_missing", gettext_lazy("Members who have not self-assessed"), rule="R4.7"
)
def self_missing(ctx: worklist.Context) -> Iterable[worklist.WorkItem]:
    """R4.7 step 1: a member still pending. A member sees their own row while the
    self-assessment is open; committees see the members late after `self_until`."""
    dates = {"self_from__lte": ctx.on}
    if not ctx.user.is_plain_member:
        dates["self_until__lt"] = ctx.on
    rows = _open_rows(ctx, **dates).filter(step=EvaluationStep.PENDING)
    fields = ("pk", "member_id", "member__full_name", "organization__name", "cycle__self_until")
    base = reverse("evaluations:member", args=[0])[: -len("0/")]
    own = ctx.user.member_id
    for pk, member_id, name, branch, due in rows.order_by(
        "cycle__self_until", "org_path"
    ).values_list(*fields)[:LIMIT]:
        # Only the member fills in the form; a committee opens the member's evaluation page
        # (the form would answer 403 to them).
        yield worklist.WorkItem(
            check="evaluations.self_missing",
            title=_("Self-assessment not done"),
            url=f"{base}{pk}/self/" if member_id == own else f"{base}{pk}/",
            organization=branch,
            subject=name,
            due_on=due,
            rule="R4.7",
        )


def _org_evaluation(level_field: str) -> Subquery:
    return Subquery(
        OrganizationEvaluation.objects.filter(
            cycle=OuterRef("cycle"), organization=OuterRef(level_field)
        ).values("pk")[:1]
    )


@worklist.register(
    "evaluations.self_pending",
    gettext_lazy("Members to remind before the self-assessment deadline"),
    rule="R4.7",
)
def self_pending(ctx: worklist.Context) -> Iterable[worklist.WorkItem]:
    """R4.7 step 1, ahead of time: while the self-assessment of an open cycle is open, each
    branch with members who have not self-assessed yet, due on `self_until` (once it has
    passed, `self_missing` names each late member)."""
    if ctx.user.is_plain_member:
        return  # a member is reminded of their own row by `self_missing`
    groups = (
        _open_rows(ctx, self_from__lte=ctx.on, self_until__gte=ctx.on)
        .filter(step=EvaluationStep.PENDING)
        .values("cycle", "organization", "organization__name", "cycle__self_until")
        .annotate(n=Count("pk"), target=_org_evaluation("organization"))
        .order_by("cycle__self_until", "organization__path")
    )
    for group in groups[:LIMIT]:
        if group["target"] is None:
            continue
        yield worklist.WorkItem(
            check="evaluations.self_pending",
            title=_("%(count)s members have not self-assessed yet (deadline %(date)s)")
            % {"count": group["n"], "date": f"{group['cycle__self_until']:%d/%m/%Y}"},
            url=reverse("evaluations:propose", args=[group["target"]]),
            organization=group["organization__name"],
            due_on=group["cycle__self_until"],
            rule="R4.7",
        )


@worklist.register(
    "evaluations.proposal_missing",
    gettext_lazy("Branches with members not proposed"),
    rule="R4.7",
)
def proposal_missing(ctx: worklist.Context) -> Iterable[worklist.WorkItem]:
    """R4.7 step 2: after `propose_until`, each branch with members still without a proposal."""
    groups = (
        _open_rows(ctx, propose_until__lt=ctx.on)
        .filter(step__in=(EvaluationStep.PENDING, EvaluationStep.SELF))
        .values("cycle", "organization", "organization__name", "cycle__propose_until")
        .annotate(n=Count("pk"), target=_org_evaluation("organization"))
        .order_by("cycle__propose_until", "organization__path")
    )
    for group in groups[:LIMIT]:
        if group["target"] is None:
            continue
        yield worklist.WorkItem(
            check="evaluations.proposal_missing",
            title=_("%(count)s members without a proposed level") % {"count": group["n"]},
            url=reverse("evaluations:propose", args=[group["target"]]),
            organization=group["organization__name"],
            due_on=group["cycle__propose_until"],
            rule="R4.7",
        )


@worklist.register(
    "evaluations.decision_missing",
    gettext_lazy("Grassroots organizations with undecided levels"),
    rule="R4.7",
)
def decision_missing(ctx: worklist.Context) -> Iterable[worklist.WorkItem]:
    """R4.7 step 3: after `decide_until`, each grassroots organization with member rows still
    undecided."""
    groups = (
        _open_rows(ctx, decide_until__lt=ctx.on)
        .exclude(step=EvaluationStep.DECIDED)
        .values("cycle", "grassroots", "grassroots__name", "cycle__decide_until")
        .annotate(n=Count("pk"), target=_org_evaluation("grassroots"))
        .order_by("cycle__decide_until", "grassroots__path")
    )
    for group in groups[:LIMIT]:
        if group["target"] is None:
            continue
        yield worklist.WorkItem(
            check="evaluations.decision_missing",
            title=_("%(count)s members without a decided level") % {"count": group["n"]},
            url=reverse("evaluations:decisions", args=[group["target"]]),
            organization=group["grassroots__name"],
            due_on=group["cycle__decide_until"],
            rule="R4.7",
        )
