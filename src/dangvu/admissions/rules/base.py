"""What every regulation of member development shares: the profile's values, the dates and
numbers as printed in a message, and the field-keyed errors services collect."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.formats import date_format

Values = dict[str, Any]  # the profile's numbers in force on a date (`rules.in_force(on)[1]`)
# `n` working days after a date: core.calendar.add_working_days, or a WorkingDays' `add` over
# one preloaded holiday set when a work list computes thousands of deadlines.
AddDays = Callable[[dt.date, int], dt.date]


def _d(day: dt.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def _years(months: int) -> str:
    """Months as years for a message (720 → "60", 726 → "60,5")."""
    years = months / 12
    return str(int(years)) if years == int(years) else f"{years:.1f}".replace(".", ",")


def invalid(field: str, message: str, code: str) -> ValidationError:
    """A field-keyed error that keeps its code (tests and API clients read the code; the
    message is translated)."""
    return ValidationError({field: ValidationError(message, code=code)})


def collect(checks: Iterable[Callable[[], Any]]) -> None:
    """Run every check and raise all their errors at once (the form shows each on its field)."""
    errors: dict[str, list] = {}
    for check in checks:
        try:
            check()
        except ValidationError as error:
            for field, messages in error.update_error_dict({}).items():
                errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
