"""Issue 14: the tree as of a past date and an organization page opened with `?on=` show that
date's figures (members placed there then, sub-organizations linked then), the same figures
the reports compute for that date; the page says "Loại hình" once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dangvu.members.models import Placement
from dangvu.organizations.choices import Kind
from dangvu.organizations.models import Organization, OrganizationLink
from dangvu.reports.queries import build_report
from dangvu.reports.queries.scope import Scope
from tests.factories import MemberFactory, make_org

pytestmark = pytest.mark.django_db
ON = dt.date(2022, 1, 1)
CLOSED = dt.date(2024, 1, 1)  # the old branch merged into thôn Đông that day


def _move(member, to: Organization, on: dt.date) -> None:
    """The member left the old branch on `on` for `to` (placements closed and opened)."""
    Placement.objects.filter(member=member, valid_to__isnull=True).update(valid_to=on)
    Placement.objects.create(member=member, organization=to, valid_from=on)
    member.organization, member.org_path = to, to.path
    member.save(update_fields=["organization", "org_path"])


@pytest.fixture
def history(world):
    """base_a had a third branch until 2024 (two members then: one official, one recognized
    only in mid-2022), and was named differently before 2023."""
    old = make_org(world.base_a, "Chi bộ thôn Cũ", Kind.BRANCH, founded_on=dt.date(2010, 1, 1))
    veteran = MemberFactory(full_name="Vũ Văn Cựu", organization=old)
    newcomer = MemberFactory(
        full_name="Đỗ Thị Mới",
        organization=old,
        admitted_on=dt.date(2021, 6, 1),
        recognized_on=dt.date(2022, 6, 1),
    )
    _move(veteran, world.branch_a1, CLOSED)
    _move(newcomer, world.branch_a1, CLOSED)
    Organization.objects.filter(pk=old.pk).update(dissolved_on=CLOSED)
    OrganizationLink.objects.filter(organization=old).update(valid_to=CLOSED)
    link = OrganizationLink.objects.get(organization=world.base_a)
    OrganizationLink.objects.create(
        organization=world.base_a,
        parent=link.parent,
        kind=link.kind,
        name=link.name,
        valid_from=dt.date(2023, 1, 1),
    )
    link.valid_to, link.name = dt.date(2023, 1, 1), "Đảng bộ cơ sở An Bình (cũ)"
    link.save()
    world.old_branch = old
    return world


def _reported(org: Organization, on: dt.date) -> dict[str, int]:
    """The reports' figures for the subtree on the date (the as-of engine)."""
    report = build_report("dashboard", Scope(org, on, on.replace(month=1, day=1)))
    members, organizations = report.section("members"), report.section("organizations")
    return {
        "official": members.value("members.official"),
        "probationary": members.value("members.probationary"),
        "branches": organizations.value("organizations.branches"),
        "grassroots": organizations.value("organizations.grassroots"),
    }


def test_the_past_tree_shows_that_dates_figures(history, login):
    world = history
    client = login(world.users.officer_a)
    response = client.get(reverse("organizations:tree") + "?on=01/01/2022")
    (root,) = response.context["nodes"]
    assert root.pk == world.commune_a.pk
    # Đức, Hoa, Cựu and Lan official; Mới probationary until 1/6/2022; Bình admitted in 2025.
    assert root.counts == {"official": 4, "probationary": 1, "branches": 4, "grassroots": 2}
    assert root.counts == _reported(world.commune_a, ON)
    html = response.content.decode()
    assert "Open an organization to see" not in html and "Mở một tổ chức" not in html
    assert 'class="counts' in html
    children = client.get(
        reverse("organizations:children", args=[world.base_a.pk]) + "?on=2022-01-01"
    ).context["nodes"]
    by_name = {node.name: node.counts for node in children}
    assert by_name["Chi bộ thôn Cũ"] == {
        "official": 1,
        "probationary": 1,
        "branches": 1,
        "grassroots": 0,
    }
    assert by_name["Chi bộ thôn Đông"]["official"] == 2  # Cựu and Mới came only in 2024
    assert by_name["Chi bộ thôn Tây"]["official"] + by_name["Chi bộ thôn Tây"]["probationary"] == 0
    for node in children:
        figures = _reported(Organization.objects.get(pk=node.pk), ON)
        assert node.counts == {**figures, "grassroots": 0}, node.name


def test_an_organization_page_on_a_past_date(history, login):
    world = history
    client = login(world.users.officer_a)
    url = reverse("organizations:detail", args=[world.base_a.pk])
    response = client.get(url + "?on=01/01/2022")
    assert response.status_code == 200
    context = response.context
    assert context["on"] == ON
    assert context["counts"] == {"official": 3, "probationary": 1, "branches": 3, "grassroots": 1}
    assert context["counts"] == _reported(world.base_a, ON)
    names = {node.name for node in context["children"]}
    assert names == {"Chi bộ thôn Đông", "Chi bộ thôn Tây", "Chi bộ thôn Cũ"}
    html = response.content.decode()
    assert "Đảng bộ cơ sở An Bình (cũ)" in html  # the name of that date
    assert 'id="as-of-notice"' in html
    assert "?on=01/01/2022" in html  # the sub-organizations open on the same date
    # "Loại hình" is the sector's label only (the kind has its own label).
    assert html.count(">Loại hình<") == 1
    # Today's page: today's figures, the old branch gone, the notice absent.
    today = client.get(url)
    assert today.context["counts"]["official"] == 4
    assert "Chi bộ thôn Cũ" not in [node.name for node in today.context["children"]]
    assert 'id="as-of-notice"' not in today.content.decode()
    assert today.content.decode().count(">Loại hình<") == 1


def test_before_the_organization_existed_and_bad_dates(history, login):
    world = history
    client = login(world.users.officer_a)
    url = reverse("organizations:detail", args=[world.old_branch.pk])
    response = client.get(url + "?on=01/01/2005")
    assert response.status_code == 200
    assert response.context["link_on"] is None and response.context["children"] == []
    assert 'id="as-of-notice"' in response.content.decode()
    for bad in ("31/02/2020", "hôm qua"):
        response = client.get(url + f"?on={bad}")
        assert response.status_code == 200
        assert response.context["form"].errors["on"]
        assert "alert-danger" in response.content.decode()
    # Outside the user's scope the dated page is a 404 as today's is.
    other = reverse("organizations:detail", args=[world.base_b.pk]) + "?on=01/01/2022"
    assert client.get(other).status_code == 404


def _queries(client, url: str) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return len(queries), response


def test_the_past_figures_take_a_fixed_number_of_queries(history, login):
    """Aggregation in SQL: six more branches (with members) add no query to the dated page
    or the dated tree's children."""
    world = history
    client = login(world.users.officer_a)
    page = reverse("organizations:detail", args=[world.base_a.pk]) + "?on=01/01/2022"
    children = reverse("organizations:children", args=[world.base_a.pk]) + "?on=2022-01-01"
    client.get(page)  # the session and the caches warm
    before = [_queries(client, url)[0] for url in (page, children)]
    for n in range(6):
        branch = make_org(world.base_a, f"Chi bộ số {n}", Kind.BRANCH)
        MemberFactory(organization=branch)
    after, response = zip(*(_queries(client, url) for url in (page, children)), strict=True)
    assert list(after) == before
    assert len(response[0].context["children"]) == 9
