"""The results page, the list behind each figure, and their xlsx exports."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from dangvu.core.exports import Column, TitleBlock, xlsx_response

from ... import queries
from ...choices import RATING_SHORT, Rating
from ...documents import pdf_levels
from ...queries import EXCLUDED, LEVELS, MEMBERS
from .common import (
    LEVEL_LABELS,
    ResultsMixin,
    breadcrumbs,
    children_of,
    sentence,
    shows_points,
)

PAGE_SIZE = 100


class ResultsView(ResultsMixin, TemplateView):
    template_name = "evaluations/results.html"
    strict = False

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        org, year = self.organization, self.year
        context.update(form=self.form, organization=org, year=year, by=self.by, levels=[])
        if org is not None:
            context.update(figures(self, org, year))
        return context


def level_block(view, organization, level: str, counts: dict[str, int]) -> dict[str, Any]:
    """One level's figures (members, branches or grassroots), each linked to its list."""
    shares = queries.shares(counts)
    return {
        "level": level,
        "label": LEVEL_LABELS[level],
        "counts": counts,
        "sentence": sentence(level, counts),
        "total_url": view.list_url(organization, level),
        "excluded_url": view.list_url(organization, level, EXCLUDED),
        "rows": [
            {
                "rating": rating,
                "label": label,
                "short": RATING_SHORT[rating],
                "n": counts[rating],
                "share": shares[rating],
                "url": view.list_url(organization, level, rating),
            }
            for rating, label in Rating.choices
        ],
    }


def child_row(view, child, counts: dict[str, dict[str, int]]) -> dict[str, Any]:
    """A child organization's line of the breakdown (the level chosen by `?by=`)."""
    by = counts[view.by]
    return {
        "organization": child,
        "counts": by,
        "excellent_share": queries.shares(by)[Rating.EXCELLENT],
        "cells": [(by[r], view.list_url(child, view.by, r)) for r in Rating.values],
        "total_url": view.list_url(child, view.by),
    }


def figures(view, org, year: int) -> dict[str, Any]:
    """The results page of an organization and a year: the year's figures by level, the two
    years before, and the breakdown by child organization."""
    user = view.request.user
    history_years = [*sorted(y for y in view.years if year - 2 <= y < year), year]
    children = children_of(user, org, year)
    history, by_child = queries.year_results(
        org.path, year, history_years[:-1], [c.path for c in children], not org.is_branch
    )
    cycle = queries.pages.year_cycle(year)
    return {
        "breadcrumbs": breadcrumbs(user, org),
        "cycle": cycle,
        # Where an open cycle stands (a closed one is all decided: no pass needed).
        "progress": queries.progress(org.path, year)
        if cycle is None or cycle.status == "open"
        else None,
        "levels": [level_block(view, org, lv, history[year][lv]) for lv in LEVELS],
        "history_years": history_years,
        "history": history_table(history, history_years),
        "children": [child_row(view, c, by_child[c.path]) for c in children],
        "by_label": LEVEL_LABELS[view.by],
        "by_choices": list(LEVEL_LABELS.items()),
        "ratings": [(r, RATING_SHORT[r]) for r in Rating.values],
        "pdf_levels": [(lv, LEVEL_LABELS[lv]) for lv in pdf_levels(org)],
        "export_query": view.query(level="", rating="", by=view.by),
        "year_query": view.query(level="", rating=""),
    }


def sheet_title(text: str) -> str:
    """Excel refuses []:*?/\\ in a sheet's name."""
    return "".join("-" if c in "[]:*?/\\" else c for c in str(text))


def history_table(history: dict, years: list[int]) -> list[dict[str, Any]]:
    """Previous years side by side: per level, per rating, (count, share) for each year."""
    table = []
    for level in LEVELS:
        shares = {y: queries.shares(history[y][level]) for y in years}
        rows = [
            (RATING_SHORT[r], [(history[y][level][r], shares[y][r]) for y in years])
            for r in Rating.values
        ]
        totals = [history[y][level]["total"] for y in years]
        table.append({"level": LEVEL_LABELS[level], "rows": rows, "totals": totals})
    return table


def list_columns(level: str, year: int) -> list[Column]:
    """The columns of a drill-down list and its xlsx (points only from QĐ 366's year)."""
    points = shows_points(year)
    if level == MEMBERS:
        columns = [
            Column(_("Full name"), lambda e: e.member.full_name, width=28),
            Column(_("Date of birth"), lambda e: e.member.birth_date, kind="date", width=12),
            Column(_("Party branch"), lambda e: e.organization.name, width=30),
            Column(_("Grassroots organization"), lambda e: e.grassroots.name, width=30),
            Column(
                _("Probationary member"), lambda e: _("yes") if e.probationary else "", width=10
            ),
        ]
    else:
        columns = [
            Column(_("Organization"), lambda e: e.organization.name, width=36),
            Column(_("Kind"), lambda e: e.organization.get_kind_display(), width=24),
        ]
    if points:
        columns.append(
            Column(_("Self-assessed points"), lambda e: e.self_total, kind="decimal", width=8)
        )
    columns += [
        Column(_("Rating level"), lambda e: RATING_SHORT.get(e.rating, ""), width=9),
        Column(_("Level (in full)"), lambda e: e.get_rating_display(), width=28),
        Column(
            _("Decided on"),
            lambda e: timezone.localtime(e.decided_at).date() if e.decided_at else None,
            kind="date",
            width=12,
        ),
        Column(_("Decision number"), lambda e: e.decision_number, width=14),
    ]
    if level == MEMBERS:
        columns.append(Column(_("Why not rated"), lambda e: e.excluded_reason, width=30))
    return columns


class RatingListMixin(ResultsMixin):
    def rows(self):
        if self.organization is None:
            raise Http404(_("No organization in your scope."))
        return queries.rating_lists(
            self.organization.path, self.year, self.level, self.rating, user=self.request.user
        )

    def title(self) -> str:
        label = LEVEL_LABELS[self.level]
        if self.rating == EXCLUDED:
            return _("%(level)s not rated") % {"level": label}
        if self.rating:
            return f"{label}: {Rating(self.rating).label}"
        return _("%(level)s rated") % {"level": label}


class RatingListView(RatingListMixin, TemplateView):
    """The list behind one figure of the results (same scope, same definitions)."""

    template_name = "evaluations/results_list.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        page = Paginator(self.rows(), PAGE_SIZE).get_page(self.request.GET.get("page"))
        columns = list_columns(self.level, self.year)
        context.update(
            organization=self.organization,
            year=self.year,
            level=self.level,
            title=self.title(),
            page_obj=page,
            headers=[c.title for c in columns],
            lines=[
                (
                    page.start_index() + i,
                    evaluation,
                    [(c.get(evaluation), c.kind) for c in columns],
                )
                for i, evaluation in enumerate(page.object_list)
            ],
            export_url=reverse("evaluations:results_list_export") + "?" + self.query(),
            back_url=reverse("evaluations:results") + "?" + self.query(level="", rating=""),
        )
        return context


class RatingListExportView(RatingListMixin, View):
    def get(self, request, *args, **kwargs):
        rows = self.rows()
        name = f"xep-loai-{self.year}-{self.level}-{self.rating or 'tat-ca'}.xlsx"
        year = _("Evaluation results %(year)s") % {"year": self.year}
        return xlsx_response(
            name, list_columns(self.level, self.year), rows.iterator(chunk_size=2000),
            sheet_title=sheet_title(self.title()),
            title_block=TitleBlock(self.organization.name, self.title(), [year]),
        )  # fmt: skip


class ResultsExportView(ResultsMixin, View):
    """The breakdown by child organization (every level, real numbers), totals last."""

    def get(self, request, *args, **kwargs):
        org = self.organization
        if org is None:
            raise Http404(_("No organization in your scope."))
        children = children_of(request.user, org, self.year)
        by_child = queries.rating_counts_by_child(org.path, self.year, [c.path for c in children])
        total = queries.rating_counts(org.path, self.year)
        rows = [(child.name, by_child[child.path]) for child in children]
        rows.append((_("Total"), total))
        return xlsx_response(
            f"ket-qua-xep-loai-{self.year}.xlsx",
            export_columns(),
            rows,
            sheet_title=_("Results %(year)s") % {"year": self.year},
            title_block=TitleBlock(
                org.name, _("Evaluation results %(year)s") % {"year": self.year}
            ),
        )


def export_columns() -> list[Column]:
    columns = [Column(_("Organization"), lambda row: row[0], width=36)]
    for level in LEVELS:
        noun = LEVEL_LABELS[level]
        for rating in Rating.values:
            columns.append(
                Column(
                    f"{noun}: {RATING_SHORT[rating]}",
                    lambda row, lv=level, r=rating: row[1][lv][r],
                    kind="int",
                    width=10,
                )
            )
            columns.append(
                Column(
                    f"{noun}: {RATING_SHORT[rating]} (%)",
                    lambda row, lv=level, r=rating: _fraction(row[1][lv], r),
                    kind="percent",
                    width=10,
                )
            )
        columns.append(
            Column(
                _("%(level)s rated") % {"level": noun},
                lambda row, lv=level: row[1][lv]["total"],
                kind="int",
                width=10,
            )
        )
    columns.append(
        Column(_("Members not rated"), lambda row: row[1][MEMBERS][EXCLUDED], kind="int")
    )
    return columns


def _fraction(counts: dict[str, int], rating: str) -> float | None:
    return counts[rating] / counts["total"] if counts["total"] else None
