"""The evaluation rules (rules.md §4) as pure functions: criteria frameworks, points → level,
caps, the quota. Numbers come from the rule profile (`values`, read through profile.py); the
checks that need the database are in precheck.py, the steps' order and dates in transitions.py.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from dangvu.members.choices import Occupation

from ..choices import RATING_RANK, Framework, Rating, rating_min

GENERAL = "general"
TASKS = "tasks"


@dataclass(frozen=True)
class Criterion:
    key: str
    label: Any  # lazy msgid
    part: str  # GENERAL (out of 30) or TASKS (out of 70)
    max_points: int


# R4.3 [C] QĐ 366-QĐ/TW annexes (HD 43 forms 2A/2B/2C/01): general criteria worth 30 points,
# task results 70. The annexes' detailed items were not seen [U]: these are short groupings of
# their headings, each with its share of the 30/70 points.
_POLITICAL = Criterion("political", _("Political ideology"), GENERAL, 8)
_ETHICS = Criterion("ethics", _("Ethics and lifestyle"), GENERAL, 8)
_DISCIPLINE = Criterion("discipline", _("Sense of organization and discipline"), GENERAL, 7)
_STYLE = Criterion("style", _("Working style and manner"), GENERAL, 7)
_PEOPLE = Criterion("people", _("Ties with the people"), GENERAL, 7)

CRITERIA: dict[str, tuple[Criterion, ...]] = {
    Framework.NO_POST: (
        _POLITICAL,
        _ETHICS,
        _DISCIPLINE,
        _STYLE,
        Criterion("assigned", _("Results of assigned tasks"), TASKS, 40),
        Criterion("party_duties", _("Member duties and party activity"), TASKS, 20),
        Criterion("residence", _("Duties at the place of residence"), TASKS, 10),
    ),
    Framework.LEADER: (
        _POLITICAL,
        _ETHICS,
        _DISCIPLINE,
        _STYLE,
        Criterion("assigned", _("Results of assigned tasks"), TASKS, 30),
        Criterion("unit_results", _("Results of the unit led"), TASKS, 25),
        Criterion("leadership", _("Leading, directing and organizing"), TASKS, 15),
    ),
    Framework.OUTSIDE: (
        _POLITICAL,
        _ETHICS,
        _DISCIPLINE,
        _PEOPLE,
        Criterion("party_duties", _("Member duties and party activity"), TASKS, 30),
        Criterion("residence", _("Duties at the place of residence"), TASKS, 20),
        Criterion("work", _("Results of work, production or study"), TASKS, 20),
    ),
    Framework.COLLECTIVE: (
        Criterion("politics", _("Political and ideological building"), GENERAL, 10),
        Criterion("organization", _("Organization and cadre building"), GENERAL, 10),
        Criterion("inspection", _("Inspection, supervision and discipline"), GENERAL, 10),
        Criterion("political_tasks", _("Results of political tasks"), TASKS, 50),
        Criterion("party_life", _("Quality of party meetings"), TASKS, 20),
    ),
}

# R4.3 conditions besides the points (QĐ 366): each level names the ones it needs.
CONDITIONS: dict[str, Any] = {
    "all_on_time": _("All tasks done on time and with quality"),
    "above_requirement": _("At least 30% of tasks done above requirement"),
    "limitations_fixed": _("All limitations noted earlier have been fixed"),
    "units_excellent": _("The units I lead directly also meet these conditions"),
    "late_share_ok": _("At most 20% of tasks done late"),
}


def conditions_for(framework: str) -> tuple[str, ...]:
    """The conditions a framework's form asks about."""
    base = ("all_on_time", "above_requirement", "limitations_fixed")
    if framework == Framework.LEADER:
        return (*base, "units_excellent")
    if framework == Framework.COLLECTIVE:
        return (*base, "late_share_ok")
    return base


# Occupations outside the political system (party, state, Front, mass organizations, armed
# forces, public service units): form 2C of HD 43. Workers and "other" are counted outside
# since neither is a post in the system; teachers are mostly public employees of state schools.
OUTSIDE_OCCUPATIONS = frozenset(
    {
        Occupation.FARMER,
        Occupation.WORKER,
        Occupation.PRIVATE_ENTERPRISE,
        Occupation.SELF_EMPLOYED,
        Occupation.STUDENT,
        Occupation.RETIRED,
        Occupation.OTHER,
    }
)


def framework_for(*, occupation: str, holds_post: bool) -> str:
    """R4.3 QĐ 366 annexes: a member with a committee seat or a head post uses the leaders'
    framework (2B); one working outside the political system 2C; everyone else 2A."""
    if holds_post:
        return Framework.LEADER
    if occupation in OUTSIDE_OCCUPATIONS:
        return Framework.OUTSIDE
    return Framework.NO_POST


def rating_above(a: str, b: str) -> bool:
    """Is level `a` higher than level `b`?"""
    return RATING_RANK[Rating(a)] > RATING_RANK[Rating(b)]


def level_from_points(
    total: Decimal | float, conditions: dict[str, bool], framework: str, values: dict
) -> str:
    """R4.3 [C] QĐ 366: HTXSNV ≥ 90 points and 100% of tasks on time with ≥ 30% above
    requirement and all limitations fixed (a leader: the units led too); HTTNV 70–<90 and 100%
    of tasks on time; HTNV 50–<70 (a collective: ≤ 20% of tasks late); KHTNV below.
    A level whose conditions are not met falls to the next one down."""
    total = Decimal(str(total))
    ok = {key: bool(conditions.get(key)) for key in CONDITIONS}
    excellent = ok["all_on_time"] and ok["above_requirement"] and ok["limitations_fixed"]
    if framework == Framework.LEADER:
        excellent = excellent and ok["units_excellent"]
    if total >= values["evaluation.excellent_min_points"] and excellent:
        return Rating.EXCELLENT
    if total >= values["evaluation.good_min_points"] and ok["all_on_time"]:
        return Rating.GOOD
    completed_ok = ok["late_share_ok"] or ok["all_on_time"]
    if framework != Framework.COLLECTIVE:
        completed_ok = True
    if total >= values["evaluation.completed_min_points"] and completed_ok:
        return Rating.COMPLETED
    return Rating.NOT_COMPLETED


def excellent_quota(good: int, values: dict) -> int:
    """R4.5 [C: HD 21-HD/BTCTW 2019; U under QĐ 366]: the members rated HTXSNV may not exceed
    20% of those rated HTTNV in each grassroots organization. Percent and rounding (floor or
    round, unspecified in the text) come from the profile."""
    share = good * values["evaluation.excellent_quota_percent"] / 100
    if values["evaluation.quota_rounding"] == "round":
        return int(math.floor(share + 0.5))
    return int(math.floor(share + 1e-9))


def quota_respected(excellent: int, good: int, values: dict) -> bool:
    """R4.5: `excellent` members rated HTXSNV next to `good` rated HTTNV."""
    return excellent <= excellent_quota(good, values)


@dataclass(frozen=True)
class Quota:
    """R4.5 in one grassroots organization: the members rated HTXSNV and HTTNV, the HTXSNV
    allowed (`excellent_quota`) and the profile's percent."""

    excellent: int
    good: int
    allowed: int
    percent: Any

    @property
    def ok(self) -> bool:
        return self.excellent <= self.allowed


def quota(excellent: int, good: int, values: dict) -> Quota:
    """R4.5: the quota of `excellent` HTXSNV next to `good` HTTNV (see `excellent_quota`)."""
    return Quota(
        excellent=excellent,
        good=good,
        allowed=excellent_quota(good, values),
        percent=values["evaluation.excellent_quota_percent"],
    )


def disciplined_member_cap(values: dict) -> str:
    """R4.4 [C: HD 21/2019, QĐ 124; U under 366]: a member disciplined in the year is rated at
    most this level (default KHTNV), unless the discipline is excepted (self_remedied_excepted)."""
    return values["evaluation.disciplined_member_max"]


def self_remedied_excepted(values: dict) -> bool:
    """R4.4 QĐ 124-QĐ/TW: violations the member detected and remedied themselves do not cap
    the rating ([U] `evaluation.self_remedied_exception`, default on)."""
    return bool(values["evaluation.self_remedied_exception"])


def probationary_cap(values: dict) -> str:
    """R4.8 [S: HD 21/2019]: probationary members are rated like official ones unless the
    profile caps them."""
    return values["evaluation.probationary_max"]


def collective_share_exceeded(disciplined: int, members: int, values: dict) -> bool:
    """R4.4 [C: QĐ 124, collectives]: more than 20% of the organization's members disciplined
    in the year → KHTNV. QĐ 124 counts sub-units; members are what the registry records."""
    if members <= 0:
        return False
    return disciplined * 100 > values["evaluation.collective_disciplined_share_percent"] * members


def collective_cap(*, disciplined: int, members: int, leadership_disciplined: bool, values) -> str:
    """R4.4 / R4.3 (QĐ 366, QĐ 124): an organization's highest level. A disciplined share above
    the profile's percent → KHTNV; a member of its leadership (a current committee seat holder)
    disciplined in the year → not HTXSNV (QĐ 366's condition; other members' discipline counts
    only through the share)."""
    if collective_share_exceeded(disciplined, members, values):
        return Rating.NOT_COMPLETED
    if leadership_disciplined:
        return Rating.GOOD
    return Rating.EXCELLENT


def leader_cap(collective_rating: str | None, values: dict) -> str | None:
    """R4.6 [C: HD 21/2019]: a leader (holder of the head seat) is rated after the collective
    they lead and not above it."""
    if not values["evaluation.leader_not_above_collective"] or not collective_rating:
        return None
    return collective_rating


def member_cap(
    *, disciplined: bool, probationary: bool, collective_rating: str | None, values: dict
) -> str:
    """The highest level a member may receive: R4.4, R4.8 and R4.6 together."""
    cap: str | None = Rating.EXCELLENT
    if disciplined:
        cap = rating_min(cap, disciplined_member_cap(values))
    if probationary:
        cap = rating_min(cap, probationary_cap(values))
    return rating_min(cap, leader_cap(collective_rating, values))


def scored_year(year: int, values: dict) -> bool:
    """R4.3 [C] QĐ 366: review years from `evaluation.points_from_year` are scored out of 100;
    earlier years (QĐ 132/124) pick a level only."""
    return year >= values["evaluation.points_from_year"]


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def rule_date(year: int, on: dt.date) -> dt.date:
    """The date whose rule profile governs a review year: the decision date, but never after
    the year's end (reports of past years use the profile in force that year)."""
    return min(on, dt.date(year, 12, 31))
