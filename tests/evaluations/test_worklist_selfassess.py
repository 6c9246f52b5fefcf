"""The work list reminds a branch of the members who have not self-assessed yet, before the
self-assessment deadline of the open cycle (R4.7 step 1); after it, each late member is named
(`evaluations.self_missing`)."""

from __future__ import annotations

import datetime as dt

import pytest

from dangvu.core import worklist
from dangvu.evaluations import services
from dangvu.evaluations.choices import CycleStatus, Framework

from .factories import FULL_SCORES, open_cycle, row

pytestmark = pytest.mark.django_db
CHECK = "evaluations.self_pending"
ONE_DAY = dt.timedelta(days=1)


def pending(user, on: dt.date, organization=None) -> dict[str, worklist.WorkItem]:
    items = worklist.work_list(user, on=on, organization=organization, only=[CHECK])
    return {item.organization: item for item in items}


def test_R4_7_the_branch_sees_who_has_not_self_assessed_while_the_window_is_open(world, login):
    cycle = open_cycle(world)  # opened 5 days ago, deadline in 5 days
    today = cycle.self_from + dt.timedelta(days=5)
    mine = pending(world.users.secretary_a1, today)
    assert set(mine) == {"Chi bộ thôn Đông"}
    item = mine["Chi bộ thôn Đông"]
    assert item.title.startswith("2 ")  # Đức and Hoa
    assert f"{cycle.self_until:%d/%m/%Y}" in item.title
    assert item.due_on == cycle.self_until and not item.is_overdue(today)
    assert item.rule == "R4.7" and "/propose/" in item.url
    page = login(world.users.secretary_a1).get(item.url)
    assert page.status_code == 200 and "Trần Thị Hoa" in page.content.decode()
    # The commune committee sees each of its branches; the other commune nothing.
    assert set(pending(world.users.officer_a, today)) == {
        "Chi bộ thôn Đông",
        "Chi bộ thôn Tây",
        "Chi bộ Trường THCS An Bình",
    }
    assert pending(world.users.officer_b, today) == {}
    # A plain member is reminded of their own row only (self_missing), not of the branch.
    assert pending(world.users.member_a1, today) == {}

    hoa = row(cycle, world.hoa)
    hoa.framework = Framework.NO_POST
    hoa.save()
    services.self_assess(
        user=world.users.member_a1, evaluation=hoa, scores=FULL_SCORES["no_post"], conditions={}
    )
    assert pending(world.users.secretary_a1, today)["Chi bộ thôn Đông"].title.startswith("1 ")


def test_R4_7_the_reminder_runs_from_the_opening_to_the_deadline_inclusive(world):
    cycle = open_cycle(world)
    user = world.users.grassroots_a
    assert pending(user, cycle.self_from - ONE_DAY) == {}  # not open yet
    assert set(pending(user, cycle.self_from)) == {"Chi bộ thôn Đông", "Chi bộ thôn Tây"}
    on_deadline = pending(user, cycle.self_until)["Chi bộ thôn Tây"]
    assert not on_deadline.is_overdue(cycle.self_until)
    # After the deadline the late members are named one by one instead.
    after = cycle.self_until + ONE_DAY
    assert pending(user, after) == {}
    late = worklist.work_list(user, on=after, only=["evaluations.self_missing"])
    assert {i.subject for i in late} == {"Nguyễn Văn Đức", "Trần Thị Hoa", "Lê Văn Bình"}


def test_R4_7_a_closed_cycle_and_a_narrower_subtree(world):
    cycle = open_cycle(world)
    today = cycle.self_from
    narrowed = pending(world.users.officer_a, today, organization=world.branch_a2)
    assert set(narrowed) == {"Chi bộ thôn Tây"}
    cycle.status = CycleStatus.CLOSED
    cycle.save()
    assert pending(world.users.officer_a, today) == {}
