"""Read paths of the evaluation results (issue 5, rules.md §4): counts per level in SQL.

Definitions used everywhere (pages, exports, the reports dashboard):
- a figure counts only DECIDED rows (R4.7 step 3: the competent level's decision), of the
  cycle year, whose placement (`org_path`) is in the subtree;
- `total` is the number of decided, rated rows; shares are computed against that decided
  total, never against the membership or the rows still in progress;
- `excluded` counts members not rated that year (R4.8: exempted or suspended), whatever
  their step; they are never part of `total`. Organizations are never excluded (0).
Every query is a GROUP BY over equalities on (year, step, excluded | level, rating) and a range
on org_path: an index on those columns in that order answers it from the index alone (the
(year, org_path) index alone also serves it, reading the rows).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Substr
from django.utils import timezone

from dangvu.core.scope import subtree_q

from ..choices import EvaluationStep, Rating
from ..models import MemberEvaluation, OrganizationEvaluation

MEMBERS, BRANCHES, GRASSROOTS = "members", "branches", "grassroots"
LEVELS = (MEMBERS, BRANCHES, GRASSROOTS)
# OrganizationEvaluation.level values behind the two collective groups.
ORG_LEVEL = {BRANCHES: "branch", GRASSROOTS: "grassroots"}
GROUP_OF_LEVEL = {level: group for group, level in ORG_LEVEL.items()}
EXCLUDED = "excluded"  # the drill-down "rating" of members not rated (R4.8)
DECIDED = EvaluationStep.DECIDED


def _empty() -> dict[str, int]:
    return {**{rating: 0 for rating in Rating.values}, "total": 0, EXCLUDED: 0}


def _groups() -> dict[str, dict[str, int]]:
    return {MEMBERS: _empty(), BRANCHES: _empty(), GRASSROOTS: _empty()}


# Every filter is an equality or IN on (year, step, excluded|level, rating) and a range on
# org_path last: the shape an index on those columns in that order answers without reading
# the table (see the report of issue 5 for the index).
def decided_members(path: str, years: list[int]) -> QuerySet:
    return MemberEvaluation.objects.filter(
        subtree_q("org_path", path),
        year__in=years,
        step=DECIDED,
        excluded__in=[False],  # `IN (0)`: SQLite's `NOT excluded` would not use an index
        rating__in=Rating.values,
    )


def excluded_members(path: str, years: list[int]) -> QuerySet:
    # R4.8: not rated whatever their step and level; listing every step and level (all the
    # values the columns take) lets an index on (year, step, excluded, rating, org_path) seek.
    return MemberEvaluation.objects.filter(
        subtree_q("org_path", path),
        year__in=years,
        step__in=EvaluationStep.values,
        excluded__in=[True],
        rating__in=[*Rating.values, ""],
    )


def decided_organizations(path: str, years: list[int]) -> QuerySet:
    return OrganizationEvaluation.objects.filter(
        subtree_q("org_path", path),
        year__in=years,
        step=DECIDED,
        level__in=list(ORG_LEVEL.values()),
        rating__in=Rating.values,
    )


def known_on(queryset: QuerySet, on: dt.date | None) -> QuerySet:
    """The rows as they stood at the end of `on` (a past report date): decided by then, and
    for members not rated, in a cycle already open. None or today: no filter (the indexes'
    fast path). A level reopened and decided again later counts from its new decision."""
    if on is None or on >= timezone.localdate():
        return queryset
    end = timezone.make_aware(dt.datetime.combine(on + dt.timedelta(days=1), dt.time.min))
    if queryset.model is MemberEvaluation:
        return queryset.filter(
            Q(excluded=True, cycle__self_from__lte=on) | Q(excluded=False, decided_at__lt=end)
        )
    return queryset.filter(decided_at__lt=end)


def _by_rating() -> dict[str, Count]:
    return {r: Count("id", filter=Q(rating=r)) for r in Rating.values}


def _fill(counts: dict[str, int], row: dict[str, Any]) -> None:
    for rating in Rating.values:
        counts[rating] = row[rating]
    counts["total"] = sum(counts[r] for r in Rating.values)


def rating_counts_by_year(
    path: str, years: list[int], on: dt.date | None = None
) -> dict[int, dict[str, dict[str, int]]]:
    """`rating_counts` for several years at once (year-on-year comparison): three queries
    grouped by year whatever the number of years. `on`: as known at the end of that date."""
    result = {year: _groups() for year in years}
    if not years:
        return result
    members = known_on(decided_members(path, years), on)
    for row in members.values("year").annotate(**_by_rating()).order_by():
        _fill(result[row["year"]][MEMBERS], row)
    excluded = known_on(excluded_members(path, years), on)
    for row in excluded.values("year").annotate(n=Count("id")).order_by():
        result[row["year"]][MEMBERS][EXCLUDED] = row["n"]
    for row in (
        known_on(decided_organizations(path, years), on)
        .values("year", "level")
        .annotate(**_by_rating())
        .order_by()
    ):
        _fill(result[row["year"]][GROUP_OF_LEVEL[row["level"]]], row)
    return result


def rating_counts(path: str, year: int, on: dt.date | None = None) -> dict[str, dict[str, int]]:
    """{"members": {rating: n, …, "total": n, "excluded": n}, "branches": {…},
    "grassroots": {…}} over the DECIDED rows of `year` in the subtree at `path` (`on`: only
    those decided by the end of that date, see `known_on`).

    `total` = decided rated rows; shares (see `shares`) are against that decided total.
    Three queries (members by rating, members not rated, organizations by level and
    rating)."""
    return rating_counts_by_year(path, [year], on)[year]


def rating_counts_by_child(
    path: str, year: int, child_paths: list[str]
) -> dict[str, dict[str, dict[str, int]]]:
    """`rating_counts` per child organization (children are one level below `path`, so each
    child's subtree is the rows whose path starts with the child's path: GROUP BY that
    prefix). Rows placed on `path` itself (the organization's own evaluation) are in none."""
    result = {p: _groups() for p in child_paths}
    if not child_paths:
        return result
    prefix = Substr("org_path", 1, len(child_paths[0]))
    members = decided_members(path, [year]).annotate(prefix=prefix).values("prefix")
    for row in members.annotate(**_by_rating()).order_by():
        if row["prefix"] in result:
            _fill(result[row["prefix"]][MEMBERS], row)
    excluded = excluded_members(path, [year]).annotate(prefix=prefix).values("prefix")
    for row in excluded.annotate(n=Count("id")).order_by():
        if row["prefix"] in result:
            result[row["prefix"]][MEMBERS][EXCLUDED] = row["n"]
    organizations = (
        decided_organizations(path, [year]).annotate(prefix=prefix).values("prefix", "level")
    )
    for row in organizations.annotate(**_by_rating()).order_by():
        if row["prefix"] in result:
            _fill(result[row["prefix"]][GROUP_OF_LEVEL[row["level"]]], row)
    return result


def year_results(
    path: str, year: int, previous: list[int], child_paths: list[str], members_in_children: bool
) -> tuple[dict[int, dict[str, dict[str, int]]], dict[str, dict[str, dict[str, int]]]]:
    """The results page in as few passes over the members as possible: (counts by year for
    `previous` + `year`, counts by child for `year`). When every member row of the subtree
    lies in a child (the organization is not a branch itself), the year's member counts are
    the sum of the children's, saving one pass over the year's rows."""
    by_child = rating_counts_by_child(path, year, child_paths)
    if not (members_in_children and child_paths):
        return rating_counts_by_year(path, [*previous, year]), by_child
    history = rating_counts_by_year(path, previous)
    current = _groups()
    for row in (
        decided_organizations(path, [year]).values("level").annotate(**_by_rating()).order_by()
    ):
        _fill(current[GROUP_OF_LEVEL[row["level"]]], row)
    members = current[MEMBERS]
    for groups in by_child.values():
        for key, value in groups[MEMBERS].items():
            members[key] += value
    history[year] = current
    return history, by_child


def shares(counts: dict[str, int]) -> dict[str, float | None]:
    """Percentages (0–100) of each rating against the decided total (None when nothing is
    decided)."""
    total = counts.get("total") or 0
    return {r: (counts.get(r, 0) * 100 / total if total else None) for r in Rating.values}


def progress(path: str, year: int) -> dict[str, int]:
    """Where the year's member evaluations stand (an open cycle): rated members per step,
    members not rated apart."""
    rows = (
        MemberEvaluation.objects.filter(
            subtree_q("org_path", path),
            year=year,
            step__in=EvaluationStep.values,
            excluded__in=[False],
            rating__in=[*Rating.values, ""],
        )
        .values("step")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = {step: 0 for step in EvaluationStep.values}
    for row in rows:
        counts[row["step"]] = row["n"]
    counts["all"] = sum(counts.values())
    return counts


def rating_lists(
    path: str,
    year: int,
    level: str = MEMBERS,
    rating: str | None = None,
    *,
    user=None,
) -> QuerySet:
    """The rows behind a figure of `rating_counts` (drill-down and exports): decided rows of
    `level` with `rating` (None: every decided rated row; "excluded": members not rated), in
    the subtree at `path` and, when `user` is given, in their scope."""
    base = MemberEvaluation.objects if level == MEMBERS else OrganizationEvaluation.objects
    if level not in LEVELS:
        raise ValueError(level)
    queryset = base.visible_to(user) if user is not None else base.all()
    if level == MEMBERS:
        if rating == EXCLUDED:
            queryset = queryset & excluded_members(path, [year])
        else:
            queryset = queryset & decided_members(path, [year])
            if rating:
                queryset = queryset.filter(rating=rating)
        return queryset.select_related("member", "organization", "grassroots").order_by(
            "org_path", "member__sort_key", "id"
        )
    if rating == EXCLUDED:
        return queryset.none()
    queryset = queryset & decided_organizations(path, [year]).filter(level=ORG_LEVEL[level])
    if rating:
        queryset = queryset.filter(rating=rating)
    return queryset.select_related("organization").order_by("org_path", "id")
