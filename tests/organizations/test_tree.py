import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dangvu.organizations.choices import Kind
from dangvu.organizations.models import Organization, OrganizationLink
from dangvu.organizations.queries import children_on, children_with_counts, organization_counts
from tests.factories import MemberFactory, make_org

pytestmark = pytest.mark.django_db


def test_subtree_is_a_path_prefix(world):
    subtree = set(Organization.objects.in_subtree(world.commune_a.path))
    assert {
        world.commune_a,
        world.base_a,
        world.branch_a1,
        world.branch_a2,
        world.school_a,
    } == subtree


def test_counts_cover_the_whole_subtree(world):
    counts = organization_counts(world.commune_a)
    # duc, hoa, teacher official; probationer in branch_a2
    assert counts == {"official": 3, "probationary": 1, "branches": 3, "grassroots": 2}
    assert organization_counts(world.province)["official"] == 5


def test_children_with_counts_are_per_child(world):
    children = children_with_counts(world.province, world.users.provincial)
    assert [c.code for c in children] == ["XA", "XB"]
    assert children[0].counts["official"] == 3 and children[1].counts["official"] == 2
    assert children[1].counts["branches"] == 1


def test_children_respect_scope(world):
    # officer_b sees their own commune under the province, never the sibling
    assert children_with_counts(world.province, world.users.officer_b) == [world.commune_b]
    assert children_with_counts(world.commune_a, world.users.officer_b) == []
    assert [c.pk for c in children_with_counts(world.commune_a, world.users.officer_a)] == [
        world.base_a.pk,
        world.school_a.pk,
    ]


def test_dissolved_children_are_hidden_from_the_current_tree(world):
    world.branch_a2.dissolved_on = dt.date(2025, 7, 1)
    world.branch_a2.save()
    names = [c.name for c in children_with_counts(world.base_a, world.users.provincial)]
    assert names == ["Chi bộ thôn Đông"]


def test_role_comes_from_kind_not_depth(world):
    # A chi bộ cơ sở directly under a commune committee (depth 3) and a chi bộ trực thuộc
    # under a base committee (depth 4) are both branches; the school is also grassroots.
    assert world.school_a.depth == 3 and world.branch_a1.depth == 4
    assert world.school_a.is_branch and world.branch_a1.is_branch
    assert world.school_a.is_grassroots and not world.branch_a1.is_grassroots


def test_r1_7_parent_kind_is_checked(world):
    branch = Organization(kind=Kind.BRANCH, name="x", code="x")
    with pytest.raises(ValidationError):
        branch.check_parent_kind(world.province)
    branch.check_parent_kind(world.base_a)
    commune = Organization(kind=Kind.COMMUNE_COMMITTEE, name="y", code="y")
    commune.check_parent_kind(world.province)
    with pytest.raises(ValidationError):
        commune.check_parent_kind(None)


def test_dated_links_rebuild_a_past_tree(world):
    """Before 1/7/2025 base_a sat under a district committee that is dissolved today."""
    district = make_org(
        world.province,
        "Huyện ủy Cũ",
        Kind.DISTRICT_COMMITTEE,
        founded_on=dt.date(1990, 1, 1),
        dissolved_on=dt.date(2025, 7, 1),
    )
    OrganizationLink.objects.filter(organization=district).update(valid_to=dt.date(2025, 7, 1))
    link = OrganizationLink.objects.get(organization=world.base_a)
    link.valid_to = dt.date(2025, 7, 1)
    link.save()
    OrganizationLink.objects.create(
        organization=world.base_a,
        parent=district,
        kind=Kind.BASE_COMMITTEE,
        name=world.base_a.name,
        valid_from=dt.date(2000, 1, 1),
        valid_to=dt.date(2025, 7, 1),
    )
    OrganizationLink.objects.filter(organization=world.base_a, parent=world.commune_a).delete()
    OrganizationLink.objects.create(
        organization=world.base_a,
        parent=world.commune_a,
        kind=Kind.BASE_COMMITTEE,
        name=world.base_a.name,
        valid_from=dt.date(2025, 7, 1),
    )
    past = [link.organization for link in children_on(district, dt.date(2022, 1, 1))]
    assert past == [world.base_a]
    assert list(children_on(district, dt.date(2026, 1, 1))) == []
    today = [link.organization for link in children_on(world.commune_a, dt.date(2026, 1, 1))]
    assert world.base_a in today


def test_members_counted_once_even_with_temporary_placements(world):
    MemberFactory(full_name="Đỗ Văn Tạm", organization=world.branch_a2)
    assert organization_counts(world.branch_a2) == {
        "official": 1,
        "probationary": 1,
        "branches": 1,
        "grassroots": 0,
    }
