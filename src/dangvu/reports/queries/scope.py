"""The as-of engine: which organizations made up a subtree on a date, and the period a report
covers (ARCHITECTURE principle 2: "history is data").

The treebeard tree holds only today's shape and its paths are rewritten by reorganizations, so
a past date's subtree is rebuilt from the dated OrganizationLinks with one recursive CTE. Every
report query filters `organization_id IN (<that subquery>)`, so a figure for 31/12/2022 keeps
counting the branches that belonged to the subtree then, whatever moved afterwards.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from dangvu.core.scope import subtree_q
from dangvu.organizations.models import Organization, OrganizationLink, active_on_q


def subtree_sql(kinds: tuple[str, ...] | None = None, select: str = "sub.id") -> str:
    """The recursive CTE (params: root id, then the date four times, then the kinds)."""
    table = OrganizationLink._meta.db_table
    active = "l.valid_from <= %s AND (l.valid_to IS NULL OR l.valid_to > %s)"
    where_kind = ""
    if kinds:
        where_kind = " WHERE sub.kind IN (" + ", ".join(["%s"] * len(kinds)) + ")"
    # UNION (not UNION ALL) stops a cycle in bad data from recursing forever.
    return (
        "WITH RECURSIVE sub(id, kind) AS ("
        f"SELECT l.organization_id, l.kind FROM {table} l WHERE l.organization_id = %s AND {active}"
        " UNION "
        f"SELECT l.organization_id, l.kind FROM {table} l JOIN sub ON l.parent_id = sub.id"
        f" WHERE {active}"
        f") SELECT {select} FROM sub{where_kind}"
    )


@dataclass(frozen=True)
class Scope:
    """A report's subject: an organization's subtree as it stood on `on`, and the period
    [`start`, `on`] whose events (admissions, removals, meetings) are counted."""

    organization: Organization
    on: dt.date
    start: dt.date
    current: bool = False  # `on` is today: read today's tree (denormalized paths)
    # Results shared by the sections of one report (e.g. the balance's counts, which three
    # sections quote); a new Scope, hence a new report, starts empty.
    memo: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def remember(self, key: str, compute):
        """`compute()` once per scope."""
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    @property
    def year(self) -> int:
        return self.on.year

    def org_ids(self, kinds: tuple[str, ...] | None = None) -> RawSQL | QuerySet:
        """Subquery of the ids of the subtree's organizations on `on` (optionally of `kinds`,
        the kind each had on that date)."""
        on = self.on
        if self.current:
            orgs = Organization.objects.filter(subtree_q("path", self.organization.path))
            if kinds:
                orgs = orgs.filter(kind__in=kinds)
            return orgs.order_by().values("id")
        params: list = [self.organization.pk, on, on, on, on, *(kinds or ())]
        return RawSQL(subtree_sql(kinds), params)

    @cached_property
    def existed(self) -> bool:
        """Was the organization in the tree on `on` (founded, not dissolved)?"""
        return OrganizationLink.objects.filter(
            active_on_q(self.on), organization=self.organization
        ).exists()

    def where(self, path_field: str, id_field: str) -> Q:
        """Rows placed in the subtree: by their denormalized path today, else by the id of
        their organization in the subtree of the date."""
        if self.current:
            return subtree_q(path_field, self.organization.path)
        return Q(**{f"{id_field}__in": self.org_ids()})

    def at(self, on: dt.date) -> Scope:
        """The same organization on another date (e.g. 1 January for the start-of-year count),
        read from the dated records."""
        return Scope(self.organization, on, min(self.start, on))

    def as_of(self) -> Scope:
        """The same scope read from the dated records even for today (tests, benchmarks)."""
        return Scope(self.organization, self.on, self.start)

    def query(self) -> dict[str, str]:
        """URL parameters that rebuild this scope (drill-down links, exports)."""
        return {"org": str(self.organization.pk), "on": self.on.strftime("%d/%m/%Y")}
