"""visible_to(user): the one scope mechanism, per role."""

import pytest

from dangvu.members.models import Member, Placement
from dangvu.organizations.models import CommitteeSeat, Organization

pytestmark = pytest.mark.django_db


def names(qs):
    return sorted(m.full_name for m in qs)


def test_provincial_board_sees_the_whole_province(world):
    assert Member.objects.visible_to(world.users.provincial).count() == 6


def test_sibling_district_officers_see_only_their_subtree(world):
    a = set(Member.objects.visible_to(world.users.officer_a))
    b = set(Member.objects.visible_to(world.users.officer_b))
    assert world.duc in a and world.other_duc not in a
    assert world.other_duc in b and world.duc not in b
    assert not a & b
    assert world.branch_b1 not in Organization.objects.visible_to(world.users.officer_a)


def test_branch_secretary_sees_their_branch(world):
    assert names(Member.objects.visible_to(world.users.secretary_a1)) == [
        "Nguyễn Văn Đức",
        "Trần Thị Hoa",
    ]


def test_member_sees_only_themselves(world):
    user = world.users.member_a1
    assert list(Member.objects.visible_to(user)) == [world.hoa]
    assert list(Placement.objects.visible_to(user)) == list(world.hoa.placements.all())
    assert list(Organization.objects.visible_to(user)) == [world.branch_a1]
    assert not CommitteeSeat.objects.visible_to(user).exclude(member=world.hoa).exists()


def test_users_without_scope_see_nothing(world):
    assert not Member.objects.visible_to(world.users.outsider).exists()
    assert not Organization.objects.visible_to(world.users.outsider).exists()


def test_superuser_sees_everything(world):
    assert (
        Organization.objects.visible_to(world.users.admin).count() == Organization.objects.count()
    )


def test_inactive_user_sees_nothing(world):
    world.users.provincial.is_active = False
    assert not Member.objects.visible_to(world.users.provincial).exists()


def test_can_manage_follows_the_subtree(world):
    assert world.users.officer_a.can_manage(world.branch_a1)
    assert not world.users.officer_a.can_manage(world.branch_b1)
    assert not world.users.inspector.can_manage(world.branch_a1)  # reads, never writes
    assert not world.users.member_a1.can_manage(world.branch_a1)
