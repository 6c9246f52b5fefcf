"""The meeting regulations (rules.md §3, and R6.7's absence ground) as pure functions.

Each function cites its rule and regulation; every number comes from the rule profile's values
(`values`, read through `rules.profile`), never from a constant here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from dangvu.core.calendar import add_months
from dangvu.organizations.choices import BRANCH_KINDS, KIND_LEVEL, Kind, Level

from ..choices import CRITERIA, REGULAR_KINDS, MeetingKind, QualityRating, VisitLevel


def quorum_reached(present: int, eligible: int, values: dict[str, Any]) -> bool:
    """R3.5 [U] quorum: at least the configured share (default two thirds, as for congresses in
    Điều lệ Đ10) of the members listed are present."""
    numerator, denominator = values["meetings.quorum_fraction"]
    return eligible > 0 and present * denominator >= eligible * numerator


def longest_run(states: Sequence[str], state: str) -> int:
    """The longest run of consecutive `state` in a member's attendance sequence."""
    best = run = 0
    for value in states:
        run = run + 1 if value == state else 0
        best = max(best, run)
    return best


def attendance_criterion_met(
    *, present: int, eligible: int, unexcused: int, longest_excused_run: int, values: dict
) -> bool:
    """R3.5.1 HD 12-HD/BTCTW (2018): attendance above 85% (strictly), no unexcused absence, and
    nobody absent with an excuse more than 3 consecutive times in the year (§12 case 22).
    Members not marked count as unexcused: a roll call must be complete."""
    if eligible <= 0:
        return False
    rate_ok = present * 100 > values["meetings.good_attendance_percent"] * eligible
    return (
        rate_ok
        and unexcused == 0
        and longest_excused_run <= values["meetings.max_consecutive_excused"]
    )


def minimum_minutes(kind: str, values: dict) -> int:
    """R3.3 HD 42-HD/BTCTW (2025): at least 90 minutes; 120 when a regular and a thematic
    meeting are held in one session."""
    if kind == MeetingKind.COMBINED:
        return values["meetings.combined_min_minutes"]
    return values["meetings.regular_min_minutes"]


def duration_met(kind: str, minutes: int | None, values: dict) -> bool:
    """R3.3: the meeting lasted at least its minimum (§12 case 23)."""
    return minutes is not None and minutes >= minimum_minutes(kind, values)


def documents_on_time(posted_at: dt.datetime | None, starts_at: dt.datetime, values: dict) -> bool:
    """R3.4.4 HD 42-HD/BTCTW (2025): documents posted at least one day (24 h) before the
    meeting (§12 case 23: 12 hours before fails)."""
    if posted_at is None:
        return False
    return starts_at - posted_at >= dt.timedelta(hours=values["meetings.documents_before_hours"])


def criterion_weights(values: dict) -> dict[str, int]:
    """R3.5/R3.6: the province's points per criterion (default 100 in all)."""
    return {name: int(values[f"meetings.weight_{name}"]) for name in CRITERIA}


def rating_for(score: int, maxed: Iterable[str], values: dict) -> str:
    """R3.6 (local scale, Bình Thuận example): Tốt ≥ 90 and the attendance, duration and
    minutes criteria each at their maximum; Khá 70–<90; Trung bình 50–<70; Kém < 50."""
    maxed = set(maxed)
    if (
        score >= values["meetings.score_good_min"]
        and set(values["meetings.good_requires_max"]) <= maxed
    ):
        return QualityRating.GOOD
    if score >= values["meetings.score_fair_min"]:
        return QualityRating.FAIR
    if score >= values["meetings.score_average_min"]:
        return QualityRating.AVERAGE
    return QualityRating.WEAK


def score_meeting(met: dict[str, bool], entered: dict[str, int], values: dict) -> dict:
    """R3.5/R3.6: computed criteria score all or nothing, entered ones up to their weight.
    Returns {"points": {criterion: points}, "score": int, "rating": str, "met": {...}}."""
    weights = criterion_weights(values)
    points: dict[str, int] = {}
    for name, weight in weights.items():
        if name in met:
            points[name] = weight if met[name] else 0
        else:
            points[name] = max(0, min(weight, int(entered.get(name) or 0)))
    maxed = [name for name, weight in weights.items() if points[name] >= weight]
    score = sum(points.values())
    return {
        "points": points,
        "score": score,
        "rating": rating_for(score, maxed, values),
        "met": met,
    }


def visit_level(level: str) -> str:
    """R3.9: the visit duty of a committee member follows the level of their committee
    (`organizations.choices.Level`): province, direct level, or grassroots (grassroots
    committees and their sub-committees)."""
    if level == Level.PROVINCE:
        return VisitLevel.PROVINCE
    if level == Level.DIRECT:
        return VisitLevel.DIRECT
    return VisitLevel.GRASSROOTS


def committee_level(committee) -> str:
    """R3.9: which duty a committee member has depends on their committee's level."""
    return visit_level(committee.level)


def kind_level(kind: str) -> str:
    """R3.9: the visit level of the committee of an organization of this kind."""
    return visit_level(KIND_LEVEL[kind])


def level_kinds() -> dict[str, list[str]]:
    """Organization kinds by the visit level of their committee."""
    kinds: dict[str, list[str]] = {}
    for kind in Kind.values:
        if kind not in BRANCH_KINDS and kind != Kind.PARTY_GROUP:
            kinds.setdefault(kind_level(kind), []).append(kind)
    return kinds


def visit_every_months(level: str, values: dict) -> int:
    """R3.9 (local setting, Lào Cai defaults): a provincial committee member attends a branch
    at least every 6 months, a direct-level one every 3, a grassroots one every month."""
    key = {
        VisitLevel.PROVINCE: "visits.province_months",
        VisitLevel.DIRECT: "visits.direct_months",
        VisitLevel.GRASSROOTS: "visits.grassroots_months",
    }[level]
    return int(values[key])


def next_visit_due(last: dt.date | None, since: dt.date, months: int) -> dt.date:
    """R3.9: the next visit is due `months` after the last one (or after the duty began)."""
    return add_months(last or since, months)


def month_start(on: dt.date, months_back: int = 0) -> dt.date:
    """The first day of the month `months_back` months before `on`'s month."""
    return add_months(on.replace(day=1), -months_back)


def second_regular_meeting(kind: str, month_kinds: Iterable[str]) -> bool:
    """R3.1 Điều lệ Đ24: a branch holds its regular meeting once a month. Another meeting of a
    regular kind (regular, or regular and thematic in one session) in a month that already
    has one is a second regular meeting: allowed only once the secretary confirms it.
    `month_kinds`: the kinds of the branch's other meetings of that month, not cancelled."""
    return kind in REGULAR_KINDS and any(other in REGULAR_KINDS for other in month_kinds)


def last_month(on: dt.date) -> tuple[dt.date, dt.date]:
    """R3.1 Điều lệ Đ24: the last complete month before `on` (a branch meets once a month)."""
    return month_start(on, 1), month_start(on) - dt.timedelta(days=1)


def thematic_every_months(values: dict) -> int:
    """R3.2 HD 42-HD/BTCTW (2025): a thematic meeting at least once per period of this many
    months (default 3: once a quarter)."""
    return int(values["meetings.thematic_every_months"])


def last_thematic_period(on: dt.date, values: dict) -> tuple[dt.date, dt.date]:
    """R3.2: the last complete period of `meetings.thematic_every_months` months before `on`
    (default: the last quarter), periods counted from January."""
    months = thematic_every_months(values)
    index = (on.year * 12 + on.month - 1) // months * months  # current period start
    end = dt.date(index // 12, index % 12 + 1, 1) - dt.timedelta(days=1)
    start = add_months(end.replace(day=1), -(months - 1))
    return start, end


def minutes_within_days(values: dict) -> int:
    """R3.8 [U]: the minutes of a meeting are recorded within this many days (local setting,
    default a week)."""
    return int(values["meetings.minutes_within_days"])


def scoring_scale(values: dict) -> tuple[int, int, int]:
    """R3.6: the lowest score of a good, a fair and an average meeting (90, 70, 50)."""
    return (
        values["meetings.score_good_min"],
        values["meetings.score_fair_min"],
        values["meetings.score_average_min"],
    )


def unexcused_months_counted(months: Sequence[int], consecutive: bool) -> int:
    """R6.7 QĐ 29 §8.1: the months of one calendar year with an absence without reason from a
    regular meeting. rules.md leaves open whether they must be consecutive ([U]): by default
    any months of the year count; with `meetings.unexcused_absence_consecutive` only the
    longest run of consecutive months does."""
    distinct = sorted(set(months))
    if not consecutive:
        return len(distinct)
    longest = run = 0
    previous = None
    for month in distinct:
        run = run + 1 if previous is not None and month == previous + 1 else 1
        longest = max(longest, run)
        previous = month
    return longest


def unexcused_absence_threshold(values: dict) -> tuple[int, bool]:
    """R6.7 QĐ 29 §8.1: the number of months of a year with an absence without reason that
    makes a ground for name removal (default 3), and whether they must be consecutive."""
    return (
        int(values["meetings.unexcused_absence_months"]),
        bool(values["meetings.unexcused_absence_consecutive"]),
    )
