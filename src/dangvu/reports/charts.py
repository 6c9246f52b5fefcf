"""Charts as SVG drawn on the server with pygal (no script, no external file: the network may
be closed); the same SVG goes into the page and the PDF."""

from __future__ import annotations

import re

import pygal
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from pygal.style import Style

from dangvu.core.registry import registry
from dangvu.core.templatetags.vn import vn_number

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


def chart_config(**extra) -> dict:
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


def render(chart) -> str:
    """The SVG without pygal's inline script (its tooltips config): the chart is a static
    image, inline in pages and PDFs alike."""
    svg = _SCRIPT.sub("", chart.render(is_unicode=True))
    # A style attribute is refused by the page's Content-Security-Policy: SVG's own attribute.
    return svg.replace(' style="opacity: 0"', ' opacity="0"')


def trend_chart(scope: Scope) -> str:
    """The apps' yearly series (`report_trends`: members at each year's end, admissions per
    year), the last five years."""
    years = list(range(scope.on.year - TREND_YEARS + 1, scope.on.year + 1))
    chart = pygal.Bar(**chart_config(title=_("Party members and admissions by year")))
    chart.x_labels = [str(y) for y in years]
    for trend in registry().report_trends:
        values = import_string(trend.series)(scope, years)
        chart.add(str(trend.label), [values[y] for y in years], secondary=trend.secondary)
    return render(chart)


# The small charts sit in a third of the page: drawn narrower so their text stays readable.
SMALL = {"width": 420, "height": 520, "legend_at_bottom_columns": 1}


def report_charts(report, with_trend: bool = False) -> dict[str, str]:
    """The charts a report's figures allow (the trend needs its own queries)."""
    charts: dict[str, str] = {}
    for declared in registry().report_sections:
        if declared.charts and report.has(declared.key):
            charts.update(import_string(declared.charts)(report.section(declared.key)))
    if with_trend and report.has("members"):
        charts["trend"] = trend_chart(report.scope)
    return charts
