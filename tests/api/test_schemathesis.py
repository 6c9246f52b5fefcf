"""Property-based fuzzing of every documented endpoint (schemathesis over /api/schema/).

Runs as the provincial board (sees the whole cast) with a token, so operations reach real
rows. Every response must be documented (status, content type, body schema) and no request
may cause a 5xx. 20 examples per operation keep the run around 10 s.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from dangvu.accounts.tokens import create_token

pytestmark = pytest.mark.django_db

CONFIG = schemathesis.Config.from_dict(
    {
        "checks": {
            # Ids are typed `integer`, but an id outside the caller's scope (or one that does not
            # exist) in a filter or body is a documented 400; a made-up login is a 400 too, and
            # repeating it locks that username (429).
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "400", "401", "403", "404", "409", "429"],
            },
        },
    }
)

# Loaded at collection through the real endpoint (schema generation touches no database).
# schemathesis.pytest.from_fixture would defer it, but it breaks on pytest 9.2's node ids.
schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application(), config=CONFIG)


# The token of the current test's provincial user; each test has its own database.
_current = {"token": ""}


@pytest.fixture
def same_connection():
    """The raw WSGI app closes "unusable" connections after each request, and the test's open
    transaction looks unusable: on PostgreSQL the test would lose its data. Django's own test
    client avoids this the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def provincial_token(world) -> str:
    _current["token"] = create_token(user=world.users.provincial, name="schemathesis")[1]
    yield _current["token"]
    _current["token"] = ""


@schema.auth(refresh_interval=None)  # never cached: read the current test's token
class ProvincialToken:
    def get(self, case, context) -> str:
        return _current["token"]

    def set(self, case, data: str, context) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Token {data}"}


@schema.parametrize()
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case, same_connection, provincial_token):
    case.call_and_validate()
