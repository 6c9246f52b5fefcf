"""Rules of rules.md §3 (and R6.7's absence ground), each test named after its rule; §12 cases
22–24; the work-list checks the meetings app registers."""

from __future__ import annotations

import datetime as dt

import pytest

from dangvu.core import worklist
from dangvu.core.profiles import publish_profile, values_on
from dangvu.core.rule_defaults import default_values
from dangvu.meetings import rules, services
from dangvu.meetings.choices import AttendanceState, MeetingKind, MeetingStatus, QualityRating
from dangvu.meetings.models import Meeting, Task, Visit
from dangvu.meetings.queries import computed_criteria, longest_excused_run
from dangvu.organizations.choices import SeatRole
from dangvu.organizations.models import CommitteeSeat
from tests.factories import MemberFactory

from .factories import at, make_meeting, take_roll

P, E, A = AttendanceState.PRESENT, AttendanceState.EXCUSED, AttendanceState.ABSENT
VALUES = default_values()


def items(user, on, check):
    return worklist.work_list(user, on=on, only=[check])


# ---- R3.5 attendance (§12 case 22) ---------------------------------------------------------


def test_r3_5_attendance_of_exactly_85_percent_fails():
    # §12 case 22: 20 eligible, 17 present (85%) → fails: the rule says "above 85%".
    assert not rules.attendance_criterion_met(
        present=17, eligible=20, unexcused=0, longest_excused_run=1, values=VALUES
    )


def test_r3_5_attendance_above_85_percent_all_absences_excused_passes():
    # §12 case 22: 18 present, all absences excused, nobody excused 3 times in a row → passes.
    assert rules.attendance_criterion_met(
        present=18, eligible=20, unexcused=0, longest_excused_run=2, values=VALUES
    )


def test_r3_5_any_unexcused_absence_fails_the_attendance_criterion():
    assert not rules.attendance_criterion_met(
        present=19, eligible=20, unexcused=1, longest_excused_run=0, values=VALUES
    )


@pytest.mark.django_db
def test_r3_5_excused_four_times_in_a_row_fails_later_meetings_of_the_year(world):
    # §12 case 22: a member absent with excuse in Mar, Apr, May and Jun → the criterion fails
    # for the June meeting and later ones that year, however many others attend.
    branch = world.branch_a1
    others = [MemberFactory(organization=branch) for _ in range(18)]
    meetings = {}
    for month in range(1, 9):
        meeting = make_meeting(branch, dt.date(2026, month, 12))
        states = {world.hoa: E if 3 <= month <= 6 else P}
        meetings[month] = take_roll(meeting, states)
    assert meetings[5].present_count == 19 and meetings[5].eligible_count == 20
    assert longest_excused_run(meetings[5]) == 3
    assert computed_criteria(meetings[5], VALUES)["attendance"]  # 3 in a row: not "more than 3"
    assert longest_excused_run(meetings[6]) == 4
    assert not computed_criteria(meetings[6], VALUES)["attendance"]
    assert not computed_criteria(meetings[8], VALUES)["attendance"]
    # a new year starts a new count
    next_year = take_roll(make_meeting(branch, dt.date(2027, 1, 12)))
    assert computed_criteria(next_year, VALUES)["attendance"]
    assert len(others) == 18


def test_r3_5_quorum_is_two_thirds_by_default():
    assert rules.quorum_reached(14, 21, VALUES)
    assert not rules.quorum_reached(13, 21, VALUES)
    assert not rules.quorum_reached(0, 0, VALUES)


# ---- R3.3 duration and R3.4 documents (§12 case 23) ------------------------------------------


def test_r3_3_a_regular_meeting_of_85_minutes_fails():
    assert not rules.duration_met(MeetingKind.REGULAR, 85, VALUES)
    assert rules.duration_met(MeetingKind.REGULAR, 90, VALUES)


def test_r3_3_a_combined_regular_and_thematic_meeting_needs_120_minutes():
    assert not rules.duration_met(MeetingKind.COMBINED, 110, VALUES)
    assert rules.duration_met(MeetingKind.COMBINED, 120, VALUES)


def test_r3_4_documents_uploaded_12_hours_before_fail():
    start = at(dt.date(2026, 3, 10), 8)
    assert not rules.documents_on_time(start - dt.timedelta(hours=12), start, VALUES)
    assert rules.documents_on_time(start - dt.timedelta(hours=24), start, VALUES)
    assert not rules.documents_on_time(None, start, VALUES)


# ---- R3.6 scoring ----------------------------------------------------------------------------


def test_r3_6_default_weights_sum_to_100():
    assert sum(rules.criterion_weights(VALUES).values()) == 100


@pytest.mark.parametrize(
    ("score", "rating"),
    [(100, "good"), (90, "good"), (89, "fair"), (70, "fair"), (69, "average"), (50, "average"),
     (49, "weak")],
)  # fmt: skip
def test_r3_6_rating_thresholds(score, rating):
    assert rules.rating_for(score, ["attendance", "duration", "minutes"], VALUES) == rating


def test_r3_6_good_needs_attendance_duration_and_minutes_at_their_maximum():
    met = dict.fromkeys(("attendance", "documents", "minutes", "follow_up"), True)
    result = rules.score_meeting(
        {**met, "duration": False}, {"preparation": 15, "content": 20}, VALUES
    )
    assert result["score"] == 85 and result["rating"] == QualityRating.FAIR
    # 100 - 15 (duration) = 85 < 90 anyway; with a lighter duration weight it is still not good
    values = {**VALUES, "meetings.weight_duration": 5, "meetings.weight_content": 30}
    result = rules.score_meeting(
        {**met, "duration": False}, {"preparation": 15, "content": 30}, values
    )
    assert result["score"] == 95 and result["rating"] == QualityRating.FAIR


@pytest.mark.django_db
def test_r3_6_scoring_a_meeting_stores_score_rating_and_profile(world):
    user = world.users.secretary_a1
    day = dt.date(2026, 3, 10)
    meeting = take_roll(
        make_meeting(world.branch_a1, day, documents_posted_at=at(day, 8) - dt.timedelta(days=2))
    )
    meeting = services.record_minutes(
        user=user,
        meeting=meeting,
        expected_version=meeting.version,
        data={
            "started_at": at(day, 8),
            "ended_at": at(day, 9, 45),
            "chair": world.duc,
            "minute_taker": world.hoa,
            "items": [
                {"item": "Kiểm điểm tháng", "content": "Đạt"},
                {"item": "Nhiệm vụ tháng tới", "content": "Giao việc"},
            ],
            "conclusions": "Thống nhất",
        },
    )
    meeting = services.score_meeting(
        user=user,
        meeting=meeting,
        entered={"preparation": 15, "content": 18},
        expected_version=meeting.version,
    )
    assert meeting.quality_score == 98 and meeting.quality_rating == QualityRating.GOOD
    assert meeting.quality_details["met"]["duration"] is True
    assert meeting.quality_profile is None  # only defaults exist
    with pytest.raises(Exception):  # noqa: B017  stale version
        services.score_meeting(
            user=user, meeting=meeting, entered={"preparation": 0, "content": 0},
            expected_version=meeting.version - 1,
        )  # fmt: skip


# ---- R3.9 visits -----------------------------------------------------------------------------


def test_r3_9_visit_periods_follow_the_committees_level():
    assert rules.visit_every_months("province", VALUES) == 6
    assert rules.visit_every_months("direct", VALUES) == 3
    assert rules.visit_every_months("grassroots", VALUES) == 1
    assert rules.next_visit_due(dt.date(2026, 1, 31), dt.date(2025, 1, 1), 1) == dt.date(
        2026, 2, 28
    )


# ---- work-list checks ------------------------------------------------------------------------


@pytest.mark.django_db
def test_r3_1_a_branch_without_a_regular_meeting_last_month_is_listed(world):
    on = dt.date(2026, 4, 15)
    make_meeting(world.branch_a1, dt.date(2026, 3, 10), kind=MeetingKind.COMBINED)
    make_meeting(world.branch_a2, dt.date(2026, 3, 10), kind=MeetingKind.THEMATIC)
    make_meeting(world.school_a, dt.date(2026, 3, 10), status=MeetingStatus.CANCELLED)
    found = items(world.users.officer_a, on, "meetings.no_regular_meeting")
    assert {i.organization for i in found} == {world.branch_a2.name, world.school_a.name}
    assert all(i.rule == "R3.1" and i.due_on == dt.date(2026, 3, 31) for i in found)
    assert items(world.users.officer_b, on, "meetings.no_regular_meeting")[0].organization == (
        world.branch_b1.name
    )
    assert items(world.users.member_a1, on, "meetings.no_regular_meeting") == []


@pytest.mark.django_db
def test_r3_2_no_thematic_meeting_in_the_first_quarter_is_flagged(world):
    # §12 case 24: no thematic meeting between 2026-01-01 and 2026-03-31 → quarterly flag.
    for month in (1, 2, 3):
        make_meeting(world.branch_a1, dt.date(2026, month, 10))
    make_meeting(world.branch_a2, dt.date(2026, 2, 10), kind=MeetingKind.THEMATIC)
    make_meeting(world.school_a, dt.date(2026, 3, 30), kind=MeetingKind.COMBINED)
    make_meeting(world.school_a, dt.date(2026, 4, 2), kind=MeetingKind.THEMATIC)
    found = items(world.users.officer_a, dt.date(2026, 4, 10), "meetings.no_thematic_meeting")
    assert [i.organization for i in found] == [world.branch_a1.name]
    assert found[0].due_on == dt.date(2026, 3, 31)


@pytest.mark.django_db
def test_r3_8_minutes_not_recorded_within_a_week_are_listed(world):
    late = make_meeting(world.branch_a1, dt.date(2026, 3, 1))
    make_meeting(world.branch_a1, dt.date(2026, 3, 8))  # only 2 days ago: not yet due
    make_meeting(world.branch_a2, dt.date(2026, 2, 1), minutes_recorded_at=at(dt.date(2026, 2, 2)))
    found = items(world.users.officer_a, dt.date(2026, 3, 10), "meetings.minutes_missing")
    assert [i.url for i in found] == [f"/meetings/{late.pk}/minutes/"]
    assert found[0].due_on == dt.date(2026, 3, 8)


@pytest.mark.django_db
def test_r6_7_absent_without_reason_three_months_of_the_year_is_listed(world):
    # R6.7 (QĐ 29 §8.1; §12 case 18's reading): months within one calendar year, consecutive
    # or not. Hoa misses 4 months, Đức 3 non-consecutive ones, Lan only 2.
    branch = world.branch_a1
    lan = MemberFactory(full_name="Phạm Thị Lan", organization=branch)
    plan = ((2, A, A, A), (5, A, P, P), (6, A, A, A), (9, A, A, P))
    for month, hoa, duc, lan_state in plan:
        take_roll(
            make_meeting(branch, dt.date(2026, month, 5)),
            {world.hoa: hoa, world.duc: duc, lan: lan_state},
        )
    found = items(world.users.officer_a, dt.date(2026, 9, 20), "meetings.unexcused_absences")
    assert {i.subject for i in found} == {world.hoa.full_name, world.duc.full_name}
    duc = next(i for i in found if i.subject == world.duc.full_name)
    assert "02/2026, 06/2026, 09/2026" in duc.title
    # B sees nothing of A
    assert items(world.users.officer_b, dt.date(2026, 9, 20), "meetings.unexcused_absences") == []


@pytest.mark.django_db
def test_r6_7_months_of_another_year_do_not_count(world):
    # Nov and Dec 2025 and Jan 2026: three consecutive months, but two calendar years.
    for day in (dt.date(2025, 11, 5), dt.date(2025, 12, 5), dt.date(2026, 1, 5)):
        take_roll(make_meeting(world.branch_a1, day), {world.hoa: A})
    assert items(world.users.officer_a, dt.date(2026, 1, 20), "meetings.unexcused_absences") == []
    assert items(world.users.officer_a, dt.date(2025, 12, 20), "meetings.unexcused_absences") == []


@pytest.mark.django_db
def test_r6_7_two_meetings_in_one_month_count_once(world):
    for day in (dt.date(2026, 3, 2), dt.date(2026, 3, 20), dt.date(2026, 4, 5)):
        take_roll(make_meeting(world.branch_a1, day), {world.hoa: A})
    assert items(world.users.officer_a, dt.date(2026, 4, 20), "meetings.unexcused_absences") == []


@pytest.mark.django_db
def test_r6_7_the_threshold_and_consecutiveness_come_from_the_profile(world):
    for month, state in ((6, A), (7, A), (8, P), (9, A)):
        take_roll(make_meeting(world.branch_a1, dt.date(2026, month, 5)), {world.hoa: state})
    on = dt.date(2026, 9, 20)
    assert len(items(world.users.officer_a, on, "meetings.unexcused_absences")) == 1
    publish_profile(
        values={"meetings.unexcused_absence_consecutive": True},
        valid_from=dt.date(2026, 1, 1),
        note="consecutive months only",
        user=world.users.admin,
    )
    # a present month breaks the run of consecutive months
    assert items(world.users.officer_a, on, "meetings.unexcused_absences") == []
    publish_profile(
        values={
            "meetings.unexcused_absence_consecutive": True,
            "meetings.unexcused_absence_months": 2,
        },
        valid_from=dt.date(2026, 1, 2),
        note="two consecutive months",
        user=world.users.admin,
    )
    found = items(world.users.officer_a, on, "meetings.unexcused_absences")
    assert len(found) == 1 and "quy định: 2 tháng" in found[0].title


def test_r6_7_months_counted_consecutive_or_not():
    assert rules.unexcused_months_counted([2, 5, 9], consecutive=False) == 3
    assert rules.unexcused_months_counted([2, 5, 9], consecutive=True) == 1
    assert rules.unexcused_months_counted([2, 3, 3, 4, 9], consecutive=True) == 3
    assert rules.unexcused_months_counted([], consecutive=True) == 0


@pytest.mark.django_db
def test_tasks_past_due_are_listed_for_the_branch_and_the_assignee(world):
    meeting = make_meeting(world.branch_a1, dt.date(2026, 3, 1))
    common = {"meeting": meeting, "organization": world.branch_a1, "org_path": meeting.org_path}
    Task.objects.create(
        title="Sửa nhà văn hóa", assignee=world.hoa, due_on=dt.date(2026, 3, 5), **common
    )
    Task.objects.create(
        title="Done",
        assignee=world.hoa,
        due_on=dt.date(2026, 3, 5),
        done_on=dt.date(2026, 3, 4),
        **common,
    )
    Task.objects.create(title="Later", group="Tổ 1", due_on=dt.date(2026, 4, 5), **common)
    on = dt.date(2026, 3, 10)
    assert [i.title for i in items(world.users.secretary_a1, on, "meetings.tasks_overdue")] == [
        "Nhiệm vụ quá hạn: Sửa nhà văn hóa"
    ]
    assert len(items(world.users.member_a1, on, "meetings.tasks_overdue")) == 1
    assert items(world.users.officer_b, on, "meetings.tasks_overdue") == []


@pytest.mark.django_db
def test_r3_9_a_committee_member_behind_on_visits_is_listed(world):
    on = dt.date(2026, 6, 20)
    seat = dict(role=SeatRole.MEMBER, valid_from=dt.date(2025, 10, 1))
    CommitteeSeat.objects.create(organization=world.commune_a, member=world.teacher, **seat)
    CommitteeSeat.objects.create(organization=world.base_a, member=world.probationer, **seat)
    CommitteeSeat.objects.create(organization=world.branch_a1, member=world.duc, **seat)  # own
    # the commune member visited in April (every 3 months: due in July, on track)
    meeting = make_meeting(world.branch_a1, dt.date(2026, 4, 10))
    services.record_visit(user=world.users.officer_a, meeting=meeting, member=world.teacher)
    # the grassroots member last visited in April too (every month: overdue since May)
    services.record_visit(user=world.users.officer_a, meeting=meeting, member=world.probationer)
    found = items(world.users.officer_a, on, "meetings.visit_duties_overdue")
    assert [(i.subject, i.due_on) for i in found] == [
        (world.probationer.full_name, dt.date(2026, 5, 10))
    ]
    assert Visit.objects.count() == 2
    assert items(world.users.officer_b, on, "meetings.visit_duties_overdue") == []


@pytest.mark.django_db
def test_every_rule_number_comes_from_the_profile(world, admin_user):
    from dangvu.core.profiles import publish_profile

    publish_profile(
        values={"meetings.regular_min_minutes": 60, "meetings.score_good_min": 95},
        valid_from=dt.date(2026, 1, 1),
        note="Tỉnh quy định riêng",
        user=admin_user,
    )
    profile, values = values_on(dt.date(2026, 3, 1))
    assert rules.duration_met(MeetingKind.REGULAR, 60, values)
    assert rules.rating_for(92, ["attendance", "duration", "minutes"], values) == "fair"
    _profile, before = values_on(dt.date(2025, 12, 31))
    assert not rules.duration_met(MeetingKind.REGULAR, 60, before)
    assert profile is not None and Meeting.objects.count() == 0
