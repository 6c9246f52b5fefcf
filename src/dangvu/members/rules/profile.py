"""The members app's reads of the dated rule profile (core.profiles). Only the rules home reads
it; services, views, forms and the demo call these functions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import formats

from dangvu.core import worklist
from dangvu.core.models import RuleProfile
from dangvu.core.profiles import profile_on, rule_value, values_on


def profile_in_force(on: dt.date) -> RuleProfile | None:
    """The profile a decision taken on `on` is recorded with (its `rule_profile`)."""
    return profile_on(on)


def values_in_force(on: dt.date | None = None) -> dict[str, Any]:
    """Every rule value in force on `on` (default today)."""
    return values_on(on)[1]


def value(key: str, on: dt.date | None = None) -> Any:
    """One rule value in force on `on` (default today)."""
    return rule_value(key, on)


def profile_values(ctx: worklist.Context) -> dict:
    """The rule profile in force on the work list's date, read once per work list."""
    if "profile_values" not in ctx.cache:
        ctx.cache["profile_values"] = values_in_force(ctx.on)
    return ctx.cache["profile_values"]


def short_date(day: dt.date) -> str:
    """A date as the rules' messages show it."""
    return formats.date_format(day, "SHORT_DATE_FORMAT")
