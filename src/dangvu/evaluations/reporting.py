"""Evaluation results of the report's year (R4.2 levels), read through the evaluations app's
own definitions (`evaluations.queries.rating_counts`: decided rows only, shares against the
decided total). Evaluations are placed by today's tree (their `org_path`); a past report
date counts only the levels decided by then (a report of 01/01/2025 shows no 2025 level)."""

from __future__ import annotations

import pygal
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from dangvu.core.scope import subtree_q
from dangvu.evaluations.choices import EvaluationStep, Rating
from dangvu.evaluations.models import MemberEvaluation, OrganizationEvaluation
from dangvu.evaluations.queries import known_on, rating_counts
from dangvu.members.models import Member
from dangvu.organizations.models import Organization
from dangvu.reports.charts import SMALL, chart_config, render
from dangvu.reports.narrative import counted, listing, percent
from dangvu.reports.queries import Report
from dangvu.reports.queries.base import Figure, Section, drill
from dangvu.reports.queries.scope import Scope

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
        # The results page of the same organization and year (issue 14: reached from reports).
        extra={"year": scope.year, "page_url": results_url(scope.organization.pk, scope.year)},
    )


def results_url(organization_pk: int, year: int | None = None) -> str:
    """The results page (`/evaluations/results/`) with the organization (and year) chosen."""
    query = f"?organization={organization_pk}" + (f"&year={year}" if year else "")
    return reverse("evaluations:results") + query


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


def narrative(report: Report, words: str) -> str:
    """The section in the words of a year-end report (reports.narrative)."""
    s = report.section("evaluations")
    sentences = []
    if s.value("evaluations.branches.total"):
        excellent = s.figure("evaluations.branches.excellent")
        good = s.figure("evaluations.branches.good")
        branches = listing(
            [
                counted(
                    excellent.value,
                    gettext_noop(
                        "%(n)s branches under grassroots committees that excellently "
                        "fulfilled their duties"
                    ),
                    excellent.percent,
                ),
                counted(
                    good.value,
                    gettext_noop("%(n)s branches that well fulfilled their duties"),
                    good.percent,
                ),
            ]
        )
        if branches:
            sentences.append(
                gettext("In %(year)s, %(scope)s had %(details)s.")
                % {"year": report.scope.year, "scope": words, "details": branches}
            )
    if s.value("evaluations.members.total"):
        sentences.append(
            gettext(
                "Party members who excellently fulfilled their duties were %(m_excellent_pct)s, "
                "those who well fulfilled them %(m_good_pct)s."
            )
            % {
                "m_excellent_pct": percent(s.figure("evaluations.members.excellent").percent),
                "m_good_pct": percent(s.figure("evaluations.members.good").percent),
            }
        )
    return " ".join(sentences)


def ratings_chart(evaluations: Section) -> str | None:
    chart = pygal.Pie(
        **chart_config(title=gettext("Members by evaluation level"), inner_radius=0.4, **SMALL)
    )
    shown = False
    for figure in evaluations.figures:
        if figure.key.startswith("evaluations.members.") and not figure.key.endswith(".total"):
            if figure.value:
                chart.add(str(figure.label), figure.value)
                shown = True
    return render(chart) if shown else None


def charts(section: Section) -> dict[str, str]:
    ratings = ratings_chart(section)
    return {"ratings": ratings} if ratings else {}
