"""What organizations needs to know about the members placed in it, asked through hooks.

Organizations sits below the domain apps and imports none of them (issue 11: no arrow from
organizations up to a domain app). Its pages, services and reorganizations still need member
figures and member moves; the app that holds the members provides them at start-up:

    from dangvu.organizations import hooks

    @hooks.provide("member_counts")
    def member_counts(parent_path: str, prefix_len: int) -> dict[str, dict[str, int]]: ...

(`members.org_structure` provides every hook; the work-list registry imports it.) Each hook has
one provider; the functions below call it, or answer "no members" when nobody provides it (a
project without a members app). The lead may later turn this into a registry declaration.

The hooks (name: arguments → answer):
- `member_counts`: (parent_path, prefix_len) → {prefix: {"official": n, "probationary": n}}
  of the members under `parent_path`, grouped by the first `prefix_len` characters of their
  organization's path;
- `member_counts_on`: (root ids, date) → {root id: {"official": n, "probationary": n}} of the
  members placed on that date in each root's subtree of that date (`queries.subtrees_on_sql`);
- `active_members`: (organization, subtree) → how many active members are placed in the
  organization (`subtree`: or under it); `has_active_members`: the same, as a yes/no;
- `official_members`: (organization) → official members placed in it (R1.5);
- `branch_members`: (organization, user, limit) → a branch's active members the user sees;
- `seat_candidates`: (organization, user) → a queryset of the members the user may seat on
  its committee;
- `check_seat_candidate`: (member, organization, on) → the member, locked for update, or a
  ValidationError on `member` or `valid_from`;
- `move_members`: (user=, record=, source=, target=, on=, member_ids=) → how many members
  moved from branch `source` to branch `target` (placements and events of the date).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ImproperlyConfigured

HOOKS = frozenset(
    {
        "member_counts",
        "member_counts_on",
        "active_members",
        "has_active_members",
        "official_members",
        "branch_members",
        "seat_candidates",
        "check_seat_candidate",
        "move_members",
    }
)

_provided: dict[str, Callable[..., Any]] = {}


def provide(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator: the function provides hook `name` (the last provider wins, so a module
    imported twice does not fail)."""
    if name not in HOOKS:
        raise ValueError(f"unknown organizations hook {name!r}")

    def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
        _provided[name] = func
        return func

    return decorator


def _required(name: str) -> Callable[..., Any]:
    try:
        return _provided[name]
    except KeyError:
        raise ImproperlyConfigured(
            f"no installed app provides the organizations hook {name!r}"
        ) from None


def member_counts(parent_path: str, prefix_len: int) -> Mapping[str, Mapping[str, int]]:
    func = _provided.get("member_counts")
    return func(parent_path, prefix_len) if func else {}


def member_counts_on(roots: Sequence[int], on: dt.date) -> Mapping[int, Mapping[str, int]]:
    func = _provided.get("member_counts_on")
    return func(roots, on) if func else {}


def active_members(organization, *, subtree: bool = True) -> int:
    func = _provided.get("active_members")
    return func(organization, subtree) if func else 0


def has_active_members(organization, *, subtree: bool = True) -> bool:
    func = _provided.get("has_active_members")
    return bool(func(organization, subtree)) if func else False


def official_members(organization) -> int:
    func = _provided.get("official_members")
    return func(organization) if func else 0


def branch_members(organization, user, limit: int) -> Sequence[Any]:
    func = _provided.get("branch_members")
    return func(organization, user, limit) if func else []


def seat_candidates(organization, user):
    return _required("seat_candidates")(organization, user)


def check_seat_candidate(member, organization, on: dt.date):
    return _required("check_seat_candidate")(member, organization, on)


def move_members(*, user, record, source, target, on: dt.date, member_ids=None) -> int:
    func = _provided.get("move_members")
    if func is None:
        return 0
    return func(
        user=user, record=record, source=source, target=target, on=on, member_ids=member_ids
    )
