"""The list pages of R4.7 with their pre-checks: the grassroots committee's list (its members
and branches) and the direct-level committee's list of grassroots organizations. Each row
carries the checks of the level shown in its select (rules/precheck.py), so the page lists
exactly what the decision service would refuse."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from .. import rules
from ..choices import RATING_RANK, EvaluationStep, Rating
from ..models import EvaluationCycle
from .steps import (
    branch_member_rows,
    branch_rows,
    grassroots_member_rows,
    grassroots_rows_below,
)

DECIDED = EvaluationStep.DECIDED


@dataclass
class Line:
    """One row of a list page with its checks for the level shown in its select."""

    evaluation: Any
    check: rules.Check
    suggested: str
    blockers: list[str] = field(default_factory=list)

    @property
    def options(self) -> list[tuple[str, str, bool]]:
        """The four levels; those above the row's cap are marked (R4.4/R4.6/R4.8)."""
        cap = self.check.cap
        return [
            (value, label, bool(cap) and RATING_RANK[Rating(value)] > RATING_RANK[Rating(cap)])
            for value, label in Rating.choices
        ]


def suggested(row) -> str:
    """The level a list proposes for a row: the branch's proposal, else the self-assessment."""
    return row.proposed_rating or row.self_rating or ""


def line(row, check: rules.Check, posted: str | None) -> Line:
    """A row with the level shown (decided, posted back, or suggested) and its blockers."""
    if row.step == DECIDED:
        shown = row.rating
    elif getattr(row, "excluded", False):
        shown = ""
    else:
        shown = posted if posted is not None else suggested(row)
        shown = shown if shown in Rating.values else ""
    blockers = [] if row.step == DECIDED else check.blockers(shown)
    return Line(row, check, shown, blockers)


def decision_list(
    cycle: EvaluationCycle,
    grassroots,
    posted: dict[str, str] | None = None,
    on: dt.date | None = None,
) -> dict[str, Any]:
    """The grassroots committee's list (members and branches) with every check of §4 and the
    R4.5 quota counting the levels shown; `posted`: the levels a refused form sent back."""
    on = on or timezone.localdate()
    _profile, values = rules.cycle_values(cycle, on)
    branches = branch_rows(cycle, grassroots)
    members = grassroots_member_rows(cycle, grassroots)
    posted = posted or {}
    org_checks = rules.organization_checks(cycle, branches, on, values)
    ratings = {}
    for b in branches:
        ratings[b.organization_id] = (
            b.rating if b.step == DECIDED else posted.get(f"o{b.pk}", "")
        ) or None
    member_checks = rules.member_checks(
        cycle, members, on, values, {k: v for k, v in ratings.items() if v}
    )
    branch_lines = [line(b, org_checks[b.pk], posted.get(f"o{b.pk}")) for b in branches]
    member_lines = [line(m, member_checks[m.pk], posted.get(f"m{m.pk}")) for m in members]
    quota = rules.quota_after(
        cycle,
        grassroots.pk,
        (
            x.suggested
            for x in member_lines
            if x.evaluation.step != DECIDED and not x.evaluation.excluded
        ),
        values,
    )
    every = branch_lines + member_lines
    return {
        "cycle": cycle,
        "grassroots": grassroots,
        "branch_lines": branch_lines,
        "member_lines": member_lines,
        "quota": quota,
        "blocker_count": sum(len(x.blockers) for x in every) + (0 if quota.ok else 1),
        "warning_count": sum(len(x.check.warnings) for x in every if x.suggested),
    }


def grassroots_lines(
    cycle: EvaluationCycle, organization, posted: dict[str, str], on: dt.date | None = None
) -> list[Line]:
    """The direct-level committee's list: its grassroots organizations with their checks."""
    on = on or timezone.localdate()
    _profile, values = rules.cycle_values(cycle, on)
    rows = grassroots_rows_below(cycle, organization)
    found = rules.organization_checks(cycle, rows, on, values)
    return [line(r, found[r.pk], posted.get(f"o{r.pk}")) for r in rows]


def proposal_rows(cycle: EvaluationCycle, branch, posted: dict[str, str]) -> list:
    """The branch's members with the level shown in each select (posted back, else the
    proposal or the self-assessment)."""
    rows = branch_member_rows(cycle, branch)
    for row in rows:
        row.suggested = posted.get(f"m{row.pk}", row.proposed_rating or row.self_rating)
    return rows
