"""The work list (R4.7): late self-assessments, proposals and decisions, in the user's scope."""

from __future__ import annotations

import datetime as dt

import pytest

from dangvu.core import worklist
from dangvu.evaluations import services

from .factories import open_cycle, row

pytestmark = pytest.mark.django_db
CHECKS = (
    "evaluations.self_missing",
    "evaluations.proposal_missing",
    "evaluations.decision_missing",
)


def items(user, on):
    return [i for i in worklist.work_list(user, on=on, only=CHECKS)]


def test_late_steps_appear_after_their_dates(world):
    cycle = open_cycle(world)
    before = cycle.self_until
    assert not items(world.users.officer_a, before)
    # a member sees their own pending self-assessment while it is open
    own = items(world.users.member_a1, before)
    assert [i.subject for i in own] == ["Trần Thị Hoa"]
    after_self = cycle.self_until + dt.timedelta(days=1)
    late = {
        i.subject
        for i in items(world.users.officer_a, after_self)
        if i.check.endswith("self_missing")
    }
    assert late == {"Nguyễn Văn Đức", "Trần Thị Hoa", "Lê Văn Bình", "Phạm Thị Lan"}
    assert not items(world.users.officer_b, after_self)

    after_propose = cycle.propose_until + dt.timedelta(days=1)
    branches = [
        i
        for i in items(world.users.grassroots_a, after_propose)
        if i.check.endswith("proposal_missing")
    ]
    assert {i.organization for i in branches} == {"Chi bộ thôn Đông", "Chi bộ thôn Tây"}
    assert all("/propose/" in i.url for i in branches)

    services.decide_one(
        user=world.users.grassroots_a, evaluation=row(cycle, world.duc), rating="good"
    )
    after_decide = cycle.decide_until + dt.timedelta(days=1)
    undecided = [
        i
        for i in items(world.users.officer_a, after_decide)
        if i.check.endswith("decision_missing")
    ]
    titles = {i.organization: i.title for i in undecided}
    assert set(titles) == {"Đảng bộ cơ sở An Bình", "Chi bộ Trường THCS An Bình"}
    assert titles["Đảng bộ cơ sở An Bình"].startswith("2")  # Hoa and Bình, Đức is decided
    assert all("/decisions/" in i.url for i in undecided)
