"""Issue 14: the dashboard's yearly charts put one quantity per chart, each on its own scale
from zero (one chart with two y-axes drew 11 admissions as tall as 419 members)."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils.module_loading import import_string

from dangvu.core.registry import registry
from dangvu.reports.queries.scope import Scope

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def _classes(root: ET.Element) -> list[str]:
    return [el.get("class", "") for el in root.iter()]


def _y_labels(root: ET.Element) -> list[int]:
    """The labels of the y axis (`g.axis.y` > `g.guides` > text)."""
    for group in root.iter(f"{SVG}g"):
        if group.get("class", "").split()[:2] == ["axis", "y"]:
            texts = [t.text or "" for t in group.iter(f"{SVG}text")]
            return [int(t.replace(".", "")) for t in texts if re.fullmatch(r"[\d.]+", t)]
    raise AssertionError("no y axis")


def test_each_series_has_a_chart_of_its_own(year_2025, login):
    client = login(year_2025.users.officer_a)
    trends = registry().report_trends
    assert len(trends) >= 2  # members and admissions at least
    page = client.get(reverse("reports:dashboard") + "?year=2025").content.decode()
    scope = Scope(year_2025.commune_a, dt.date(2025, 12, 31), dt.date(2025, 1, 1))
    years = list(range(2021, 2026))
    tops = []
    for number, trend in enumerate(trends):
        assert f"series={number}" in page  # the dashboard shows every chart
        response = client.get(reverse("reports:trend_chart") + f"?year=2025&series={number}")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("image/svg+xml")
        root = ET.fromstring(response.content)
        classes = _classes(root)
        # One quantity: one series, one y axis (no right-hand axis), titled with its label.
        series = {c for cls in classes for c in cls.split() if c.startswith("serie-")}
        assert series == {"serie-0"}, (trend.label, series)
        assert not any("y2" in cls.split() for cls in classes)
        title = next(t for t in root.iter(f"{SVG}text") if "title" in t.get("class", ""))
        assert title.text == str(trend.label)
        # Its own scale: from zero to just above its own largest value (not the members').
        values = import_string(trend.series)(scope, years)
        biggest = max(values.values())
        labels = _y_labels(root)
        assert labels[0] == 0 and biggest <= labels[-1] <= max(2 * biggest, 1)
        assert b"<script" not in response.content
        tops.append(labels[-1])
    assert len(set(tops)) > 1, "the fixture's members and admissions differ in scale"


def test_a_bad_chart_number_is_a_clear_refusal(year_2025, login):
    client = login(year_2025.users.officer_a)
    for bad in ("9", "-1", "x"):
        response = client.get(reverse("reports:trend_chart") + f"?year=2025&series={bad}")
        assert response.status_code == 400
        assert "There is no chart with this number." in response.content.decode() or (
            "Không có biểu đồ số này." in response.content.decode()
        )
