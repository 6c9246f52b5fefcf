"""Organization pages through the real views: tree (today and as of a date), detail, edit."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from dangvu.organizations.choices import Kind, LocalityKind, SeatRole
from dangvu.organizations.models import (
    CommitteeSeat,
    Locality,
    Organization,
    OrganizationLink,
)

pytestmark = pytest.mark.django_db


def tree_url(**query) -> str:
    url = reverse("organizations:tree")
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


# --- tree


def test_the_tree_shows_the_users_own_organization_with_counts(world, login):
    response = login(world.users.officer_a).get(tree_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đảng bộ xã An Bình" in html
    assert "Bình Minh" not in html
    node = response.context["nodes"][0]
    assert node.pk == world.commune_a.pk
    assert node.counts == {"official": 3, "probationary": 1, "branches": 3, "grassroots": 2}
    # the lazy toggle points at the children endpoint
    assert reverse("organizations:children", args=[world.commune_a.pk]) in html


def test_the_provincial_officer_sees_the_province(world, login):
    response = login(world.users.provincial).get(tree_url())
    assert [n.pk for n in response.context["nodes"]] == [world.province.pk]


def test_an_account_without_organization_sees_an_explanation(world, login):
    response = login(world.users.outsider).get(tree_url())
    assert response.status_code == 200
    assert response.context["nodes"] == []
    assert "Bình" not in response.content.decode()


def test_children_load_with_counts(world, login):
    client = login(world.users.officer_a)
    response = client.get(reverse("organizations:children", args=[world.commune_a.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith("<ul>")
    assert "Đảng bộ cơ sở An Bình" in html and "Chi bộ Trường THCS An Bình" in html
    base = next(n for n in response.context["nodes"] if n.pk == world.base_a.pk)
    assert base.counts["official"] == 2 and base.counts["probationary"] == 1
    assert base.has_children


def test_children_of_a_sibling_subtree_are_404(world, login):
    client = login(world.users.officer_b)
    response = client.get(reverse("organizations:children", args=[world.commune_a.pk]))
    assert response.status_code == 404


def test_children_of_the_province_show_only_the_visible_commune(world, login):
    client = login(world.users.officer_b)
    assert (
        client.get(reverse("organizations:children", args=[world.province.pk])).status_code == 404
    )
    client = login(world.users.provincial)
    response = client.get(reverse("organizations:children", args=[world.province.pk]))
    assert [n.pk for n in response.context["nodes"]] == [world.commune_a.pk, world.commune_b.pk]


@pytest.fixture
def reorganized(world):
    """Before 1/7/2025 commune A was a district committee with another name."""
    link = OrganizationLink.objects.get(organization=world.commune_a)
    link.valid_to = dt.date(2025, 7, 1)
    link.name = "Đảng bộ huyện Cũ"
    link.kind = Kind.DISTRICT_COMMITTEE
    link.save()
    OrganizationLink.objects.create(
        organization=world.commune_a,
        parent=world.province,
        kind=Kind.COMMUNE_COMMITTEE,
        name=world.commune_a.name,
        valid_from=dt.date(2025, 7, 1),
    )
    return world


def test_the_tree_as_of_a_past_date_uses_that_dates_names(reorganized, login):
    world = reorganized
    response = login(world.users.officer_a).get(tree_url(on="15/03/2020"))
    assert response.status_code == 200
    assert response.context["on"] == dt.date(2020, 3, 15)
    nodes = response.context["nodes"]
    assert [(n.pk, n.name, n.kind) for n in nodes] == [
        (world.commune_a.pk, "Đảng bộ huyện Cũ", Kind.DISTRICT_COMMITTEE)
    ]
    assert nodes[0].has_children
    html = response.content.decode()
    assert "?on=2020-03-15" in html  # the lazy children keep the date
    assert "Bình Minh" not in html


def test_the_tree_as_of_accepts_iso_dates_and_the_admin_sees_the_roots(reorganized, login):
    world = reorganized
    response = login(world.users.admin).get(tree_url(on="2020-03-15"))
    assert [n.pk for n in response.context["nodes"]] == [world.province.pk]
    children = login(world.users.admin).get(
        reverse("organizations:children", args=[world.province.pk]) + "?on=2020-03-15"
    )
    names = [n.name for n in children.context["nodes"]]
    assert names == ["Đảng bộ huyện Cũ", "Đảng bộ phường Bình Minh"]
    # Issue 14: the past tree has its figures too (tests/organizations/test_as_of_pages.py).
    assert all(n.counts is not None for n in children.context["nodes"])


def test_as_of_children_stay_in_scope(reorganized, login):
    world = reorganized
    response = login(world.users.officer_b).get(
        reverse("organizations:children", args=[world.commune_b.pk]) + "?on=2020-03-15"
    )
    assert response.status_code == 200
    assert "An Bình" not in response.content.decode()


def test_an_invalid_date_is_a_message_not_a_500(world, login):
    client = login(world.users.officer_a)
    for bad in ("31/02/2020", "hôm qua", "2020-13-01"):
        response = client.get(tree_url(on=bad))
        assert response.status_code == 200
        assert response.context["form"].errors["on"]
        assert "alert-danger" in response.content.decode()
        # falls back to today's tree
        assert response.context["nodes"][0].counts is not None
    response = client.get(
        reverse("organizations:children", args=[world.commune_a.pk]) + "?on=99/99/9999"
    )
    assert response.status_code == 200


def test_before_the_organization_existed_the_tree_says_so(world, login):
    response = login(world.users.officer_a).get(tree_url(on="01/01/1990"))
    assert response.status_code == 200
    assert response.context["nodes"] == []


# --- detail


def test_detail_shows_the_organization(world, login):
    response = login(world.users.officer_a).get(
        reverse("organizations:detail", args=[world.base_a.pk])
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert world.base_a.name in html
    assert world.base_a.code in html
    assert str(world.base_a.get_level_display()) in html
    assert response.context["counts"]["official"] == 2
    # children with counts, link to its members, breadcrumbs of visible ancestors only
    assert "Chi bộ thôn Đông" in html and "Chi bộ thôn Tây" in html
    assert f"{reverse('members:list')}?organization={world.base_a.pk}" in html
    assert [o.pk for o in response.context["breadcrumbs"]] == [world.commune_a.pk]
    assert "Đảng bộ tỉnh Thử Nghiệm" not in html


def test_detail_lists_the_committee_in_order_and_the_localities(world, login):
    today = dt.date.today()
    CommitteeSeat.objects.create(
        organization=world.branch_a1,
        member=world.hoa,
        role=SeatRole.DEPUTY,
        valid_from=dt.date(2025, 5, 1),
    )
    CommitteeSeat.objects.create(
        organization=world.branch_a1,
        member=world.duc,
        role=SeatRole.SECRETARY,
        valid_from=dt.date(2025, 5, 1),
    )
    CommitteeSeat.objects.create(  # a past seat is not the current committee
        organization=world.branch_a1,
        member=world.hoa,
        role=SeatRole.MEMBER,
        valid_from=dt.date(2020, 1, 1),
        valid_to=dt.date(2025, 5, 1),
    )
    Locality.objects.create(
        name="Thôn Hạ",
        kind=LocalityKind.VILLAGE,
        commune=world.commune_a,
        branch=world.branch_a1,
        head_member=world.duc,
        head_name=world.duc.full_name,
    )
    Locality.objects.create(
        name="Thôn Thượng",
        kind=LocalityKind.VILLAGE,
        commune=world.commune_a,
        head_name="Bà Lò Thị Mai",
    )
    client = login(world.users.officer_a)
    branch_page = client.get(reverse("organizations:detail", args=[world.branch_a1.pk]))
    seats = list(branch_page.context["seats"])
    assert [(s.member, s.role) for s in seats] == [
        (world.duc, SeatRole.SECRETARY),
        (world.hoa, SeatRole.DEPUTY),
    ]
    assert all(s.valid_to is None or s.valid_to > today for s in seats)
    commune_page = client.get(reverse("organizations:detail", args=[world.commune_a.pk]))
    html = commune_page.content.decode()
    assert "Thôn Hạ" in html and "Thôn Thượng" in html and "Bà Lò Thị Mai" in html
    assert [loc.name for loc in commune_page.context["localities"]] == ["Thôn Hạ", "Thôn Thượng"]


def test_detail_of_a_sibling_subtree_is_404(world, login):
    client = login(world.users.officer_b)
    for org in (world.branch_a1, world.commune_a, world.province):
        assert client.get(reverse("organizations:detail", args=[org.pk])).status_code == 404


def test_a_member_sees_only_their_own_branch(world, login):
    client = login(world.users.member_a1)
    assert client.get(reverse("organizations:detail", args=[world.branch_a1.pk])).status_code == 200
    assert client.get(reverse("organizations:detail", args=[world.base_a.pk])).status_code == 404


# --- edit


def edit_data(org: Organization, **changes) -> dict:
    data = {
        "name": org.name,
        "sector": org.sector,
        "may_admit": "on" if org.may_admit else "",
        "founded_on": org.founded_on.strftime("%d/%m/%Y") if org.founded_on else "",
        "dissolved_on": org.dissolved_on.strftime("%d/%m/%Y") if org.dissolved_on else "",
        "position": org.position,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def test_an_officer_renames_a_branch_and_the_history_shows_it(world, login):
    client = login(world.users.officer_a)
    url = reverse("organizations:edit", args=[world.branch_a1.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, edit_data(world.branch_a1, name="Chi bộ thôn Đông Mới"))
    assert response.status_code == 302
    assert response["Location"] == reverse("organizations:detail", args=[world.branch_a1.pk])
    world.branch_a1.refresh_from_db()
    assert world.branch_a1.name == "Chi bộ thôn Đông Mới"
    assert world.branch_a1.name_key == "chi bo thon dong moi"
    entry = LogEntry.objects.get_for_object(world.branch_a1).latest()
    assert entry.actor == world.users.officer_a
    assert entry.changes_dict["name"] == ["Chi bộ thôn Đông", "Chi bộ thôn Đông Mới"]
    # the dated history has the new name from today
    current = OrganizationLink.objects.get(organization=world.branch_a1, valid_to__isnull=True)
    assert current.name == "Chi bộ thôn Đông Mới"
    detail = client.get(response["Location"])
    history = detail.context["history"]
    assert history[0].actor == world.users.officer_a.username
    assert [(c.old, c.new) for c in history[0].changes] == [
        ("Chi bộ thôn Đông", "Chi bộ thôn Đông Mới")
    ]
    assert "Chi bộ thôn Đông Mới" in detail.content.decode()


def test_invalid_dates_are_refused_and_nothing_changes(world, login):
    client = login(world.users.officer_a)
    url = reverse("organizations:edit", args=[world.branch_a2.pk])
    response = client.post(url, edit_data(world.branch_a2, dissolved_on="01/01/1999"))
    assert response.status_code == 200
    assert response.context["form"].errors["dissolved_on"]
    response = client.post(url, edit_data(world.branch_a2, founded_on="32/01/2000"))
    assert response.context["form"].errors["founded_on"]
    world.branch_a2.refresh_from_db()
    assert world.branch_a2.dissolved_on is None
    assert world.branch_a2.founded_on == dt.date(2000, 1, 1)


def test_a_branch_with_members_cannot_be_dissolved(world, login):
    client = login(world.users.officer_a)
    url = reverse("organizations:edit", args=[world.branch_a2.pk])
    response = client.post(url, edit_data(world.branch_a2, dissolved_on="01/01/2025"))
    assert response.status_code == 200
    assert response.context["form"].errors["dissolved_on"]
    world.branch_a2.refresh_from_db()
    assert world.branch_a2.dissolved_on is None


def test_editing_outside_the_subtree_is_refused(world, login):
    url = reverse("organizations:edit", args=[world.branch_a1.pk])
    assert login(world.users.officer_b).get(url).status_code == 404
    assert (
        login(world.users.officer_b).post(url, edit_data(world.branch_a1, name="X")).status_code
        == 404
    )
    # sees the branch but may not change it
    assert login(world.users.member_a1).get(url).status_code == 403
    assert login(world.users.inspector).get(url).status_code == 403
    assert (
        login(world.users.inspector).post(url, edit_data(world.branch_a1, name="X")).status_code
        == 403
    )
    world.branch_a1.refresh_from_db()
    assert world.branch_a1.name == "Chi bộ thôn Đông"


def test_a_branch_page_lists_its_members(world, login):
    html = (
        login(world.users.secretary_a1)
        .get(reverse("organizations:detail", args=[world.branch_a1.pk]))
        .content.decode()
    )
    assert "Nguyễn Văn Đức" in html and "Trần Thị Hoa" in html
    assert "Lê Văn Bình" not in html  # in the other branch
