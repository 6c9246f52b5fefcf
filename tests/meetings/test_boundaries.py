"""Meeting rules (rules.md §3) at their boundaries: the first and last day of the period a work
list checks, and the day a branch starts or stops being expected to meet."""

from __future__ import annotations

import datetime as dt

import pytest

from dangvu.core import worklist
from dangvu.core.profiles import values_on
from dangvu.meetings import rules
from dangvu.meetings.choices import MeetingKind
from dangvu.organizations.choices import BRANCH_KINDS, Kind
from dangvu.organizations.models import Organization
from tests.meetings.factories import make_meeting

pytestmark = pytest.mark.django_db
D = dt.date
ON = D(2026, 4, 10)  # last month: March 2026; last quarter: January–March 2026
REGULAR = "meetings.no_regular_meeting"
THEMATIC = "meetings.no_thematic_meeting"


def flagged(world, check, on=ON) -> set[str]:
    return {i.organization for i in worklist.work_list(world.users.officer_a, on=on, only=[check])}


@pytest.mark.parametrize(
    "day, counts",
    [
        (D(2026, 3, 1), True),  # first day of last month
        (D(2026, 3, 31), True),  # last day of last month
        (D(2026, 2, 28), False),  # the month before
        (D(2026, 4, 1), False),  # this month
    ],
)
def test_R3_1_a_regular_meeting_counts_on_the_first_and_last_day_of_last_month(world, day, counts):
    """R3.1 (Điều lệ Đ24; Chỉ thị 50-CT/TW): a branch meets every month; the work list of
    10/4/2026 looks at March: a meeting on 1/3 or 31/3 counts, one on 28/2 or 1/4 does not."""
    make_meeting(world.branch_a1, day)
    assert (world.branch_a1.name in flagged(world, REGULAR)) is not counts


@pytest.mark.parametrize(
    "day, counts",
    [
        (D(2026, 1, 1), True),  # first day of the quarter
        (D(2026, 3, 31), True),  # last day of the quarter
        (D(2025, 12, 31), False),
        (D(2026, 4, 1), False),
    ],
)
def test_R3_2_a_thematic_meeting_counts_on_the_first_and_last_day_of_the_quarter(
    world, day, counts
):
    """R3.2 (HD 42-HD/BTCTW 2025; §12 case 24): one thematic meeting per quarter (profile); a
    thematic meeting on 1/1 or 31/3 counts for the first quarter, 31/12 or 1/4 do not."""
    assert values_on(ON)[1]["meetings.thematic_every_months"] == 3
    make_meeting(world.branch_a1, day, kind=MeetingKind.THEMATIC)
    assert (world.branch_a1.name in flagged(world, THEMATIC)) is not counts


@pytest.mark.parametrize(
    "founded, expected", [(D(2026, 3, 1), True), (D(2026, 3, 2), False), (None, True)]
)
def test_R3_1_a_branch_founded_during_last_month_is_not_expected_to_have_met(
    world, founded, expected
):
    """R3.1 (Điều lệ Đ24): a branch founded on 1/3 owes March's meeting; one founded on 2/3 does
    not yet; one without a founding date is expected to meet."""
    Organization.objects.filter(pk=world.branch_a2.pk).update(founded_on=founded)
    assert (world.branch_a2.name in flagged(world, REGULAR)) is expected


@pytest.mark.parametrize("dissolved, expected", [(D(2026, 3, 31), False), (D(2026, 4, 1), True)])
def test_R3_1_a_branch_dissolved_before_the_month_ended_is_not_flagged(world, dissolved, expected):
    """R3.1 (Điều lệ Đ24): a branch dissolved on 31/3 did not exist the whole of March and is
    not flagged; one dissolved on 1/4 is."""
    Organization.objects.filter(pk=world.branch_a2.pk).update(dissolved_on=dissolved)
    assert (world.branch_a2.name in flagged(world, REGULAR)) is expected


def test_R3_9_visit_levels_cover_committees_not_branches():
    """R3.9 (local setting, Lào Cai defaults): visit duties belong to committee members;
    branches and party groups have no visit level."""
    kinds = rules.level_kinds()
    listed = [kind for group in kinds.values() for kind in group]
    assert listed and len(listed) == len(set(listed))
    assert not set(listed) & set(BRANCH_KINDS)
    assert Kind.PARTY_GROUP not in listed
    assert Kind.PROVINCE_COMMITTEE in listed


def test_R3_5_quorum_with_a_single_member_and_none():
    """R3.5 ([U] quorum, two thirds by default): one member listed and present is a quorum;
    nobody listed is none."""
    vals = values_on(ON)[1]
    assert rules.quorum_reached(1, 1, vals)
    assert not rules.quorum_reached(0, 1, vals)
    assert not rules.quorum_reached(0, 0, vals)
    numerator, denominator = vals["meetings.quorum_fraction"]
    assert rules.quorum_reached(numerator, denominator, vals)
    assert not rules.quorum_reached(2 * numerator - 1, 2 * denominator, vals)


def test_R3_5_attendance_criterion_with_one_member_and_none():
    """R3.5.1 (HD 12-HD/BTCTW 2018): a one-member roll call fully present meets the attendance
    criterion; an empty roll call never does; no absence run means 0."""
    vals = values_on(ON)[1]
    assert rules.attendance_criterion_met(
        present=1, eligible=1, unexcused=0, longest_excused_run=0, values=vals
    )
    assert not rules.attendance_criterion_met(
        present=0, eligible=0, unexcused=0, longest_excused_run=0, values=vals
    )
    assert rules.longest_run([], "excused") == 0
    assert rules.longest_run(["present", "present"], "excused") == 0
    assert rules.longest_run(["excused", "present", "excused", "excused"], "excused") == 2


def test_R3_6_entered_criteria_score_zero_when_left_empty():
    """R3.5/R3.6 (local scale): an entered criterion left empty or 0 scores 0, not 1."""
    vals = values_on(ON)[1]
    result = rules.score_meeting({}, {}, vals)
    assert set(result["points"].values()) == {0} and result["score"] == 0
    name = next(iter(rules.criterion_weights(vals)))
    assert rules.score_meeting({}, {name: 0}, vals)["points"][name] == 0
    assert rules.score_meeting({}, {name: None}, vals)["points"][name] == 0
