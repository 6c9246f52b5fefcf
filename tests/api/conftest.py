"""API clients for the fixed cast (tests/conftest.py)."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient


@pytest.fixture
def api():
    """`api(user)`: a DRF client logged in as `user` (a session, like a browser)."""

    def _api(user=None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_login(user)
        return client

    return _api
