"""Working days over one preloaded holiday set, for the deadlines of many rows at once."""

from __future__ import annotations

import datetime as dt

from dangvu.core.calendar import holidays_between, is_working_day


class WorkingDays:
    """core.calendar's working days over one preloaded holiday set (a work list for a whole
    province asks for thousands of deadlines: one holiday query, not one per row)."""

    def __init__(self, on: dt.date, years_back: int = 3, years_ahead: int = 2) -> None:
        self.start = dt.date(on.year - years_back, 1, 1)
        self.end = dt.date(on.year + years_ahead, 12, 31)
        self.holidays = holidays_between(self.start, self.end)
        self._cache: dict[tuple[dt.date, int], dt.date] = {}

    def _working(self, day: dt.date) -> bool:
        return is_working_day(day, self.holidays)

    def add(self, start: dt.date, days: int) -> dt.date:
        """`days` working days after `start` (start not counted), as add_working_days."""
        key = (start, days)
        if key not in self._cache:
            current, counted = start, 0
            while counted < days:
                current += dt.timedelta(days=1)
                if self._working(current):
                    counted += 1
            self._cache[key] = current
        return self._cache[key]

    def latest_start_due_before(self, on: dt.date, days: int) -> dt.date:
        """The latest start whose deadline `add(start, days)` falls before `on`: the n-th
        working day counting back from the day before `on`, minus one day."""
        current, counted = on - dt.timedelta(days=1), 0
        while True:
            if self._working(current):
                counted += 1
                if counted == days:
                    return current - dt.timedelta(days=1)
            current -= dt.timedelta(days=1)
