"""The work list (nhắc việc): a registry of rule checks that every app contributes to.

An app registers checks in its `rules.py`, which core.registry imports at start-up (the
AppConfig's `checks_module`, `rules` by convention):

    @worklist.register("members.probation_overdue", _("Probation ended without recognition"),
                       rule="R2.11")
    def probation_overdue(ctx: worklist.Context) -> Iterable[worklist.WorkItem]:
        for m in ctx.visible(Member).filter(...):   # always through the user's scope
            yield worklist.WorkItem(...)

A check queries in SQL and yields at most what is due or overdue in the user's scope.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone


@dataclass(frozen=True)
class WorkItem:
    check: str  # the registered check id
    title: str  # what is due, in Vietnamese (already translated)
    url: str  # where it is fixed
    organization: str = ""  # the organization concerned (name)
    subject: str = ""  # e.g. the member's name
    due_on: dt.date | None = None
    rule: str = ""  # rule id from rules.md, e.g. "R2.11"

    def is_overdue(self, on: dt.date) -> bool:
        return self.due_on is not None and self.due_on < on


@dataclass
class Context:
    user: Any
    on: dt.date
    organization: Any = None  # optional narrower subtree (an Organization the user sees)
    cache: dict = field(default_factory=dict)

    def visible(self, model):
        """The model's rows in the user's scope (and the optional narrower subtree)."""
        qs = model.objects.visible_to(self.user)
        if self.organization is not None:
            qs = qs.in_subtree(self.organization.path)
        return qs


@dataclass(frozen=True)
class Check:
    id: str
    label: Any
    rule: str
    func: Callable[[Context], Iterable[WorkItem]]


_REGISTRY: dict[str, Check] = {}


def register(check_id: str, label: Any, rule: str = "") -> Callable:
    def decorator(func: Callable[[Context], Iterable[WorkItem]]):
        _REGISTRY[check_id] = Check(check_id, label, rule, func)
        return func

    return decorator


def checks() -> list[Check]:
    return list(_REGISTRY.values())


def work_list(
    user, on: dt.date | None = None, organization=None, only: Iterable[str] | None = None
) -> list[WorkItem]:
    """Everything due or overdue in the user's scope, most urgent first (overdue, then by
    due date; items without a date last)."""
    ctx = Context(user=user, on=on or timezone.localdate(), organization=organization)
    wanted = set(only) if only is not None else None
    items: list[WorkItem] = []
    for check in _REGISTRY.values():
        if wanted is not None and check.id not in wanted:
            continue
        items.extend(check.func(ctx))
    return sorted(items, key=lambda i: (i.due_on is None, i.due_on or dt.date.max, i.check))
