"""The evaluations API: scoped reads with filters, and the steps through the same services."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from dangvu.evaluations.choices import Framework
from dangvu.evaluations.models import MemberEvaluation

from .factories import FULL_SCORES, discipline, open_cycle, org_row, row

pytestmark = pytest.mark.django_db


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_reads_are_scoped_and_filtered(world):
    cycle = open_cycle(world)
    open_cycle(world, organization=world.commune_b, user=world.users.officer_b)
    rows = api(world.users.officer_a).get("/api/member-evaluations/").json()["results"]
    assert {r["member_name"] for r in rows} == {
        "Nguyễn Văn Đức",
        "Trần Thị Hoa",
        "Lê Văn Bình",
        "Phạm Thị Lan",
    }
    mine = api(world.users.member_a1).get("/api/member-evaluations/").json()["results"]
    assert [r["member_name"] for r in mine] == ["Trần Thị Hoa"]
    filtered = api(world.users.officer_a).get(
        f"/api/member-evaluations/?year={cycle.year}&step=pending&organization={world.branch_a1.pk}"
    )
    assert filtered.json()["count"] == 2
    bad = api(world.users.officer_a).get(
        f"/api/member-evaluations/?organization={world.branch_b1.pk}"
    )
    assert bad.status_code == 400
    assert api(world.users.officer_a).get("/api/member-evaluations/?rating=best").status_code == 400
    cycles = api(world.users.secretary_a1).get("/api/evaluation-cycles/").json()["results"]
    assert [c["organization"] for c in cycles] == [world.commune_a.pk]
    orgs = api(world.users.officer_a).get("/api/organization-evaluations/?level=branch").json()
    assert orgs["count"] == 2


def test_steps_through_the_api(world):
    cycle = open_cycle(world)
    hoa = row(cycle, world.hoa)
    MemberEvaluation.objects.filter(pk=hoa.pk).update(framework=Framework.NO_POST)
    url = f"/api/member-evaluations/{hoa.pk}/"
    response = api(world.users.member_a1).post(
        url + "self-assess/",
        {"scores": FULL_SCORES["no_post"], "conditions": {"all_on_time": True}},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["self_rating"] == "good"
    again = api(world.users.member_a1).post(url + "self-assess/", {"rating": "good"}, format="json")
    assert again.status_code == 400
    assert (
        api(world.users.officer_a)
        .post(url + "propose/", {"rating": "good"}, format="json")
        .status_code
        == 403
    )
    proposed = api(world.users.secretary_a1).post(
        url + "propose/", {"rating": "good"}, format="json"
    )
    assert proposed.json()["step"] == "proposed"
    assert (
        api(world.users.provincial)
        .post(url + "decide/", {"rating": "good"}, format="json")
        .status_code
        == 403
    )
    assert (
        api(world.users.grassroots_a)
        .post(url + "decide/", {"rating": "best"}, format="json")
        .status_code
        == 400
    )
    decided = api(world.users.grassroots_a).post(url + "decide/", {"rating": "good"}, format="json")
    assert decided.json()["rating"] == "good"
    assert api(world.users.grassroots_a).post(url + "reopen/", {}, format="json").status_code == 400
    reopened = api(world.users.grassroots_a).post(url + "reopen/", {"reason": "Sai"}, format="json")
    assert reopened.json()["step"] == "proposed"
    # another subtree: 404
    assert (
        api(world.users.officer_b)
        .post(url + "decide/", {"rating": "good"}, format="json")
        .status_code
        == 404
    )


def test_rule_refusals_are_400_with_the_message(world):
    cycle = open_cycle(world)
    discipline(world.duc, dt.date(cycle.year, 2, 1))
    response = api(world.users.grassroots_a).post(
        f"/api/member-evaluations/{row(cycle, world.duc).pk}/decide/",
        {"rating": "good"},
        format="json",
    )
    assert response.status_code == 400 and "R4.4" in str(response.json())
    assert "R4.4" in str(
        api(world.users.grassroots_a)
        .post(
            f"/api/organization-evaluations/{org_row(cycle, world.branch_a1).pk}/decide/",
            {"rating": "good"},
            format="json",
        )
        .json()
    )  # 1 of its 2 members disciplined: more than 20%
    branch = org_row(cycle, world.branch_a2)
    ok = api(world.users.grassroots_a).post(
        f"/api/organization-evaluations/{branch.pk}/decide/", {"rating": "good"}, format="json"
    )
    assert ok.status_code == 200 and ok.json()["rating"] == "good"
