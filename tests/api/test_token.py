"""`/api/token/`: a token for scripts, under the same lockout as the login page."""

from __future__ import annotations

import pytest
from django.conf import settings

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

TOKEN = "/api/token/"


def test_token_gives_scoped_access(world, api):
    response = api().post(TOKEN, {"username": "xa_a", "password": PASSWORD}, format="json")
    assert response.status_code == 201, response.content
    client = api()
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    found = client.get("/api/members/", {"q": "nguyen van duc"}).json()["results"]
    assert [row["id"] for row in found] == [world.duc.pk]


def test_bad_token_is_refused(world, api):
    client = api()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert client.get("/api/members/").status_code == 403


def test_wrong_password_is_400(world, api):
    response = api().post(TOKEN, {"username": "xa_a", "password": "sai"}, format="json")
    assert response.status_code == 400
    assert "non_field_errors" in response.json()


def test_repeated_failures_lock_the_account(world, api):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        api().post(TOKEN, {"username": "xa_a", "password": "sai"}, format="json")
    response = api().post(TOKEN, {"username": "xa_a", "password": PASSWORD}, format="json")
    assert response.status_code == 429
    assert "detail" in response.json()


def test_token_endpoint_ignores_a_browser_session(world, api):
    # A logged-in browser posting without a CSRF token still gets a token for valid credentials.
    client = api(world.users.officer_a)
    client.handler.enforce_csrf_checks = True
    response = client.post(TOKEN, {"username": "xa_a", "password": PASSWORD}, format="json")
    assert response.status_code == 201
