"""Charts as SVG drawn on the server with pygal (no script, no external file: the network may
be closed); the same SVG goes into the page and the PDF."""

from __future__ import annotations

import re

import pygal
from django.utils.translation import gettext as _
from pygal.style import Style

from dangvu.core.templatetags.vn import vn_number

from .queries.base import Section
from .queries.development import admitted_by_year
from .queries.members import members_by_year_end
from .queries.scope import Scope

STYLE = Style(
    background="white",
    plot_background="white",
    font_family="Liberation Sans, DejaVu Sans, sans-serif",
    colors=("#b71c1c", "#f9a825", "#1565c0", "#2e7d32", "#6a1b9a", "#00838f"),
    title_font_size=16,
    legend_font_size=13,
    label_font_size=12,
    value_font_size=12,
)
TREND_YEARS = 5


def _config(**extra) -> dict:
    return {
        "style": STYLE,
        "js": [],  # pygal links a script from the web by default: none here
        "disable_xml_declaration": True,
        "truncate_label": -1,
        "truncate_legend": -1,
        # Counts: whole numbers on the axes too ("2.800", not "2.800,0").
        "value_formatter": lambda v: vn_number(round(v)) if v is not None else "",
        "width": 640,
        "height": 360,
        "legend_at_bottom": True,
        **extra,
    }


_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)


def _render(chart) -> str:
    """The SVG without pygal's inline script (its tooltips config): the chart is a static
    image, inline in pages and PDFs alike."""
    return _SCRIPT.sub("", chart.render(is_unicode=True))


def trend_chart(scope: Scope) -> str:
    """Members at each year's end and admissions per year, the last five years."""
    years = list(range(scope.on.year - TREND_YEARS + 1, scope.on.year + 1))
    members = members_by_year_end(scope, years)
    admissions = admitted_by_year(scope, years)
    chart = pygal.Bar(**_config(title=_("Party members and admissions by year")))
    chart.x_labels = [str(y) for y in years]
    chart.add(_("Party members at the end of the year"), [members[y] for y in years])
    chart.add(_("Admitted"), [admissions[y] for y in years], secondary=True)
    return _render(chart)


# The small charts sit in a third of the page: drawn narrower so their text stays readable.
SMALL = {"width": 420, "height": 520, "legend_at_bottom_columns": 1}


def levels_chart(organizations: Section) -> str:
    """Organizations by level (a share chart)."""
    chart = pygal.Pie(**_config(title=_("Organizations by level"), inner_radius=0.4, **SMALL))
    for figure in organizations.figures:
        if figure.key.startswith("organizations.level_") and figure.value:
            chart.add(str(figure.label), figure.value)
    return _render(chart)


def members_chart(members: Section) -> str:
    chart = pygal.HorizontalBar(**_config(title=_("Party members by age"), **SMALL))
    for figure in members.figures:
        if figure.key.startswith("members.age_"):
            chart.add(str(figure.label), figure.value)
    return _render(chart)


def ratings_chart(evaluations: Section) -> str | None:
    chart = pygal.Pie(**_config(title=_("Members by evaluation level"), inner_radius=0.4, **SMALL))
    shown = False
    for figure in evaluations.figures:
        if figure.key.startswith("evaluations.members.") and not figure.key.endswith(".total"):
            if figure.value:
                chart.add(str(figure.label), figure.value)
                shown = True
    return _render(chart) if shown else None


def report_charts(report, with_trend: bool = False) -> dict[str, str]:
    """The charts a report's figures allow (the trend needs its own queries)."""
    charts: dict[str, str] = {}
    if report.has("members"):
        charts["members"] = members_chart(report.section("members"))
    if report.has("organizations"):
        charts["levels"] = levels_chart(report.section("organizations"))
    if report.has("evaluations"):
        ratings = ratings_chart(report.section("evaluations"))
        if ratings:
            charts["ratings"] = ratings
    if with_trend and report.has("members"):
        charts["trend"] = trend_chart(report.scope)
    return charts
