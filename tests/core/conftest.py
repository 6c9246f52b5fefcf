"""Fixtures shared by the core tests."""

from tests.api.conftest import api  # noqa: F401  DRF clients for the cast
from tests.test_scope_crawler import crawl_world  # noqa: F401  one of every scoped record
