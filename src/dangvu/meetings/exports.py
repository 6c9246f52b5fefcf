"""The statistics workbook of a subtree and period (xlsx, or the rows by organization as csv):
tables built from `queries.statistics` through core.exports (typed cells, formulas
neutralized)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from dangvu.core.exports import Column, Sheet
from dangvu.organizations.models import Organization

from . import queries
from .choices import MeetingKind, QualityRating


def _sheet(title: str, header: list[str], rows: list[list[Any]]) -> Sheet:
    """One table of the statistics workbook (core.exports: typed cells, formulas
    neutralized)."""
    columns = [
        Column(str(h), lambda r, i=i: r[i], width=46 if i == 0 else 14)
        for i, h in enumerate(header)
    ]
    return Sheet(str(title), columns, rows, numbered=False)


def _percent(part: int, whole: int) -> float | None:
    return round(part * 100 / whole, 2) if whole else None


def statistics_sheets(organization: Organization, period: queries.Period) -> list[Sheet]:
    """Summary, by organization, visits, thematic topics, scores by branch (in this order:
    the csv export is the second)."""
    stats = queries.statistics(organization, period)
    held = stats.held
    summary = _sheet(
        _("Summary"),
        [_("Figure"), _("Value")],
        [
            [_("Organization"), organization.name],
            [_("From"), period.start],
            [_("To"), period.end],
            [_("Branches"), stats.branches],
            [_("Months with a regular meeting"), stats.regular_months],
            [_("Regular meetings due"), stats.due_regular],
            [_("Quarters with a thematic meeting"), stats.thematic_periods],
            [_("Thematic meetings due"), stats.due_thematic],
            *[[str(label), held[value]] for value, label in MeetingKind.choices],
            [_("Attendance rate (%)"), _percent(stats.present, stats.eligible)],
            [_("Present"), stats.present],
            [_("Members listed"), stats.eligible],
            [_("Absent with reason"), stats.excused],
            [_("Absent without reason"), stats.absent],
            [_("Branches at 100% attendance"), stats.branches_full],
            [_("Average quality score"), stats.average_score],
            *[[str(label), stats.ratings[value]] for value, label in QualityRating.choices],
        ],
    )
    by_organization = _sheet(
        _("By organization"),
        [
            _("Organization"),
            _("Branches"),
            _("Regular meetings due"),
            _("Regular meetings held"),
            _("Thematic meetings held"),
            _("Attendance rate (%)"),
            _("Absent without reason"),
            _("Average quality score"),
        ],
        [
            [
                row["organization"].name,
                row["branches"],
                row["due_regular"],
                row["regular"],
                row["thematic"],
                _percent(row["present"], row["eligible"]),
                row["absent"],
                round(row["avg_score"], 1) if row["avg_score"] is not None else None,
            ]
            for row in stats.children
        ],
    )
    visits = _sheet(
        _("Visits"),
        [_("Level"), _("Committee members"), _("Every (months)"), _("Due"), _("Done")],
        [[str(r["label"]), r["members"], r["every"], r["due"], r["done"]] for r in stats.visits],
    )
    topics = _sheet(
        _("Thematic topics"),
        [_("Topic"), _("Meetings")],
        [[t["topic"], t["n"]] for t in stats.topics],
    )
    scores = _sheet(
        _("Scores by branch"),
        [_("Branch"), _("Scored meetings"), _("Average score")]
        + [str(label) for _v, label in QualityRating.choices],
        [
            [
                row["organization__name"],
                row["meetings"],
                round(row["avg_score"], 1) if row["avg_score"] is not None else None,
                *[row[value] for value in QualityRating.values],
            ]
            for row in queries.branch_year_scores(organization.path, period)
        ],
    )
    return [summary, by_organization, visits, topics, scores]
