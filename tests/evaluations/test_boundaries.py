"""Evaluation rules (rules.md §4) at their boundaries: the exact points, counts and dates where
the outcome flips. Numbers come from the rule profile (`core.profiles.values_on`)."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import pytest

from dangvu.core.profiles import values_on
from dangvu.evaluations import rules
from dangvu.evaluations.choices import Framework, Rating
from dangvu.members.choices import Occupation

pytestmark = pytest.mark.django_db
D = dt.date
ALL = {key: True for key in rules.CONDITIONS}
STEP = Decimal("0.1")


REVIEW_DAY = D(2025, 12, 1)


def values(on: dt.date = REVIEW_DAY) -> dict:
    return values_on(on)[1]


# ---- R4.3 points → level --------------------------------------------------------------------


@pytest.mark.parametrize("framework", [Framework.NO_POST, Framework.LEADER, Framework.OUTSIDE])
def test_R4_3_each_level_starts_at_its_minimum_points(framework):
    """R4.3 (QĐ 366-QĐ/TW): HTXSNV from 90 points, HTTNV from 70, HTNV from 50 (profile), with
    every condition met; 0.1 point less is the level below."""
    vals = values()
    for key, level, below in (
        ("evaluation.excellent_min_points", Rating.EXCELLENT, Rating.GOOD),
        ("evaluation.good_min_points", Rating.GOOD, Rating.COMPLETED),
        ("evaluation.completed_min_points", Rating.COMPLETED, Rating.NOT_COMPLETED),
    ):
        minimum = Decimal(str(vals[key]))
        assert rules.level_from_points(minimum, ALL, framework, vals) == level
        assert rules.level_from_points(minimum - STEP, ALL, framework, vals) == below
    assert rules.level_from_points(100, ALL, framework, vals) == Rating.EXCELLENT
    assert rules.level_from_points(0, ALL, framework, vals) == Rating.NOT_COMPLETED


@pytest.mark.parametrize("missing", ["all_on_time", "above_requirement", "limitations_fixed"])
def test_R4_3_excellent_needs_every_condition(missing):
    """R4.3 (QĐ 366-QĐ/TW): 90 points are not HTXSNV without 100% of tasks on time, ≥ 30% above
    requirement and every earlier limitation fixed; the level falls to HTTNV (or HTNV when the
    tasks were not all on time)."""
    vals = values()
    conditions = dict(ALL, **{missing: False})
    points = vals["evaluation.excellent_min_points"]
    expected = Rating.COMPLETED if missing == "all_on_time" else Rating.GOOD
    assert rules.level_from_points(points, conditions, Framework.NO_POST, vals) == expected


def test_R4_3_a_leader_s_excellence_also_needs_the_units_led():
    """R4.3 (QĐ 366-QĐ/TW, form 2B): a leader is HTXSNV only if the units led directly also meet
    the conditions; other members do not need that condition."""
    vals = values()
    points = vals["evaluation.excellent_min_points"]
    conditions = dict(ALL, units_excellent=False)
    assert rules.level_from_points(points, conditions, Framework.LEADER, vals) == Rating.GOOD
    assert rules.level_from_points(points, conditions, Framework.NO_POST, vals) == (
        Rating.EXCELLENT
    )


def test_R4_3_good_needs_every_task_on_time():
    """R4.3 (QĐ 366-QĐ/TW): HTTNV needs 100% of tasks on time, otherwise HTNV."""
    vals = values()
    points = vals["evaluation.good_min_points"]
    late = dict(ALL, all_on_time=False)
    assert rules.level_from_points(points, late, Framework.OUTSIDE, vals) == Rating.COMPLETED
    assert rules.level_from_points(points, {}, Framework.NO_POST, vals) == Rating.COMPLETED


def test_R4_3_a_collective_completes_only_with_at_most_20_percent_late():
    """R4.3 (QĐ 366-QĐ/TW, form 01): a collective with 50 points is HTNV when at most 20% of
    its tasks were late (or all on time); otherwise KHTNV. Members need no such condition."""
    vals = values()
    points = vals["evaluation.completed_min_points"]
    none = {key: False for key in rules.CONDITIONS}
    collective = Framework.COLLECTIVE
    assert rules.level_from_points(points, none, collective, vals) == Rating.NOT_COMPLETED
    late_ok = dict(none, late_share_ok=True)
    assert rules.level_from_points(points, late_ok, collective, vals) == Rating.COMPLETED
    on_time = dict(none, all_on_time=True)
    assert rules.level_from_points(points, on_time, collective, vals) == Rating.COMPLETED
    assert rules.level_from_points(points, none, Framework.NO_POST, vals) == Rating.COMPLETED


def test_R4_3_points_as_float_or_decimal_give_the_same_level():
    """R4.3: 89.9 points (a float from a form) is below 90, 90.0 is not."""
    vals = values()
    assert rules.level_from_points(89.9, ALL, Framework.NO_POST, vals) == Rating.GOOD
    assert rules.level_from_points(90.0, ALL, Framework.NO_POST, vals) == Rating.EXCELLENT


def test_R4_3_the_levels_come_from_the_profile():
    """R4.3 ([C] numbers in a dated profile): raising the HTXSNV minimum moves the boundary."""
    vals = dict(values(), **{"evaluation.excellent_min_points": 95})
    assert rules.level_from_points(94.9, ALL, Framework.NO_POST, vals) == Rating.GOOD
    assert rules.level_from_points(95, ALL, Framework.NO_POST, vals) == Rating.EXCELLENT


def test_R4_3_frameworks_and_their_criteria_add_up_to_30_and_70_points():
    """R4.3 (QĐ 366-QĐ/TW annexes, HD 43 forms 2A/2B/2C/01): general criteria 30 points, task
    results 70, in every framework; the form asks the conditions its level needs."""
    vals = values()
    for framework, criteria in rules.CRITERIA.items():
        general = sum(c.max_points for c in criteria if c.part == rules.GENERAL)
        tasks = sum(c.max_points for c in criteria if c.part == rules.TASKS)
        assert (general, tasks) == (
            vals["evaluation.general_max_points"],
            vals["evaluation.tasks_max_points"],
        ), framework
    base = ("all_on_time", "above_requirement", "limitations_fixed")
    assert rules.conditions_for(Framework.NO_POST) == base
    assert rules.conditions_for(Framework.OUTSIDE) == base
    assert rules.conditions_for(Framework.LEADER) == (*base, "units_excellent")
    assert rules.conditions_for(Framework.COLLECTIVE) == (*base, "late_share_ok")


@pytest.mark.parametrize(
    "occupation, holds_post, framework",
    [
        (Occupation.FARMER, True, Framework.LEADER),
        (Occupation.FARMER, False, Framework.OUTSIDE),
        (Occupation.STUDENT, False, Framework.OUTSIDE),
        (Occupation.RETIRED, False, Framework.OUTSIDE),
        (Occupation.OTHER, False, Framework.OUTSIDE),
    ],
)
def test_R4_3_the_framework_follows_post_and_occupation(occupation, holds_post, framework):
    """R4.3 (QĐ 366 annexes): a committee seat or head post → 2B (leaders); working outside the
    political system → 2C; everyone else → 2A."""
    assert rules.framework_for(occupation=occupation, holds_post=holds_post) == framework


def test_R4_3_members_inside_the_political_system_use_form_2a():
    """R4.3 (QĐ 366 annexes): an occupation not in the outside list uses 2A."""
    inside = [o for o in Occupation.values if o not in rules.OUTSIDE_OCCUPATIONS]
    assert inside
    for occupation in inside:
        assert rules.framework_for(occupation=occupation, holds_post=False) == (Framework.NO_POST)


def test_R4_3_levels_are_ordered():
    """R4.3: HTXSNV > HTTNV > HTNV > KHTNV; a level is not above itself."""
    order = [Rating.EXCELLENT, Rating.GOOD, Rating.COMPLETED, Rating.NOT_COMPLETED]
    for higher, lower in zip(order, order[1:], strict=False):
        assert rules.rating_above(higher, lower)
        assert not rules.rating_above(lower, higher)
        assert not rules.rating_above(higher, higher)


# ---- R4.5 the HTXSNV quota ------------------------------------------------------------------


@pytest.mark.parametrize("good", [0, 1, 4, 5, 9, 10, 40, 42, 43, 47])
def test_R4_5_quota_floor_rounding(good):
    """R4.5 (HD 21-HD/BTCTW 2019; §12 case 25): at most 20% of those rated HTTNV, rounded down
    by default: 40 → 8, 43 → 8, 4 → 0; one more than the quota breaks it."""
    vals = values()
    assert vals["evaluation.quota_rounding"] != "round"
    quota = math.floor(good * vals["evaluation.excellent_quota_percent"] / 100)
    assert rules.excellent_quota(good, vals) == quota
    assert rules.quota_respected(quota, good, vals)
    assert not rules.quota_respected(quota + 1, good, vals)


@pytest.mark.parametrize("good, quota", [(4, 1), (42, 8), (43, 9), (47, 9), (12, 2), (13, 3)])
def test_R4_5_quota_round_half_up_when_configured(good, quota):
    """R4.5 ([U] rounding configurable): with "round", 20% of 43 (8.6) gives 9, of 42 (8.4) 8,
    of 4 (0.8) 1, and of 12.5 … halves go up (20% of 12 = 2.4 → 2, of 13 = 2.6 → 3)."""
    vals = dict(values(), **{"evaluation.quota_rounding": "round"})
    assert rules.excellent_quota(good, vals) == quota


def test_R4_5_quota_round_exact_half_goes_up():
    """R4.5 ([U] rounding): exactly half (25% of 10 = 2.5) rounds up to 3, 2.4 to 2."""
    vals = dict(
        values(),
        **{"evaluation.quota_rounding": "round", "evaluation.excellent_quota_percent": 25},
    )
    assert rules.excellent_quota(10, vals) == 3
    assert rules.excellent_quota(9, vals) == 2  # 2.25
    floor = dict(vals, **{"evaluation.quota_rounding": "floor"})
    assert rules.excellent_quota(10, floor) == 2
    assert rules.excellent_quota(20, floor) == 5  # exactly 5.0, not 4


def test_R4_5_an_exact_share_is_not_lost_to_floating_point():
    """R4.5: 20% of 35 is exactly 7 (7.000000000000001 or 6.999… in floats): the quota is 7."""
    vals = values()
    for good in (5, 15, 35, 45, 55, 65, 85, 95, 105):
        assert rules.excellent_quota(good, vals) == good // 5


# ---- R4.6 / R4.8 caps -----------------------------------------------------------------------


def test_R4_6_a_leader_is_not_rated_above_the_collective():
    """R4.6 (HD 21-HD/BTCTW 2019): the head of a collective rated HTTNV is capped at HTTNV; the
    profile can switch the rule off; without a collective rating there is no cap."""
    vals = values()
    assert vals["evaluation.leader_not_above_collective"]
    assert rules.leader_cap(Rating.GOOD, vals) == Rating.GOOD
    assert rules.leader_cap(None, vals) is None
    assert rules.leader_cap("", vals) is None
    off = dict(vals, **{"evaluation.leader_not_above_collective": False})
    assert rules.leader_cap(Rating.GOOD, off) is None
    assert rules.member_cap(
        disciplined=False, probationary=False, collective_rating=Rating.GOOD, values=vals
    ) == (Rating.GOOD)
    assert rules.member_cap(
        disciplined=False, probationary=False, collective_rating=None, values=vals
    ) == (Rating.EXCELLENT)


def test_R4_8_probationary_members_are_capped_only_by_the_profile():
    """R4.8 (HD 21-HD/BTCTW 2019, secondary): a probationary member is rated like an official
    one unless the profile sets a cap."""
    vals = values()
    assert rules.probationary_cap(vals) == vals["evaluation.probationary_max"]
    capped = dict(vals, **{"evaluation.probationary_max": Rating.GOOD})
    assert rules.member_cap(
        disciplined=False, probationary=True, collective_rating=None, values=capped
    ) == (Rating.GOOD)
    assert rules.member_cap(
        disciplined=False, probationary=False, collective_rating=None, values=capped
    ) == (Rating.EXCELLENT)
    # Both caps: the lower one wins.
    assert rules.member_cap(
        disciplined=False,
        probationary=True,
        collective_rating=Rating.COMPLETED,
        values=capped,
    ) == (Rating.COMPLETED)


# ---- the profile date of a review year ------------------------------------------------------


def test_R4_the_profile_of_a_review_year_is_read_at_the_latest_on_its_last_day():
    """rules.md §0 (dated profiles): a decision about year Y taken during Y uses that day's
    profile; one taken later uses the profile of 31 December of Y (not later)."""
    assert rules.rule_date(2025, D(2025, 11, 30)) == D(2025, 11, 30)
    assert rules.rule_date(2025, D(2025, 12, 31)) == D(2025, 12, 31)
    assert rules.rule_date(2025, D(2026, 1, 1)) == D(2025, 12, 31)
    assert rules.year_bounds(2025) == (D(2025, 1, 1), D(2025, 12, 31))


# ---- R4.7 the steps' work list --------------------------------------------------------------

PINNED = D(2026, 6, 1)


def _pinned():
    import time_machine
    from django.utils import timezone

    return time_machine.travel(
        dt.datetime(2026, 6, 1, 12, tzinfo=timezone.get_default_timezone()), tick=False
    )


def _self_missing(user, on):
    from dangvu.core import worklist

    found = worklist.work_list(user, on=on, only=["evaluations.self_missing"])
    return {i.subject for i in found}


def test_R4_7_late_self_assessments_from_the_day_after_the_window(world):
    """R4.7 (QĐ 366-QĐ/TW; HD 43-HD/BTCTW): committees see a member who has not self-assessed
    from the day after the self-assessment window closes, not on its last day; members left
    out of the review and cycles already closed are not listed."""
    from dangvu.evaluations.choices import CycleStatus
    from dangvu.evaluations.models import EvaluationCycle, MemberEvaluation
    from tests.evaluations.factories import open_cycle

    with _pinned():
        cycle_a = open_cycle(world)
        cycle_b = open_cycle(world, organization=world.commune_b, user=world.users.officer_b)
    last_day = cycle_a.self_until
    assert cycle_b.self_until == last_day and cycle_b.year == cycle_a.year
    everyone = {world.duc.full_name, world.hoa.full_name, world.probationer.full_name}
    assert _self_missing(world.users.officer_a, last_day) == set()
    assert everyone <= _self_missing(world.users.officer_a, last_day + dt.timedelta(days=1))
    MemberEvaluation.objects.filter(cycle=cycle_a, member=world.teacher).update(excluded=True)
    late = _self_missing(world.users.provincial, last_day + dt.timedelta(days=1))
    assert world.teacher.full_name not in late and world.hoa.full_name in late
    assert world.minh.full_name in late  # commune B's open cycle
    EvaluationCycle.objects.filter(pk=cycle_b.pk).update(status=CycleStatus.CLOSED)
    late = _self_missing(world.users.provincial, last_day + dt.timedelta(days=1))
    assert world.minh.full_name not in late and world.hoa.full_name in late


def test_R4_7_each_branch_s_missing_proposals_link_to_its_own_form(world):
    """R4.7 (HD 43-HD/BTCTW): after the proposal deadline each branch with members not proposed
    is listed once, linked to that branch's own proposal form of the cycle."""
    from django.urls import reverse

    from dangvu.core import worklist
    from tests.evaluations.factories import open_cycle, org_row

    with _pinned():
        cycle = open_cycle(world)
    after = cycle.propose_until + dt.timedelta(days=1)
    found = worklist.work_list(
        world.users.grassroots_a, on=after, only=["evaluations.proposal_missing"]
    )
    urls = {i.organization: i.url for i in found}
    assert urls == {
        branch.name: reverse("evaluations:propose", args=[org_row(cycle, branch).pk])
        for branch in (world.branch_a1, world.branch_a2)
    }
    assert (
        worklist.work_list(
            world.users.grassroots_a, on=cycle.propose_until, only=["evaluations.proposal_missing"]
        )
        == []
    )
