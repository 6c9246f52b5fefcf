"""Read paths for the tree and organization pages: counts as GROUP BY over path prefixes."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count, QuerySet
from django.db.models.functions import Substr
from django.utils import timezone

from dangvu.core.scope import subtree_q
from dangvu.members.choices import Status
from dangvu.members.models import Member

from .choices import BRANCH_KINDS, GRASSROOTS_KINDS
from .models import Organization, OrganizationLink, active_on_q


def subtree_counts(parent_path: str, prefix_len: int) -> dict[str, dict[str, int]]:
    """Counts per child prefix of `parent_path`: official, probationary, branches, grassroots."""
    counts: dict[str, dict[str, int]] = defaultdict(
        lambda: {"official": 0, "probationary": 0, "branches": 0, "grassroots": 0}
    )
    member_rows = (
        Member.objects.filter(subtree_q("org_path", parent_path))
        .filter(status__in=(Status.OFFICIAL, Status.PROBATIONARY))
        .annotate(prefix=Substr("org_path", 1, prefix_len))
        .values("prefix", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in member_rows:
        counts[row["prefix"]][row["status"]] = row["n"]
    org_rows = (
        Organization.objects.filter(subtree_q("path", parent_path), dissolved_on__isnull=True)
        .filter(kind__in=(*BRANCH_KINDS, *GRASSROOTS_KINDS))
        .annotate(prefix=Substr("path", 1, prefix_len))
        .values("prefix", "kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in org_rows:
        if row["kind"] in BRANCH_KINDS:
            counts[row["prefix"]]["branches"] += row["n"]
        if row["kind"] in GRASSROOTS_KINDS:
            counts[row["prefix"]]["grassroots"] += row["n"]
    return counts


def children_with_counts(parent: Organization, user, include_dissolved: bool = False) -> list:
    """The visible children of `parent`, each with `.counts` for its whole subtree."""
    children = Organization.objects.visible_to(user).filter(
        subtree_q("path", parent.path), depth=parent.depth + 1
    )
    if not include_dissolved:
        children = children.filter(dissolved_on__isnull=True)
    children = list(children.order_by("position", "path"))
    if not children:
        return []
    counts = subtree_counts(parent.path, (parent.depth + 1) * Organization.steplen)
    for child in children:
        child.counts = counts[child.path]
    return children


def organization_counts(org: Organization) -> dict[str, int]:
    return dict(subtree_counts(org.path, len(org.path))[org.path])


def tree_roots(user) -> QuerySet:
    """The top of what the user sees: the roots, or the user's own organization."""
    if user.sees_everything:
        return Organization.objects.get_root_nodes()
    return Organization.objects.visible_to(user).order_by("depth", "path")[:1]


def children_on(parent: Organization | None, on: dt.date | None = None) -> QuerySet:
    """The tree as it stood on a date, rebuilt from dated links (e.g. districts before 2025)."""
    on = on or timezone.localdate()
    return (
        OrganizationLink.objects.filter(active_on_q(on), parent=parent)
        .select_related("organization")
        .order_by("organization__position", "name")
    )
