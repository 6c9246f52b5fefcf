"""The meeting's transition table: the services refuse what it forbids and the meeting's page
offers the buttons it allows (one table for both)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from dangvu.meetings import services
from dangvu.meetings.choices import MeetingKind, MeetingStatus
from dangvu.meetings.rules import transitions
from dangvu.meetings.rules.transitions import Action

from .factories import make_meeting

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 10)


def test_a_cancelled_meeting_refuses_every_change_with_the_tables_message(world):
    meeting = make_meeting(world.branch_a1, DAY, status=MeetingStatus.CANCELLED)
    user = world.users.secretary_a1
    with pytest.raises(ValidationError) as error:
        services.add_resolution(user=user, meeting=meeting, data={"title": "Nghị quyết"})
    assert error.value.code == transitions.TRANSITIONS[Action.RESOLUTION].code == "cancelled"
    with pytest.raises(ValidationError) as error:
        services.send_notice(user=user, meeting=meeting)
    assert error.value.code == "not_planned"


def test_the_page_offers_what_the_table_allows(world):
    future = make_meeting(
        world.branch_a1,
        timezone.localdate() + dt.timedelta(days=7),
        status=MeetingStatus.PLANNED,
    )
    offered = services.meeting_actions(world.users.secretary_a1, future)["actions"]
    assert offered[Action.EDIT] and offered[Action.NOTIFY] and offered[Action.CANCEL]
    assert not offered[Action.SCORE] and not offered[Action.APOLOGIZE]
    member = services.meeting_actions(world.users.member_a1, future)["actions"]
    assert member[Action.APOLOGIZE] and not any(v for k, v in member.items() if k != "apologize")
    held = make_meeting(world.branch_a1, DAY)
    offered = services.meeting_actions(world.users.secretary_a1, held)["actions"]
    assert offered[Action.SCORE] and offered[Action.MINUTES] and not offered[Action.EDIT]
    assert transitions.allowed(Action.EDIT, held)  # the API may still correct its details
    committee = make_meeting(world.branch_a1, DAY, kind=MeetingKind.COMMITTEE)
    assert not services.meeting_actions(world.users.secretary_a1, committee)["actions"]["score"]
