"""Evaluation results of the report's year (R4.2 levels), read through the evaluations app's
own definitions (`evaluations.queries.rating_counts`: decided rows only, shares against the
decided total). Evaluations are placed by today's tree (their `org_path`); a past report
date counts only the levels decided by then (a report of 01/01/2025 shows no 2025 level)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from dangvu.core.scope import subtree_q
from dangvu.evaluations.choices import EvaluationStep, Rating
from dangvu.evaluations.models import MemberEvaluation, OrganizationEvaluation
from dangvu.evaluations.queries import known_on, rating_counts
from dangvu.members.models import Member
from dangvu.organizations.models import Organization

from .base import Figure, Section, drill
from .scope import Scope

# The groups of `rating_counts` (the contract with the evaluations app).
MEMBERS, BRANCHES, GRASSROOTS = "members", "branches", "grassroots"
DECIDED = EvaluationStep.DECIDED

GROUP_LABELS = {
    MEMBERS: _("Party members"),
    BRANCHES: _("Branches under grassroots committees"),
    GRASSROOTS: _("Grassroots organizations"),
}
ORG_LEVEL = {BRANCHES: "branch", GRASSROOTS: "grassroots"}


def evaluation_section(scope: Scope) -> Section:
    counts = rating_counts(scope.organization.path, scope.year, scope.on)
    figures: list[Figure] = []
    for group, label in GROUP_LABELS.items():
        group_counts = counts[group]
        total = group_counts["total"]
        figures.append(
            Figure(f"evaluations.{group}.total", _("Rated"), total, group=label, drill=True)
        )
        for rating, rating_label in Rating.choices:
            figures.append(
                Figure(
                    f"evaluations.{group}.{rating}",
                    rating_label,
                    group_counts[rating],
                    base=total,
                    group=label,
                    drill=True,
                )
            )
    return Section(
        "evaluations",
        _("Evaluation results"),
        figures,
        extra={"year": scope.year},
    )


def _member_list(scope: Scope, rating: str | None) -> QuerySet:
    """The members behind a figure: decided, rated rows of the year in the subtree (the
    definition `rating_counts` documents)."""
    rows = MemberEvaluation.objects.filter(
        subtree_q("org_path", scope.organization.path),
        year=scope.year,
        step=DECIDED,
        excluded=False,
    )
    if rating:
        rows = rows.filter(rating=rating)
    return Member.objects.filter(pk__in=known_on(rows, scope.on).values("member_id"))


def _organization_list(scope: Scope, group: str, rating: str | None) -> QuerySet:
    rows = OrganizationEvaluation.objects.filter(
        subtree_q("org_path", scope.organization.path),
        year=scope.year,
        step=DECIDED,
        level=ORG_LEVEL[group],
    )
    rows = rows.filter(Q(rating=rating) if rating else ~Q(rating=""))
    return Organization.objects.filter(pk__in=known_on(rows, scope.on).values("organization_id"))


for _rating in (None, *Rating.values):
    _suffix = _rating or "total"
    drill(f"evaluations.{MEMBERS}.{_suffix}", lambda s, r=_rating: _member_list(s, r))
    for _group in (BRANCHES, GRASSROOTS):
        drill(
            f"evaluations.{_group}.{_suffix}",
            lambda s, g=_group, r=_rating: _organization_list(s, g, r),
        )
