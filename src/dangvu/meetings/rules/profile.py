"""The meetings app's reads of the dated rule profile (core.profiles). Only the rules home reads
it; services, views, queries and the demo call these functions and pass the values to the
regulations (`rules.regulations`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dangvu.core import worklist
from dangvu.core.models import RuleProfile
from dangvu.core.profiles import values_on


def profile_and_values(on: dt.date | None = None) -> tuple[RuleProfile | None, dict[str, Any]]:
    """The profile in force on `on` (recorded with a score, R3.6) and its values."""
    return values_on(on)


def values_in_force(on: dt.date | None = None) -> dict[str, Any]:
    """Every rule value in force on `on` (default today)."""
    return values_on(on)[1]


def worklist_values(ctx: worklist.Context) -> dict[str, Any]:
    """The values in force on the work list's date, read once per work list."""
    key = "meetings.profile_values"
    if key not in ctx.cache:
        ctx.cache[key] = values_in_force(ctx.on)
    return ctx.cache[key]
