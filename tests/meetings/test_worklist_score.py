"""The work list asks for the score of each held meeting of the branch's members (R3.5/R3.6),
due with the minutes (R3.8: the quality self-score belongs in them)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from dangvu.core import worklist
from dangvu.meetings import rules, services
from dangvu.meetings.choices import MeetingKind, MeetingStatus

from .factories import make_meeting, take_roll

pytestmark = pytest.mark.django_db
CHECK = "meetings.not_scored"


def items(user, on: dt.date | None = None):
    return worklist.work_list(user, on=on or timezone.localdate(), only=[CHECK])


def test_R3_6_a_held_meeting_not_scored_is_on_the_branchs_work_list(world, login):
    today = timezone.localdate()
    day = today - dt.timedelta(days=2)
    meeting = take_roll(make_meeting(world.branch_a1, day))
    [item] = items(world.users.secretary_a1)
    days = rules.minutes_within_days(rules.values_in_force(day))
    assert item.due_on == day + dt.timedelta(days=days)
    assert item.url == f"/meetings/{meeting.pk}/quality/" and item.rule == "R3.6"
    assert f"{day:%d/%m/%Y}" in item.title and item.organization == "Chi bộ thôn Đông"
    assert not item.is_overdue(today)
    assert item.is_overdue(item.due_on + dt.timedelta(days=1))
    assert login(world.users.secretary_a1).get(item.url).status_code == 200
    # The committees above see it; another commune and a plain member do not.
    assert [i.url for i in items(world.users.officer_a)] == [item.url]
    assert items(world.users.officer_b) == [] and items(world.users.member_a1) == []

    services.score_meeting(
        user=world.users.secretary_a1,
        meeting=meeting,
        entered={"preparation": 10, "content": 10},
        expected_version=meeting.version,
    )
    assert items(world.users.secretary_a1) == []


def test_R3_6_only_held_meetings_of_the_members_are_asked_for(world):
    today = timezone.localdate()
    past = today - dt.timedelta(days=3)
    make_meeting(world.branch_a1, past, kind=MeetingKind.COMMITTEE)  # not scored (transitions)
    make_meeting(world.branch_a1, past, status=MeetingStatus.PLANNED, hour=14)
    make_meeting(world.branch_a1, past, status=MeetingStatus.CANCELLED, hour=16)
    make_meeting(world.branch_a1, today - dt.timedelta(days=400))  # older than a year
    thematic = make_meeting(world.branch_a2, past, kind=MeetingKind.THEMATIC, hour=19)
    assert [i.url for i in items(world.users.grassroots_a)] == [f"/meetings/{thematic.pk}/quality/"]
    # The work list of an earlier day does not see a meeting held after it.
    assert items(world.users.grassroots_a, on=past - dt.timedelta(days=1)) == []
