"""The OpenAPI document and its Swagger UI, served without any outside URL."""

from __future__ import annotations

import re

import pytest
from drf_spectacular.validation import validate_schema

pytestmark = pytest.mark.django_db


def test_schema_is_valid_openapi_3(api):
    response = api().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)  # raises on an invalid document
    assert {
        "/api/organizations/",
        "/api/organizations/{id}/",
        "/api/organizations/{id}/children/",
        "/api/members/",
        "/api/members/{id}/",
        "/api/me/",
        "/api/token/",
    } <= schema["paths"].keys()


def test_tree_internals_are_not_in_the_schema(api):
    schema = api().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for name in ("Organization", "OrganizationDetail"):
        assert (
            not {"path", "depth", "numchild"}
            & schema["components"]["schemas"][name]["properties"].keys()
        )
    assert "put" not in schema["paths"]["/api/members/{id}/"]


def test_error_statuses_are_documented(api):
    schema = api().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    patch = schema["paths"]["/api/members/{id}/"]["patch"]["responses"]
    assert {"200", "400", "403", "404", "409"} <= patch.keys()
    listing = schema["paths"]["/api/members/"]["get"]["responses"]
    assert {"200", "400", "403", "404"} <= listing.keys()


def test_swagger_ui_uses_only_local_files(world, login):
    response = login(world.users.provincial).get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert not re.search(r"https?://", html)
    assets = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html)
    # the start-up script is served by the page itself (`?script=`: no inline script, CSP)
    assert assets and all(a.startswith(("/static/", "/api/docs/?script")) for a in assets)
    assert any(a.startswith("/api/docs/?script") for a in assets)
    for asset in assets:
        fetched = login(world.users.provincial).get(asset.replace("&amp;", "&"))
        assert fetched.status_code == 200, asset
        if asset.startswith("/api/docs/"):
            assert not re.search(r"https?://", fetched.content.decode()), asset
