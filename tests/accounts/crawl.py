"""Teach the scope crawler (tests/test_scope_crawler.py) the accounts app's records: an API
token of each sibling commune's officer. A token is its owner's alone: nobody else reads or
revokes it."""

from __future__ import annotations

from dangvu.accounts.models import ApiToken
from dangvu.accounts.tokens import create_token


def crawl_objects(world) -> dict:
    a, _key = create_token(user=world.users.officer_a, name="script thôn Đông")
    b, _key = create_token(user=world.users.officer_b, name="script khu phố 1")
    return {ApiToken: (a, b)}
