"""Member endpoints: scope, the shared filters, writes through services, clear 400s."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from dangvu.members.models import Member, Placement

pytestmark = pytest.mark.django_db

LIST = "/api/members/"


def url(member) -> str:
    return f"{LIST}{member.pk}/"


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def new_member(world, **extra) -> dict:
    return {
        "full_name": "Đỗ Thị Mai",
        "birth_date": "1990-04-12",
        "gender": "female",
        "admitted_on": "2015-05-19",
        "organization": world.branch_a2.pk,
        "citizen_id": "001190123456",
        "card_number": "55501234",
        **extra,
    }


# --- reads


def test_officer_lists_members_of_their_subtree_only(world, api):
    response = api(world.users.officer_a).get(LIST)
    assert ids(response) == {world.duc.pk, world.hoa.pk, world.probationer.pk, world.teacher.pk}


def test_search_finds_only_the_duc_in_scope(world, api):
    response = api(world.users.officer_a).get(LIST, {"q": "nguyen van duc"})
    assert ids(response) == {world.duc.pk}
    response = api(world.users.provincial).get(LIST, {"q": "nguyen van duc"})
    assert ids(response) == {world.duc.pk, world.other_duc.pk}


def test_retrieve_shows_profile_and_branch(world, api):
    row = api(world.users.officer_a).get(url(world.hoa)).json()
    assert row["full_name"] == "Trần Thị Hoa"
    assert row["organization"] == world.branch_a1.pk
    assert row["branch_name"] == "Chi bộ thôn Đông"
    assert row["status"] == "official"
    assert row["ethnicity"] == "Tày"
    assert row["version"] == world.hoa.version


def test_out_of_scope_member_is_not_found(world, api):
    assert api(world.users.officer_a).get(url(world.other_duc)).status_code == 404
    assert api(world.users.officer_b).get(url(world.duc)).status_code == 404


def test_plain_member_sees_only_themselves(world, api):
    client = api(world.users.member_a1)
    assert ids(client.get(LIST)) == {world.hoa.pk}
    assert client.get(url(world.duc)).status_code == 404


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "probationary"}, {"probationer"}),
        ({"gender": "female"}, {"hoa", "teacher"}),
        ({"ethnicity": "Tày"}, {"hoa"}),
        ({"ethnic_minority": "true"}, {"hoa"}),
        ({"occupation": "other"}, {"duc", "hoa", "probationer", "teacher"}),
        ({"theory_level": "advanced"}, set()),
    ],
)
def test_filters_are_the_ui_filters(world, api, params, expected):
    response = api(world.users.officer_a).get(LIST, params)
    assert ids(response) == {getattr(world, name).pk for name in expected}


def test_organization_filter_takes_the_subtree(world, api):
    response = api(world.users.provincial).get(LIST, {"organization": world.base_a.pk})
    assert ids(response) == {world.duc.pk, world.hoa.pk, world.probationer.pk}


def test_organization_filter_outside_the_scope_is_400(world, api):
    response = api(world.users.officer_a).get(LIST, {"organization": world.branch_b1.pk})
    assert response.status_code == 400
    assert "organization" in response.json()


def test_age_band_filter(world, api):
    # The probationer was born in 2001: 30 or under for a while yet.
    response = api(world.users.officer_a).get(LIST, {"age_band": "le30"})
    assert world.probationer.pk in ids(response)
    assert world.duc.pk not in ids(response)


def test_ordering(world, api):
    response = api(world.users.officer_a).get(LIST, {"ordering": "-birth_date"})
    assert response.json()["results"][0]["id"] == world.probationer.pk


def test_list_makes_a_fixed_number_of_queries(world, api, django_assert_max_num_queries):
    client = api(world.users.provincial)
    with django_assert_max_num_queries(8):
        response = client.get(LIST)
    assert response.json()["count"] == 6


# --- create


def test_officer_creates_a_member_in_their_branch(world, api):
    response = api(world.users.officer_a).post(LIST, new_member(world), format="json")
    assert response.status_code == 201, response.content
    member = Member.objects.get(pk=response.json()["id"])
    assert member.organization == world.branch_a2
    assert member.org_path == world.branch_a2.path
    assert member.status == "probationary"
    assert member.name_key == "do thi mai"
    assert Placement.objects.filter(member=member, organization=world.branch_a2).exists()


def test_identity_numbers_are_stored_as_digits(world, api):
    data = new_member(world, citizen_id="001 190 123-456", card_number="555.012.34")
    response = api(world.users.officer_a).post(LIST, data, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["citizen_id"] == "001190123456"
    assert response.json()["card_number"] == "55501234"


def test_create_in_a_sibling_branch_looks_like_an_unknown_branch(world, api):
    count = Member.objects.count()
    client = api(world.users.officer_a)
    foreign = client.post(LIST, new_member(world, organization=world.branch_b1.pk), format="json")
    unknown = client.post(LIST, new_member(world, organization=999999), format="json")
    assert foreign.status_code == unknown.status_code == 400
    assert "organization" in foreign.json()
    assert foreign.json() == unknown.json()
    assert Member.objects.count() == count


def test_create_outside_a_branch_is_400(world, api):
    response = api(world.users.officer_a).post(
        LIST, new_member(world, organization=world.base_a.pk), format="json"
    )
    assert response.status_code == 400
    assert "organization" in response.json()


def test_reader_roles_cannot_create(world, api):
    count = Member.objects.count()
    for user in (world.users.inspector, world.users.member_a1):
        response = api(user).post(LIST, new_member(world), format="json")
        assert response.status_code == 403
    assert Member.objects.count() == count


def test_create_with_future_birth_date_is_400(world, api):
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    response = api(world.users.officer_a).post(
        LIST, new_member(world, birth_date=future, citizen_id=None), format="json"
    )
    assert response.status_code == 400
    assert "birth_date" in response.json()


def test_missing_required_fields_are_named(world, api):
    response = api(world.users.officer_a).post(LIST, {}, format="json")
    assert response.status_code == 400
    assert {"full_name", "birth_date", "gender", "admitted_on", "organization"} <= set(
        response.json()
    )


# --- PATCH


def test_officer_edits_a_member(world, api):
    response = api(world.users.officer_a).patch(
        url(world.duc), {"phone": "0912345678", "version": world.duc.version}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["phone"] == "0912345678"
    assert response.json()["version"] == world.duc.version + 1
    world.duc.refresh_from_db()
    assert world.duc.phone == "0912345678"


def test_sibling_officer_cannot_edit(world, api):
    response = api(world.users.officer_b).patch(url(world.duc), {"phone": "1"}, format="json")
    assert response.status_code in (403, 404)
    world.duc.refresh_from_db()
    assert world.duc.phone == ""


def test_inspector_sees_but_cannot_edit(world, api):
    client = api(world.users.inspector)
    assert client.get(url(world.duc)).status_code == 200
    assert client.patch(url(world.duc), {"phone": "1"}, format="json").status_code == 403
    world.duc.refresh_from_db()
    assert world.duc.phone == ""


def test_plain_member_cannot_patch_through_the_registry(world, api):
    response = api(world.users.member_a1).patch(url(world.hoa), {"phone": "1"}, format="json")
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"citizen_id": "12345"}, "citizen_id"),
        ({"citizen_id": "999080001234"}, "citizen_id"),  # not a province code
        ({"citizen_id": "001195000001"}, "citizen_id"),  # says born 1995, female
        ({"birth_date": "2999-01-01"}, "birth_date"),
        ({"card_number": "abc"}, "card_number"),
        ({"admitted_on": "1970-01-01"}, "admitted_on"),  # before birth
        ({"organization": 999999}, "organization"),
        ({"gender": "other"}, "gender"),
        ({"full_name": ""}, "full_name"),
    ],
)
def test_bad_patch_is_400_naming_the_field_and_writes_nothing(world, api, data, field):
    before = Member.objects.values().get(pk=world.duc.pk)
    response = api(world.users.officer_a).patch(url(world.duc), data, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert Member.objects.values().get(pk=world.duc.pk) == before


def test_duplicate_card_number_is_400(world, api):
    response = api(world.users.officer_a).patch(
        url(world.duc), {"card_number": world.other_duc.card_number}, format="json"
    )
    assert response.status_code == 400
    assert "card_number" in response.json()
    world.duc.refresh_from_db()
    assert world.duc.card_number != world.other_duc.card_number


def test_moving_branches_is_not_a_profile_edit(world, api):
    response = api(world.users.officer_a).patch(
        url(world.duc), {"organization": world.branch_a2.pk}, format="json"
    )
    assert response.status_code == 400
    assert "organization" in response.json()
    world.duc.refresh_from_db()
    assert world.duc.organization == world.branch_a1


def test_stale_version_is_409_and_writes_nothing(world, api):
    client = api(world.users.officer_a)
    version = client.get(url(world.duc)).json()["version"]
    client.patch(url(world.duc), {"phone": "1", "version": version}, format="json")
    response = client.patch(url(world.duc), {"phone": "2", "version": version}, format="json")
    assert response.status_code == 409
    assert "version" in response.json()
    world.duc.refresh_from_db()
    assert world.duc.phone == "1"


def test_put_is_not_offered(world, api):
    response = api(world.users.officer_a).put(url(world.duc), {}, format="json")
    assert response.status_code == 405


def test_yes_no_filter_rejects_other_values(world, api):
    client = api(world.users.officer_a)
    assert client.get(LIST, {"ethnic_minority": "null"}).status_code == 400
    assert ids(client.get(LIST, {"ethnic_minority": ""})) == ids(client.get(LIST))
    assert ids(client.get(LIST, {"ethnic_minority": "false"})) == {
        world.duc.pk,
        world.probationer.pk,
        world.teacher.pk,
    }


def test_ordering_with_empty_items_is_400(world, api):
    # django-filter would drop every ordering, leaving pages in no stable order.
    response = api(world.users.officer_a).get(LIST, {"ordering": ",,"})
    assert response.status_code == 400
    assert "ordering" in response.json()


def test_bodies_are_json_only(world, api):
    response = api(world.users.officer_a).patch(url(world.duc), {"phone": "1"})  # multipart
    assert response.status_code == 415
    world.duc.refresh_from_db()
    assert world.duc.phone == ""


def test_a_list_body_is_400(world, api):
    response = api(world.users.officer_a).patch(url(world.duc), [1, 2], format="json")
    assert response.status_code == 400


def test_browser_session_writes_need_the_csrf_token(world, api):
    client = api(world.users.officer_a)
    client.handler.enforce_csrf_checks = True
    response = client.patch(url(world.duc), {"phone": "1"}, format="json")
    assert response.status_code == 403
    world.duc.refresh_from_db()
    assert world.duc.phone == ""


@pytest.mark.parametrize("path", ["/api/members/1.5/", "/api/nothing/", "/api/members/x/y/"])
def test_unknown_api_urls_are_json_404(world, api, path):
    response = api(world.users.officer_a).get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
