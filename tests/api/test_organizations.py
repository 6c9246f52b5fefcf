"""Organization endpoints: scope, filters, counts, children."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

LIST = "/api/organizations/"


def ids(response) -> set[int]:
    return {row["id"] for row in response.json()["results"]}


def test_officer_lists_only_their_subtree(world, api):
    response = api(world.users.officer_a).get(LIST)
    assert response.status_code == 200
    assert ids(response) == {
        world.commune_a.pk,
        world.base_a.pk,
        world.branch_a1.pk,
        world.branch_a2.pk,
        world.school_a.pk,
    }


def test_provincial_board_lists_the_whole_province(world, api):
    response = api(world.users.provincial).get(LIST)
    assert response.json()["count"] == 9


def test_anonymous_is_refused(world, api):
    assert api().get(LIST).status_code == 403


def test_rows_show_fields_but_not_tree_internals(world, api):
    row = api(world.users.officer_a).get(f"{LIST}{world.branch_a1.pk}/").json()
    assert row["name"] == "Chi bộ thôn Đông"
    assert row["kind"] == "branch"
    assert row["level"] == "branch"
    assert row["sector"] == "rural"
    assert row["parent"] == world.base_a.pk
    assert row["founded_on"] == "2000-01-01"
    assert not {"path", "depth", "numchild"} & row.keys()


def test_parent_outside_the_scope_is_null(world, api):
    row = api(world.users.officer_a).get(f"{LIST}{world.commune_a.pk}/").json()
    assert row["parent"] is None
    row = api(world.users.provincial).get(f"{LIST}{world.commune_a.pk}/").json()
    assert row["parent"] == world.province.pk


def test_detail_has_subtree_counts(world, api):
    counts = api(world.users.officer_a).get(f"{LIST}{world.commune_a.pk}/").json()["counts"]
    # duc, hoa, teacher official; the probationer in branch_a2.
    assert counts == {"official": 3, "probationary": 1, "branches": 3, "grassroots": 2}


def test_sibling_organization_is_not_found(world, api):
    assert api(world.users.officer_a).get(f"{LIST}{world.commune_b.pk}/").status_code == 404
    assert api(world.users.officer_a).get(f"{LIST}{world.province.pk}/").status_code == 404


def test_subtree_filter(world, api):
    response = api(world.users.provincial).get(LIST, {"subtree": world.base_a.pk})
    assert ids(response) == {world.base_a.pk, world.branch_a1.pk, world.branch_a2.pk}


def test_subtree_outside_the_scope_is_a_clear_400(world, api):
    response = api(world.users.officer_a).get(LIST, {"subtree": world.commune_b.pk})
    assert response.status_code == 400
    assert "subtree" in response.json()
    unknown = api(world.users.officer_a).get(LIST, {"subtree": 999999})
    assert unknown.status_code == 400
    assert unknown.json() == response.json()  # same answer: existence is not revealed


def test_parent_filter_gives_direct_children(world, api):
    response = api(world.users.provincial).get(LIST, {"parent": world.commune_a.pk})
    assert ids(response) == {world.base_a.pk, world.school_a.pk}


def test_kind_filter(world, api):
    response = api(world.users.provincial).get(LIST, {"kind": "branch"})
    assert ids(response) == {world.branch_a1.pk, world.branch_a2.pk, world.branch_b1.pk}
    assert api(world.users.provincial).get(LIST, {"kind": "nonsense"}).status_code == 400


def test_name_search_ignores_diacritics(world, api):
    response = api(world.users.provincial).get(LIST, {"q": "chi bo thon dong"})
    assert ids(response) == {world.branch_a1.pk}
    response = api(world.users.provincial).get(LIST, {"q": "XÃ An  Bình"})
    assert ids(response) == {world.commune_a.pk}
    response = api(world.users.officer_b).get(LIST, {"q": "xa an binh"})
    assert ids(response) == set()


def test_children_action_with_counts(world, api):
    response = api(world.users.officer_a).get(f"{LIST}{world.base_a.pk}/children/")
    assert response.status_code == 200
    rows = {row["id"]: row for row in response.json()}
    assert set(rows) == {world.branch_a1.pk, world.branch_a2.pk}
    assert rows[world.branch_a1.pk]["counts"]["official"] == 2
    assert rows[world.branch_a2.pk]["counts"]["probationary"] == 1
    assert rows[world.branch_a1.pk]["parent"] == world.base_a.pk


def test_children_of_a_sibling_subtree_are_not_found(world, api):
    url = f"{LIST}{world.base_b.pk}/children/"
    assert api(world.users.officer_a).get(url).status_code == 404


def test_children_bad_flag_is_400(world, api):
    url = f"{LIST}{world.base_a.pk}/children/"
    response = api(world.users.officer_a).get(url, {"include_dissolved": "maybe"})
    assert response.status_code == 400
    assert "include_dissolved" in response.json()


def test_plain_member_sees_only_their_branch(world, api):
    response = api(world.users.member_a1).get(LIST)
    assert ids(response) == {world.branch_a1.pk}


def test_organizations_are_read_only(world, api):
    client = api(world.users.provincial)
    assert client.post(LIST, {"name": "X"}).status_code == 405
    assert client.patch(f"{LIST}{world.branch_a1.pk}/", {"path": "0001"}).status_code == 405


def test_list_makes_a_fixed_number_of_queries(world, api, django_assert_max_num_queries):
    client = api(world.users.provincial)
    with django_assert_max_num_queries(8):
        client.get(LIST)


def test_children_can_include_dissolved_ones(world, api):
    world.branch_a2.dissolved_on = world.branch_a2.founded_on.replace(year=2020)
    world.branch_a2.save()
    client = api(world.users.officer_a)
    url = f"{LIST}{world.base_a.pk}/children/"
    assert {row["id"] for row in client.get(url).json()} == {world.branch_a1.pk}
    rows = client.get(url, {"include_dissolved": "true"}).json()
    assert {row["id"] for row in rows} == {world.branch_a1.pk, world.branch_a2.pk}


def test_active_filter(world, api):
    world.branch_a2.dissolved_on = world.branch_a2.founded_on.replace(year=2020)
    world.branch_a2.save()
    client = api(world.users.officer_a)
    assert ids(client.get(LIST, {"active": "false"})) == {world.branch_a2.pk}
    assert world.branch_a2.pk in ids(client.get(LIST, {"active": ""}))
    assert client.get(LIST, {"active": "maybe"}).status_code == 400


@pytest.mark.parametrize("suffix", ["%20", "%09", ".0", "+"])
def test_an_id_in_the_path_is_plain_digits(world, api, suffix):
    """Found by schemathesis: "/api/organizations/8%20/" answered the 8th organization."""
    client = api(world.users.provincial)
    assert client.get(f"{LIST}{world.base_b.pk}/").status_code == 200
    assert client.get(f"{LIST}{world.base_b.pk}{suffix}/").status_code == 404
    assert client.get(f"/api/members/{world.minh.pk}{suffix}/").status_code == 404
