"""`/api/me/`: one's own account and the contact fields of one's own member profile."""

from __future__ import annotations

import pytest

from dangvu.members.models import Member

pytestmark = pytest.mark.django_db

ME = "/api/me/"


def test_member_reads_their_account_and_profile(world, api):
    data = api(world.users.member_a1).get(ME).json()
    assert data["username"] == "dv_a1"
    assert data["role"] == "member"
    assert data["organization"] == world.branch_a1.pk
    assert data["organization_name"] == "Chi bộ thôn Đông"
    assert data["member"]["id"] == world.hoa.pk
    assert data["member"]["full_name"] == "Trần Thị Hoa"


def test_officer_without_member_profile(world, api):
    data = api(world.users.officer_a).get(ME).json()
    assert data["role"] == "direct_board"
    assert data["member"] is None


def test_user_without_organization(world, api):
    data = api(world.users.outsider).get(ME).json()
    assert data["organization"] is None
    assert data["organization_name"] is None


def test_anonymous_is_refused(api):
    assert api().get(ME).status_code == 403


def test_member_edits_phone_and_residence(world, api):
    response = api(world.users.member_a1).patch(
        ME, {"phone": "0987654321", "residence": "Thôn Đông"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["member"]["phone"] == "0987654321"
    world.hoa.refresh_from_db()
    assert (world.hoa.phone, world.hoa.residence) == ("0987654321", "Thôn Đông")


def test_member_cannot_change_other_fields_through_me(world, api):
    before = Member.objects.values().get(pk=world.hoa.pk)
    response = api(world.users.member_a1).patch(
        ME, {"full_name": "Ai Đó", "citizen_id": "12345", "status": "expelled"}, format="json"
    )
    assert response.status_code == 200
    after = Member.objects.values().get(pk=world.hoa.pk)
    assert {k: after[k] for k in ("full_name", "citizen_id", "status")} == {
        k: before[k] for k in ("full_name", "citizen_id", "status")
    }


def test_stale_version_on_me_is_409(world, api):
    response = api(world.users.member_a1).patch(
        ME, {"phone": "1", "version": world.hoa.version + 5}, format="json"
    )
    assert response.status_code == 409
    world.hoa.refresh_from_db()
    assert world.hoa.phone == ""


def test_too_long_phone_is_400(world, api):
    response = api(world.users.member_a1).patch(ME, {"phone": "1" * 30}, format="json")
    assert response.status_code == 400
    assert "phone" in response.json()


def test_patch_without_member_profile_is_403(world, api):
    response = api(world.users.officer_a).patch(ME, {"phone": "1"}, format="json")
    assert response.status_code == 403
    assert "detail" in response.json()
