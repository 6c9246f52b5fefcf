"""API tokens are named, listed without their key, expiring, revocable by their owner, new on
every request, stored as a hash, ended by a password change, and audited."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from auditlog.models import LogEntry
from django.contrib.auth.forms import SetPasswordForm
from django.test import override_settings
from django.utils import timezone

from dangvu.accounts.models import ApiToken
from dangvu.accounts.tokens import hash_key
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

TOKEN = "/api/token/"


def new_token(api, username="xa_a", **extra) -> dict:
    response = api().post(TOKEN, {"username": username, "password": PASSWORD, **extra}, "json")
    assert response.status_code == 201, response.content
    return response.json()


def with_key(api, key: str):
    client = api()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_each_request_gives_a_new_key_stored_only_as_a_hash(world, api):
    first = new_token(api, name="báo cáo hằng tháng")
    second = new_token(api)
    assert first["token"] != second["token"]
    assert first["name"] == "báo cáo hằng tháng"
    stored = ApiToken.objects.get(pk=first["id"])
    assert stored.key_hash == hash_key(first["token"])
    assert first["token"] not in str(ApiToken.objects.values_list())
    for body in (first, second):
        assert with_key(api, body["token"]).get("/api/me/").status_code == 200


def test_the_owner_lists_their_tokens_without_keys(world, api):
    mine = new_token(api, name="script")
    new_token(api, username="xa_b")  # someone else's
    listing = with_key(api, mine["token"]).get(TOKEN)
    assert listing.status_code == 200
    rows = listing.json()
    assert [row["id"] for row in rows] == [mine["id"]]
    assert rows[0]["name"] == "script" and not rows[0]["expired"]
    assert "token" not in rows[0] and "key_hash" not in rows[0]
    # The same list with a browser session.
    assert [r["id"] for r in api(world.users.officer_a).get(TOKEN).json()] == [mine["id"]]


def test_listing_needs_authentication(world, api):
    assert api().get(TOKEN).status_code == 403


def test_the_owner_revokes_a_token_and_it_stops_working(world, api):
    kept = new_token(api, name="kept")
    revoked = new_token(api, name="revoked")
    client = with_key(api, kept["token"])
    assert client.delete(f"{TOKEN}{revoked['id']}/").status_code == 204
    assert with_key(api, revoked["token"]).get("/api/me/").status_code == 403
    assert client.get("/api/me/").status_code == 200
    assert [row["id"] for row in client.get(TOKEN).json()] == [kept["id"]]
    assert client.delete(f"{TOKEN}{revoked['id']}/").status_code == 404  # already revoked


def test_nobody_revokes_someone_elses_token(world, api):
    theirs = new_token(api, username="xa_b")
    mine = new_token(api)
    response = with_key(api, mine["token"]).delete(f"{TOKEN}{theirs['id']}/")
    assert response.status_code == 404
    assert with_key(api, theirs["token"]).get("/api/me/").status_code == 200


def test_tokens_expire(world, api):
    body = new_token(api, days=2)
    expires = dt.datetime.fromisoformat(body["expires_at"])
    assert dt.timedelta(days=1) < expires - timezone.now() <= dt.timedelta(days=2)
    with time_machine.travel(timezone.now() + dt.timedelta(days=3)):
        assert with_key(api, body["token"]).get("/api/me/").status_code == 403


@override_settings(API_TOKEN_DAYS=10)
def test_the_server_limit_caps_the_lifetime(world, api):
    body = new_token(api, days=365)
    expires = dt.datetime.fromisoformat(body["expires_at"])
    assert expires - timezone.now() <= dt.timedelta(days=10)


def test_a_password_change_revokes_every_token(world, api, login):
    first, second = new_token(api), new_token(api)
    other = new_token(api, username="xa_b")
    response = login(world.users.officer_a).post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "mot-mat-khau-moi-2026",
            "new_password2": "mot-mat-khau-moi-2026",
        },
    )
    assert response.status_code == 302, response.content
    for body in (first, second):
        assert with_key(api, body["token"]).get("/api/me/").status_code == 403
    assert with_key(api, other["token"]).get("/api/me/").status_code == 200


def test_a_password_set_by_an_administrator_revokes_too(world, api):
    body = new_token(api)
    form = SetPasswordForm(
        world.users.officer_a,
        {"new_password1": "mot-mat-khau-moi-2026", "new_password2": "mot-mat-khau-moi-2026"},
    )
    assert form.is_valid()
    form.save()
    assert with_key(api, body["token"]).get("/api/me/").status_code == 403


def test_a_login_does_not_revoke(world, api, client):
    body = new_token(api)
    response = client.post("/accounts/login/", {"username": "xa_a", "password": PASSWORD})
    assert response.status_code == 302
    assert with_key(api, body["token"]).get("/api/me/").status_code == 200


def test_an_inactive_users_token_stops_working(world, api):
    body = new_token(api)
    world.users.officer_a.is_active = False
    world.users.officer_a.save()
    assert with_key(api, body["token"]).get("/api/me/").status_code == 403


def test_creation_and_revocation_are_audited_with_their_owner(world, api):
    body = new_token(api, name="audit")
    with_key(api, body["token"]).delete(f"{TOKEN}{body['id']}/")
    entries = LogEntry.objects.get_for_object(ApiToken.objects.get(pk=body["id"])).order_by("pk")
    assert [e.action for e in entries] == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE]
    assert all(e.actor == world.users.officer_a for e in entries)
    assert "revoked_at" in entries[1].changes_dict
    assert all("key_hash" not in e.changes_dict for e in entries)


def test_writes_with_a_token_name_their_author_in_the_audit_log(world, api):
    body = new_token(api)
    response = with_key(api, body["token"]).patch(
        f"/api/members/{world.duc.pk}/", {"phone": "0912345678"}, format="json"
    )
    assert response.status_code == 200, response.content
    entry = LogEntry.objects.get_for_object(world.duc).latest("pk")
    assert entry.actor == world.users.officer_a


def test_a_bad_request_for_a_token_is_400(world, api):
    response = api().post(TOKEN, {"username": "xa_a", "password": PASSWORD, "days": 0}, "json")
    assert response.status_code == 400
    assert "days" in response.json()
