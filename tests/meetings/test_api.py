"""Meetings API: scoped lists, scheduling, the roll call with versions, refusals."""

from __future__ import annotations

import datetime as dt

import pytest

from dangvu.meetings.models import Attendance, Meeting

from .factories import make_meeting

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 10)


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    def _client(user):
        client = APIClient()
        client.force_login(user)
        return client

    return _client


def test_lists_are_scoped(world, api_client):
    make_meeting(world.branch_a1, DAY)
    make_meeting(world.branch_b1, DAY)
    body = api_client(world.users.officer_b).get("/api/meetings/").json()
    assert [m["branch_name"] for m in body["results"]] == [world.branch_b1.name]
    body = api_client(world.users.member_a1).get("/api/meetings/").json()
    assert [m["branch_name"] for m in body["results"]] == [world.branch_a1.name]
    filtered = api_client(world.users.provincial).get(
        f"/api/meetings/?organization={world.commune_a.pk}&year=2026"
    )
    assert filtered.json()["count"] == 1


def test_scheduling_through_the_api(world, api_client):
    client = api_client(world.users.secretary_a1)
    payload = {
        "organization": world.branch_a1.pk,
        "kind": "thematic",
        "topic": "Chuyển đổi số",
        "scheduled_at": "2026-03-10T19:30:00+07:00",
    }
    created = client.post("/api/meetings/", payload, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["date"] == "2026-03-10" and created.json()["status"] == "planned"
    other = client.post(
        "/api/meetings/", {**payload, "organization": world.branch_b1.pk}, format="json"
    )
    assert other.status_code == 400 and "organization" in other.json()
    committee = api_client(world.users.officer_a).post(
        "/api/meetings/", {**payload, "organization": world.base_a.pk}, format="json"
    )
    assert committee.status_code == 400 and "organization" in committee.json()
    no_topic = client.post("/api/meetings/", {**payload, "topic": ""}, format="json")
    assert no_topic.status_code == 400 and "topic" in no_topic.json()
    meeting_id = created.json()["id"]
    stale = client.patch(f"/api/meetings/{meeting_id}/", {"place": "Hội trường", "version": 7},
                         format="json")  # fmt: skip
    assert stale.status_code == 409
    fresh = client.patch(f"/api/meetings/{meeting_id}/", {"place": "Hội trường", "version": 1},
                         format="json")  # fmt: skip
    assert fresh.status_code == 200 and fresh.json()["version"] == 2
    assert Meeting.objects.count() == 1


def test_the_roll_call_endpoints(world, api_client):
    meeting = make_meeting(world.branch_a1, DAY)
    client = api_client(world.users.secretary_a1)
    url = f"/api/meetings/{meeting.pk}/roll-call/"
    body = client.get(url).json()
    assert {row["full_name"] for row in body["rows"]} == {"Nguyễn Văn Đức", "Trần Thị Hoa"}
    tap = client.post(
        f"/api/meetings/{meeting.pk}/attendance/",
        {"member": world.duc.pk, "state": "present"},
        format="json",
    )
    assert tap.status_code == 200 and tap.json()["present"] == 1
    stale = client.post(
        url,
        {"version": body["version"], "rows": [{"member": world.hoa.pk, "state": "absent"}]},
        format="json",
    )
    assert stale.status_code == 409
    assert not Attendance.objects.filter(member=world.hoa).exists()
    saved = client.post(
        url,
        {
            "version": tap.json()["version"],
            "rows": [{"member": world.hoa.pk, "state": "excused", "reason": "Ốm"}],
        },
        format="json",
    )
    assert saved.status_code == 200
    assert (saved.json()["present"], saved.json()["excused"]) == (1, 1)  # Đức kept his mark
    stranger = client.post(
        f"/api/meetings/{meeting.pk}/attendance/",
        {"member": world.minh.pk, "state": "present"},
        format="json",
    )
    assert stranger.status_code == 400 and "member" in stranger.json()
    assert api_client(world.users.member_a1).get(url).status_code == 403
    assert api_client(world.users.officer_b).get(url).status_code == 404
    inspector = api_client(world.users.inspector).post(
        f"/api/meetings/{meeting.pk}/attendance/",
        {"member": world.duc.pk, "state": "absent"},
        format="json",
    )
    assert inspector.status_code == 403
