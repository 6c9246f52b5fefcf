"""Charts as SVG drawn on the server with pygal (no script, no external file: the network may
be closed); the same SVG goes into the page and the PDF."""

from __future__ import annotations

import re

import pygal
from django.utils.module_loading import import_string
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


def _whole_labels(top: int) -> list[int]:
    """Whole-number y labels from 0 up to at least `top`, about five of them: an axis of
    admissions (0–11) reads 0, 3, 6, 9, 12, never 0,5 or a label printed twice."""
    top = max(top, 1)
    # The smallest step of 1, 2, 5 × 10^k giving at most five steps.
    step = next(m * 10**k for k in range(12) for m in (1, 2, 5) if top <= 5 * m * 10**k)
    last = -(-top // step) * step  # rounded up to a whole step
    return list(range(0, last + 1, step))


def trend_series(scope: Scope, index: int) -> str:
    """One of the apps' yearly series (`report_trends`: members at each year's end, admissions
    per year) over the last five years, in a chart of its own: each quantity on its own scale
    from zero (issue 14: on one chart with two y-axes, 11 admissions looked as tall as 419
    members). The `secondary` flag of a trend is no longer drawn."""
    trend = registry().report_trends[index]
    years = list(range(scope.on.year - TREND_YEARS + 1, scope.on.year + 1))
    values = import_string(trend.series)(scope, years)
    series = [values[y] or 0 for y in years]
    chart = pygal.Bar(
        **chart_config(
            title=str(trend.label),
            show_legend=False,
            print_values=True,
            y_labels=_whole_labels(max(series)),
            width=420,
            height=320,
        )
    )
    chart.x_labels = [str(y) for y in years]
    chart.add(str(trend.label), series)
    return render(chart)


def trend_charts(scope: Scope) -> dict[str, str]:
    """Every trend in its own chart, keyed "trend-<n>" (the PDF shows them side by side)."""
    return {f"trend-{i}": trend_series(scope, i) for i in range(len(registry().report_trends))}


# The small charts sit in a third of the page: drawn narrower so their text stays readable.
SMALL = {"width": 420, "height": 520, "legend_at_bottom_columns": 1}


def report_charts(report, with_trend: bool = False) -> dict[str, str]:
    """The charts a report's figures allow (the trend needs its own queries)."""
    charts: dict[str, str] = {}
    for declared in registry().report_sections:
        if declared.charts and report.has(declared.key):
            charts.update(import_string(declared.charts)(report.section(declared.key)))
    if with_trend and report.has("members"):
        charts.update(trend_charts(report.scope))
    return charts
