"""Working days (ngày làm việc): Monday–Friday minus the editable public-holiday table.

rules.md (header, §11.10, §12): counting starts on the day after the event.
"""

from __future__ import annotations

import datetime as dt

from dangvu.core.models import Holiday


def holidays_between(start: dt.date, end: dt.date) -> set[dt.date]:
    return set(
        Holiday.objects.filter(date__gte=start, date__lte=end).values_list("date", flat=True)
    )


def is_working_day(day: dt.date, holidays: set[dt.date] | None = None) -> bool:
    if day.weekday() >= 5:
        return False
    if holidays is None:
        holidays = holidays_between(day, day)
    return day not in holidays


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date that is `days` working days after `start` (start itself not counted)."""
    if days < 0:
        raise ValueError("days must be >= 0")
    # A generous window: 7 calendar days per 5 working days plus room for Tết.
    window_end = start + dt.timedelta(days=days * 7 // 5 + 30)
    holidays = holidays_between(start, window_end)
    current = start
    counted = 0
    while counted < days:
        current += dt.timedelta(days=1)
        if current > window_end:
            window_end = current + dt.timedelta(days=60)
            holidays |= holidays_between(current, window_end)
        if is_working_day(current, holidays):
            counted += 1
    return current


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day `months` later, clamped to the month's end (31/1 + 1 month = 28 or 29/2)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)


def months_between(start: dt.date, end: dt.date) -> int:
    """Completed months from start to end ("tính theo tháng", R2.1)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return months
