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
    """One row of a list page with its checks for the level it stands at (`suggested`: the
    level shown, rules.projected) and the committee's draft (`draft`: the select's value)."""

    evaluation: Any
    check: rules.Check
    suggested: str
    blockers: list[str] = field(default_factory=list)
    draft: str = ""

    @property
    def options(self) -> list[tuple[str, str, bool]]:
        """The four levels; those above the row's cap are marked (R4.4/R4.6/R4.8)."""
        cap = self.check.cap
        return [
            (value, label, bool(cap) and RATING_RANK[Rating(value)] > RATING_RANK[Rating(cap)])
            for value, label in Rating.choices
        ]

    @property
    def is_open(self) -> bool:
        return self.evaluation.step != DECIDED and not getattr(self.evaluation, "excluded", False)


def line(row, check: rules.Check, posted: str | None) -> Line:
    """A row with the level it stands at (decided, posted back, drafted or proposed:
    rules.projected), its blockers for that level and the draft shown in its select."""
    shown = rules.projected(row, posted)
    blockers = [] if row.step == DECIDED else check.blockers(shown)
    draft = "" if row.step == DECIDED else (posted if posted is not None else row.draft_rating)
    return Line(row, check, shown, blockers, draft if draft in Rating.values else "")


@dataclass
class Group:
    """A branch of the decision page: its own row (None for members directly under the
    grassroots organization) and its members, with the counts its header shows."""

    organization: Any
    branch_line: Line | None
    member_lines: list[Line] = field(default_factory=list)

    @property
    def lines(self) -> list[Line]:
        return ([self.branch_line] if self.branch_line else []) + self.member_lines

    @property
    def blocker_count(self) -> int:
        return sum(len(x.blockers) for x in self.lines)

    @property
    def open_count(self) -> int:
        return sum(1 for x in self.lines if x.is_open)

    @property
    def drafted_count(self) -> int:
        return sum(1 for x in self.lines if x.is_open and x.draft)

    @property
    def decided_count(self) -> int:
        return sum(1 for x in self.lines if x.evaluation.step == DECIDED)

    @property
    def proposals_left(self) -> int:
        """Open rows without a draft whose proposal one click would accept."""
        return sum(1 for x in self.lines if x.is_open and not x.draft and x.suggested)


def _groups(grassroots, branch_lines: list[Line], member_lines: list[Line]) -> list[Group]:
    groups: dict[int, Group] = {}
    for x in branch_lines:
        org = x.evaluation.organization
        groups[org.pk] = Group(org, x)
    for x in member_lines:
        org = x.evaluation.organization
        group = groups.get(org.pk)
        if group is None:
            group = groups[org.pk] = Group(org, None)
        group.member_lines.append(x)
    return sorted(groups.values(), key=lambda g: g.organization.path)


def decision_list(
    cycle: EvaluationCycle,
    grassroots,
    posted: dict[str, str] | None = None,
    on: dt.date | None = None,
) -> dict[str, Any]:
    """The grassroots committee's list (members and branches, grouped by branch) with every
    check of §4 and the R4.5 quota counted live over the whole organization: decided, drafted
    and proposed levels (rules.projected); `posted`: the levels a refused form sent back."""
    on = on or timezone.localdate()
    _profile, values = rules.cycle_values(cycle, on)
    branches = branch_rows(cycle, grassroots)
    members = grassroots_member_rows(cycle, grassroots)
    posted = posted or {}
    org_checks = rules.organization_checks(cycle, branches, on, values)
    branch_lines = [line(b, org_checks[b.pk], posted.get(f"o{b.pk}")) for b in branches]
    # R4.6 compares each secretary with the level their collective stands at now.
    ratings = {x.evaluation.organization_id: x.suggested for x in branch_lines if x.suggested}
    member_checks = rules.member_checks(cycle, members, on, values, ratings)
    member_lines = [line(m, member_checks[m.pk], posted.get(f"m{m.pk}")) for m in members]
    quota = rules.quota_after(
        cycle, grassroots.pk, (x.suggested for x in member_lines if x.is_open), values
    )
    every = branch_lines + member_lines
    open_lines = [x for x in every if x.is_open]
    return {
        "cycle": cycle,
        "grassroots": grassroots,
        "branch_lines": branch_lines,
        "member_lines": member_lines,
        "groups": _groups(grassroots, branch_lines, member_lines),
        "quota": quota,
        "quota_message": rules.quota_message(quota, grassroots.name),
        "blocker_count": sum(len(x.blockers) for x in every) + (0 if quota.ok else 1),
        "warning_count": sum(len(x.check.warnings) for x in every if x.suggested),
        "totals": {
            "open": len(open_lines),
            "drafted": sum(1 for x in open_lines if x.draft),
            "decided": sum(1 for x in every if x.evaluation.step == DECIDED),
            "proposals_left": sum(1 for x in open_lines if not x.draft and x.suggested),
        },
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
