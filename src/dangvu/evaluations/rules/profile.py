"""Reads of the dated rule profile for the evaluation rules (rules.md §0): the only module of
the app that asks `core.profiles`; services, views, queries and the demo call these.

A review year is governed by the profile in force on the decision date, but never after the
year's end (`regulations.rule_date`): reports of past years use the profile of that year.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dangvu.core.models import RuleProfile
from dangvu.core.profiles import profile_on, rule_value, values_on

from .regulations import rule_date, scored_year

Values = dict[str, Any]


def profile_for(on: dt.date | None = None) -> RuleProfile | None:
    """The rule profile in force on `on` (today when None)."""
    return profile_on(on)


def values_for(on: dt.date | None = None) -> tuple[RuleProfile | None, Values]:
    """(the profile in force on `on`, every rule value then, defaults filled in)."""
    return values_on(on)


def year_values(year: int, on: dt.date) -> tuple[RuleProfile | None, Values]:
    """The profile and values governing review year `year` when acting on `on`."""
    return values_on(rule_date(year, on))


def cycle_values(cycle, on: dt.date) -> tuple[RuleProfile | None, Values]:
    """The profile and values a step of `cycle` taken on `on` is checked against."""
    return year_values(cycle.year, on)


def points_from_year(on: dt.date | None = None) -> int:
    """R4.3 (QĐ 366): the first review year scored out of 100, in the profile of `on`."""
    return int(rule_value("evaluation.points_from_year", on))


def uses_points(year: int, on: dt.date | None = None) -> bool:
    """R4.3: is review year `year` scored out of 100 (QĐ 366), by the profile of `on`
    (default: the profile in force at the year's end)? Earlier years have levels only."""
    return scored_year(year, values_on(on or dt.date(year, 12, 31))[1])


def year_end_values(year: int) -> Values:
    """The rule values in force at the end of review year `year` (the demo's past years)."""
    return values_on(dt.date(year, 12, 31))[1]
