"""Working days (ngày làm việc): Monday–Friday minus public holidays.

Public holidays (Bộ luật Lao động 2019 Đ112) are computed for any year by the maintained
`holidays` package (Tết and Giỗ Tổ Hùng Vương from the lunar calendar); the editable table
(`Holiday`) adds the Government's extra days off and marks make-up working days (làm bù).
A year whose list an administrator has not confirmed against the Government's announcement
(`HolidayYear`) is flagged where a deadline falls in it.

rules.md (header, §11.10, §12): counting starts on the day after the event.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays as holidays_package

from dangvu.core.models import Holiday, HolidayYear


@lru_cache(maxsize=64)
def statutory_holidays(year: int) -> dict[dt.date, str]:
    """Vietnam's public holidays of `year` with their Vietnamese names (no database)."""
    return dict(holidays_package.Vietnam(years=year, language="vi").items())


class DaysOff(set):
    """The days off of a range (a set of dates), with the weekend days worked (làm bù)."""

    def __init__(self, days=(), working: set[dt.date] | None = None) -> None:
        super().__init__(days)
        self.working: set[dt.date] = working or set()

    def __ior__(self, other):  # keep the worked weekend days when ranges are joined
        super().__ior__(other)
        self.working |= getattr(other, "working", set())
        return self


def holidays_between(start: dt.date, end: dt.date) -> DaysOff:
    """Days off from `start` to `end`: the statutory ones, plus the table's extra days off,
    minus the days the table marks as working days."""
    days = {
        day
        for year in range(start.year, end.year + 1)
        for day in statutory_holidays(year)
        if start <= day <= end
    }
    rows = Holiday.objects.filter(date__gte=start, date__lte=end).values_list("date", "working")
    working = {day for day, is_working in rows if is_working}
    days |= {day for day, is_working in rows if not is_working}
    return DaysOff(days - working, working)


def is_working_day(day: dt.date, holidays: set[dt.date] | None = None) -> bool:
    if holidays is None:
        holidays = holidays_between(day, day)
    if day in getattr(holidays, "working", ()):
        return True
    if day.weekday() >= 5:
        return False
    return day not in holidays


def unconfirmed_years(start: dt.date, end: dt.date) -> list[int]:
    """Years from `start` to `end` whose holiday list no administrator has confirmed."""
    years = set(range(start.year, end.year + 1))
    confirmed = set(HolidayYear.objects.filter(year__in=years).values_list("year", flat=True))
    return sorted(years - confirmed)


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
    """Completed months from start to end ("tính theo tháng", R2.1): the largest m with
    add_months(start, m) <= end, so both functions agree on month ends and leap days (a
    period ending on a day the month lacks ends on its last day, Bộ luật Dân sự Đ147: born
    29/2/2008, 216 months on 28/2/2026)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if add_months(start, months) > end:
        months -= 1
    return months
