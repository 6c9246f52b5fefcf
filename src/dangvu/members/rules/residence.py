"""Residence contact rules (rules.md §5, QĐ 213-QĐ/TW)."""

from __future__ import annotations

import datetime as dt

from ..choices import ResidenceCategory
from .profile import values_in_force


def residence_comment_required(category: str) -> bool:
    """R5.4/R5.5 (QĐ 213 Đ3.4; HD 33-HD/BTCTW §1): the residence branch comments yearly on a
    working member, except category 1.1 (exempt from residence activity) and 1.2 (exempt
    from introduction), whose comments are asked for only when needed. §12 case 27."""
    return category == ResidenceCategory.NONE


def residence_comment_window(
    on: dt.date, values: dict | None = None
) -> tuple[int, dt.date, dt.date]:
    """R5.4: the year whose comments are being collected on `on`, their due date (the first day
    of the evaluation season's month, configurable) and the day they start being asked for.
    Before this year's window opens, last year's missing comments are the ones still due."""
    values = values if values is not None else values_in_force(on)
    month = values["residence.comments_due_month"]
    warn = dt.timedelta(days=values["residence.comments_warn_days"])
    due = dt.date(on.year, month, 1)
    if on >= due - warn:
        return on.year, due, due - warn
    previous = dt.date(on.year - 1, month, 1)
    return on.year - 1, previous, previous - warn
