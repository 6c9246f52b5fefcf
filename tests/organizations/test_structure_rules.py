"""Work-list checks on the shape of organizations (rules.md §1), at their boundaries:
R1.2 a grassroots branch of 30 members should become a grassroots committee, R1.3 a smaller
grassroots committee needs the superior's approval, R1.5 a branch of 9 official members should
elect a branch committee. Numbers come from the rule profile; each check is one SQL query.

The cast (tests/conftest.py): base_a (grassroots committee) holds branch_a1 (Đức, Hoa: 2
official) and branch_a2 (1 probationary); school_a is a grassroots branch (Lan: 1 official);
base_b holds branch_b1 (2 official).
"""

from __future__ import annotations

import datetime as dt

import pytest

from dangvu.core import worklist
from dangvu.core.profiles import publish_profile, rule_value
from dangvu.members.choices import Status
from dangvu.members.models import Member
from dangvu.members.org_structure import (
    base_branches_too_large,
    base_committees_too_small,
    branch_committees_missing,
    branches_too_small,
)
from dangvu.organizations.choices import SeatRole
from dangvu.organizations.models import CommitteeSeat
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db
D = dt.date
ON = D(2026, 6, 1)
R1_2 = "organizations.base_branch_too_large"
R1_3 = "organizations.base_committee_too_small"
R1_5 = "organizations.branch_committee_missing"


def items(user, check, on=ON):
    return worklist.work_list(user, on=on, only=[check])


def listed(user, check, on=ON) -> dict[str, str]:
    return {i.organization: i.title for i in items(user, check, on)}


def add_members(branch, count: int, probationary: int = 0) -> None:
    for _ in range(count - probationary):
        MemberFactory(organization=branch)
    for _ in range(probationary):
        MemberFactory(
            organization=branch,
            status=Status.PROBATIONARY,
            admitted_on=D(2025, 9, 2),
            recognized_on=None,
            status_since=D(2025, 9, 2),
        )


# --- R1.2 / R1.3 kind against headcount -----------------------------------------------------


def test_R1_2_grassroots_branch_of_30_members_is_listed(world):
    minimum = rule_value("org.base_committee_min_members", ON)
    assert minimum == 30
    school = world.school_a.name
    # Lan and 28 more (5 of them probationary): 29 members, still a grassroots branch.
    add_members(world.school_a, minimum - 2, probationary=5)
    assert school not in listed(world.users.officer_a, R1_2)
    # The 30th is a probationary member: probationary members count here (R1.2).
    add_members(world.school_a, 1, probationary=1)
    found = items(world.users.officer_a, R1_2)
    assert [i.organization for i in found] == [school]
    assert found[0].title.startswith(f"{school} có 30 đảng viên")
    assert "từ 30 đảng viên" in found[0].title and found[0].rule == "R1.2"
    assert found[0].url == f"/organizations/{world.school_a.pk}/"
    # A member who left no longer counts.
    Member.objects.filter(pk=world.teacher.pk).update(status=Status.DECEASED)
    assert school not in listed(world.users.officer_a, R1_2)


def test_R1_3_grassroots_committee_of_29_members_is_listed_30_is_not(world):
    base = world.base_a.name
    # Đức, Hoa and the probationary Bình: 3 members in base_a's branches.
    assert "có 3 đảng viên, dưới 30" in listed(world.users.officer_a, R1_3)[base]
    add_members(world.branch_a1, 20)
    add_members(world.branch_a2, 6, probationary=3)
    assert "có 29 đảng viên, dưới 30" in listed(world.users.officer_a, R1_3)[base]
    add_members(world.branch_a2, 1, probationary=1)
    assert base not in listed(world.users.officer_a, R1_3)
    # The sibling side keeps its own.
    assert set(listed(world.users.officer_b, R1_3)) == {world.base_b.name}


def test_R1_2_R1_3_grassroots_checks_stay_in_scope(world):
    add_members(world.school_a, 29)
    assert world.school_a.name not in listed(world.users.officer_b, R1_2)
    assert world.base_a.name not in listed(world.users.officer_b, R1_3)
    # A branch secretary and a member see no grassroots organization to reclassify.
    for user in (world.users.secretary_a1, world.users.member_a1):
        assert listed(user, R1_2) == {} and listed(user, R1_3) == {}
    assert set(listed(world.users.provincial, R1_2)) == {world.school_a.name}
    assert set(listed(world.users.provincial, R1_3)) == {world.base_a.name, world.base_b.name}


# --- R1.5 branch committee ----------------------------------------------------------------------


def test_R1_5_a_branch_of_9_officials_without_a_branch_committee_is_listed(world):
    branch = world.branch_a1.name
    # Đức, Hoa and 6 more: 8 official members (and probationary ones, who do not count).
    add_members(world.branch_a1, 8, probationary=2)
    assert branch not in listed(world.users.officer_a, R1_5)
    add_members(world.branch_a1, 1)
    title = listed(world.users.officer_a, R1_5)[branch]
    assert "có 9 đảng viên chính thức nhưng chưa có chi ủy" in title
    assert "từ 9 đảng viên chính thức" in title
    # A secretary and a deputy are not a branch committee.
    CommitteeSeat.objects.create(
        organization=world.branch_a1, member=world.duc, role=SeatRole.SECRETARY, valid_from=ON
    )
    CommitteeSeat.objects.create(
        organization=world.branch_a1, member=world.hoa, role=SeatRole.DEPUTY, valid_from=ON
    )
    assert branch in listed(world.users.officer_a, R1_5)
    member = CommitteeSeat.objects.create(
        organization=world.branch_a1,
        member=MemberFactory(organization=world.branch_a1),
        role=SeatRole.MEMBER,
        valid_from=ON,
    )
    assert branch not in listed(world.users.officer_a, R1_5)
    # The committee member's seat counts while it is held (valid_to is the first day without).
    member.valid_to = D(2026, 9, 1)
    member.save()
    assert branch not in listed(world.users.officer_a, R1_5, on=D(2026, 8, 31))
    assert branch in listed(world.users.officer_a, R1_5, on=D(2026, 9, 1))
    assert branch not in listed(world.users.officer_b, R1_5)
    assert branch in listed(world.users.secretary_a1, R1_5, on=D(2026, 9, 1))


# --- the profile's numbers ---------------------------------------------------------------------


def test_the_numbers_follow_a_published_profile(world):
    publish_profile(
        values={
            "org.base_committee_min_members": 3,
            "org.branch_committee_min_official": 2,
            "org.branch_min_official": 1,
        },
        valid_from=D(2026, 1, 1),
        note="thử",
        user=world.users.admin,
    )
    before = D(2025, 12, 31)
    # Before the profile: the defaults (30 members, 9 officials).
    assert listed(world.users.officer_a, R1_2, on=before) == {}
    assert world.base_a.name in listed(world.users.officer_a, R1_3, on=before)
    assert listed(world.users.officer_a, R1_5, on=before) == {}
    # From it: base_a's 3 members are enough, school_a's 1 is not a committee's 3, and
    # branch_a1's 2 official members should elect a branch committee.
    assert world.base_a.name not in listed(world.users.officer_a, R1_3)
    assert listed(world.users.officer_a, R1_2) == {}
    add_members(world.school_a, 2)
    assert "từ 3 đảng viên" in listed(world.users.officer_a, R1_2)[world.school_a.name]
    assert "từ 2 đảng viên chính thức" in listed(world.users.officer_a, R1_5)[world.branch_a1.name]
    # R1.4 with one official member needed: only the probationary branch is thin.
    assert set(listed(world.users.officer_a, "organizations.branch_too_small")) == {
        world.branch_a2.name
    }


def test_the_labels_carry_no_fixed_number(world):
    labels = {check.id: str(check.label) for check in worklist.checks()}
    for check_id in ("organizations.branch_too_small", R1_2, R1_3, R1_5):
        assert not any(ch.isdigit() for ch in labels[check_id]), labels[check_id]


@pytest.mark.parametrize(
    "check",
    [
        base_branches_too_large,
        base_committees_too_small,
        branch_committees_missing,
        branches_too_small,
    ],
)
def test_each_check_is_one_query(world, django_assert_num_queries, check):
    add_members(world.school_a, 30)
    add_members(world.branch_a1, 9)
    user = world.users.officer_a
    assert user.organization is not None  # the scope's path is read before the check
    ctx = worklist.Context(user=user, on=ON)
    ctx.cache["profile_values"] = {
        "org.base_committee_min_members": 30,
        "org.branch_committee_min_official": 9,
        "org.branch_min_official": 3,
    }
    with django_assert_num_queries(1):
        found = list(check(ctx))
    assert found
