"""The read API: candidates, decisions, targets and statistics, scoped like the pages."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from dangvu.admissions.choices import Stage
from dangvu.admissions.models import AdmissionTarget
from tests.admissions.conftest import walk

pytestmark = pytest.mark.django_db


def api(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def test_candidates_are_listed_in_scope_with_their_introducers(world):
    candidate = walk(world, Stage.INTRODUCERS)
    data = api(world.users.officer_a).get("/api/admission-candidates/").json()
    assert data["count"] == 1
    row = data["results"][0]
    assert row["id"] == candidate.pk and row["stage"] == "introducers"
    assert {i["member_name"] for i in row["introducers"]} == {"Nguyễn Văn Đức", "Trần Thị Hoa"}
    assert api(world.users.officer_b).get("/api/admission-candidates/").json()["count"] == 0
    assert (
        api(world.users.officer_b).get(f"/api/admission-candidates/{candidate.pk}/").status_code
        == 404
    )
    assert api(world.users.member_a1).get("/api/admission-candidates/").json()["count"] == 0


def test_candidate_filters_are_the_pages(world):
    walk(world, Stage.TRAINED, gender="female", citizen_id="")
    client = api(world.users.officer_a)
    assert client.get("/api/admission-candidates/?category=women").json()["count"] == 1
    assert client.get("/api/admission-candidates/?stage=voted").json()["count"] == 0
    assert (
        client.get(f"/api/admission-candidates/?organization={world.branch_b1.pk}").status_code
        == 400
    )
    assert client.get("/api/admission-candidates/?readmission=maybe").status_code == 400


def test_the_api_is_read_only(world):
    candidate = walk(world, Stage.INTRODUCED)
    client = api(world.users.officer_a)
    assert client.post("/api/admission-candidates/", {}, format="json").status_code == 405
    assert client.delete(f"/api/admission-candidates/{candidate.pk}/").status_code == 405


def test_decisions_and_targets(world):
    walk(world, Stage.DECIDED)
    AdmissionTarget.objects.create(organization=world.base_a, year=2024, target=4)
    AdmissionTarget.objects.create(organization=world.base_b, year=2024, target=2)
    client = api(world.users.officer_a)
    decisions = client.get("/api/admission-decisions/?year=2024").json()
    assert [d["number"] for d in decisions["results"]] == ["101-QĐ/ĐU"]
    assert client.get("/api/admission-decisions/?year=2023").json()["count"] == 0
    targets = client.get("/api/admission-targets/?year=2024").json()["results"]
    assert [(t["organization_name"], t["target"]) for t in targets] == [
        ("Đảng bộ cơ sở An Bình", 4)
    ]


def test_statistics_endpoint(world):
    walk(world, Stage.ADMITTED)
    client = api(world.users.officer_a)
    data = client.get("/api/admission-statistics/?year=2024").json()
    assert data["year"] == 2024 and data["total"]["admitted"] == 1
    assert data["total"]["members_at_start"] == 3
    assert round(data["total"]["rate_percent"], 2) == 33.33
    women = next(c for c in data["total"]["categories"] if c["category"] == "women")
    assert women == {"category": "women", "admitted": 0, "percent": 0.0}
    assert {c["organization_name"] for c in data["children"]} == {
        "Đảng bộ cơ sở An Bình",
        "Chi bộ Trường THCS An Bình",
    }
    other = client.get(f"/api/admission-statistics/?organization={world.commune_b.pk}")
    assert other.status_code == 400
    assert client.get("/api/admission-statistics/?year=abc").status_code == 400
    assert client.get("/api/admission-statistics/?year=").status_code == 200
    assert api(world.users.member_a1).get("/api/admission-statistics/").status_code == 403
