"""Reporting periods of the statistics forms (R15.11): `2026` is the year, `2026H1` the first
six months (01/01–30/06), `2026Q1` and `2026-9M` the others R15.12 names. Flows are counted
over the window, stocks taken at its start and at its cut-off date (the period's last day, or
today while the period runs). "Cùng kỳ năm trước" is the same window one year back."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .conf import value as setting

MIN_YEAR = 1930
PATTERN = re.compile(r"^\s*(\d{4})\s*(?:-?\s*(Q1|H1|9M|Y|YEAR|NĂM|N))?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    year: int
    kind: str  # "" (the year), "H1", "Q1", "9M"
    start: dt.date
    end: dt.date  # the period's last day
    on: dt.date  # the cut-off date: `end`, or today while the period runs

    @property
    def code(self) -> str:
        return f"{self.year}{self.kind}" if self.kind != "9M" else f"{self.year}-9M"

    @property
    def complete(self) -> bool:
        return self.on == self.end

    def title(self) -> str:
        """As the form's title says it: "6 THÁNG ĐẦU NĂM 2026", "NĂM 2026"."""
        names = {"": "NĂM", "H1": "6 THÁNG ĐẦU NĂM", "Q1": "QUÝ I NĂM", "9M": "9 THÁNG NĂM"}
        return f"{names.get(self.kind, 'NĂM')} {self.year}"

    def window(self) -> str:
        text = f"Từ ngày {self.start:%d/%m/%Y} đến ngày {self.on:%d/%m/%Y}"
        return text if self.complete else text + " (kỳ chưa kết thúc)"

    def last_year(self) -> Period:
        return Period(
            self.year - 1,
            self.kind,
            _shift(self.start),
            _shift(self.end),
            _shift(self.on),
        )


def _shift(day: dt.date) -> dt.date:
    """The same day one year back (29/02 → 28/02)."""
    year = day.year - 1
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


def parse_period(text: str, today: dt.date) -> Period:
    """`2026`, `2026H1`, `2026Q1`, `2026-9M` → the Period; a bad code, a period before 1930 or
    one not begun yet is a ValidationError on "period" in Vietnamese."""
    found = PATTERN.match(text or "")
    if not found:
        raise ValidationError(
            {"period": _("Enter the period as a year (2026) or 2026H1, 2026Q1, 2026-9M.")}
        )
    year = int(found.group(1))
    kind = (found.group(2) or "").upper()
    if kind in ("Y", "YEAR", "NĂM", "N"):
        kind = ""
    months = setting("periods")
    if kind not in months:
        raise ValidationError({"period": _("This kind of period is not used.")})
    if year < MIN_YEAR:
        raise ValidationError(
            {"period": _("Enter a period from %(first)s on.") % {"first": MIN_YEAR}}
        )
    first, last = months[kind]
    start = dt.date(year, first, 1)
    end = dt.date(year, last, calendar.monthrange(year, last)[1])
    if start > today:
        raise ValidationError({"period": _("This period has not begun yet.")})
    return Period(year, kind, start, end, min(end, today))


def period_choices(today: dt.date, years: int = 6) -> list[tuple[str, str]]:
    """The periods offered on the page: this year's and the last few years' H1 and year."""
    choices = []
    for year in range(today.year, today.year - years, -1):
        for kind in ("", "H1"):
            period = parse_period(f"{year}{kind}", today)
            choices.append((period.code, period.title().capitalize()))
    return choices
