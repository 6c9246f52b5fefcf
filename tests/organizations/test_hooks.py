"""organizations imports no domain app: what it needs about members comes through its hooks,
which the members app provides at start-up (`members.org_structure`). Without a provider the
organization pages still work and count no members."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from dangvu.organizations import hooks
from dangvu.organizations.queries import breadcrumbs, organization_counts

pytestmark = pytest.mark.django_db


def test_members_provides_every_hook():
    assert set(hooks._provided) == hooks.HOOKS


def test_an_unknown_hook_is_refused():
    with pytest.raises(ValueError):
        hooks.provide("no_such_hook")


def test_without_a_provider_organizations_counts_no_members(world, monkeypatch):
    monkeypatch.setattr(hooks, "_provided", {})
    counts = organization_counts(world.commune_a)
    assert counts == {"official": 0, "probationary": 0, "branches": 3, "grassroots": 2}
    assert not hooks.has_active_members(world.branch_a1)
    assert hooks.branch_members(world.branch_a1, world.users.provincial, 10) == []
    with pytest.raises(ImproperlyConfigured):
        hooks.seat_candidates(world.branch_a1, world.users.provincial)


def test_breadcrumbs_are_the_ancestors_the_user_sees(world):
    branch = world.branch_a1
    assert breadcrumbs(world.users.provincial, branch) == [
        world.province,
        world.commune_a,
        world.base_a,
    ]
    assert breadcrumbs(world.users.officer_a, branch, include_self=True) == [
        world.commune_a,
        world.base_a,
        branch,
    ]
    assert breadcrumbs(world.users.provincial, world.province) == []
