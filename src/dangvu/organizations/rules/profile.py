"""Reads of the dated rule profile for the organizations app: the only place in the app that
calls `core.profiles` (services, views and the member-side checks ask these functions)."""

from __future__ import annotations

import datetime as dt

from dangvu.core import worklist
from dangvu.core.profiles import rule_value, values_on


def values_in_force(day: dt.date) -> dict:
    """Every rule value in force on `day` (the profile then in force)."""
    return values_on(day)[1]


def worklist_values(ctx: worklist.Context) -> dict:
    """The rule profile in force on the work list's date, read once per work list (the cache
    key is shared with the other apps' checks: the same values)."""
    if "profile_values" not in ctx.cache:
        ctx.cache["profile_values"] = values_in_force(ctx.on)
    return ctx.cache["profile_values"]


def branch_min_official_on(day: dt.date) -> int:
    """R1.4 — Điều lệ Đ24.1: the minimum of official members of a branch in force on `day`
    (for reports and pages that show it)."""
    return int(rule_value("org.branch_min_official", day))
