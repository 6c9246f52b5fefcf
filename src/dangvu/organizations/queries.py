"""Read paths for the tree and organization pages: counts as GROUP BY over path prefixes, the
tree's nodes (today's or a dated one), an organization page's panels, and the breadcrumbs other
apps' pages share. Member figures come through `hooks` (this app imports no domain app)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, QuerySet, Value, When
from django.db.models.functions import Substr
from django.utils import timezone

from dangvu.core.scope import subtree_q

from . import hooks, rules
from .choices import BRANCH_KINDS, GRASSROOTS_KINDS, Kind, SeatRole
from .models import CommitteeSeat, Locality, Organization, OrganizationLink, active_on_q

# Secretary first, then deputies, standing members, members (how committees are listed).
SEAT_ORDER = Case(
    *(When(role=role, then=Value(i)) for i, role in enumerate(SeatRole.values)),
    default=Value(len(SeatRole.values)),
    output_field=IntegerField(),
)
# A branch page lists its members; larger subtrees link to the filtered list.
BRANCH_MEMBERS_SHOWN = 200


def breadcrumbs(user, organization: Organization, include_self: bool = False) -> list[Organization]:
    """The ancestors of `organization` the user may see, from the top (by path), and the
    organization itself with `include_self`: the trail above a page about it."""
    step = Organization.steplen
    end = len(organization.path) + (1 if include_self else 0)
    paths = [organization.path[:i] for i in range(step, end, step)]
    if not paths:
        return []
    return list(Organization.objects.visible_to(user).filter(path__in=paths).order_by("depth"))


def subtree_counts(parent_path: str, prefix_len: int) -> dict[str, dict[str, int]]:
    """Counts per child prefix of `parent_path`: official, probationary, branches, grassroots."""
    counts: dict[str, dict[str, int]] = defaultdict(
        lambda: {"official": 0, "probationary": 0, "branches": 0, "grassroots": 0}
    )
    for prefix, members in hooks.member_counts(parent_path, prefix_len).items():
        counts[prefix].update(members)
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


# --- the tree's nodes ------------------------------------------------------------------------


@dataclass
class TreeNode:
    """One line of the tree, from today's tree (with counts) or a dated link (structure only)."""

    pk: int
    name: str
    kind: str
    kind_label: str
    has_children: bool
    counts: dict[str, int] | None = None
    dissolved: bool = False


def current_node(org: Organization) -> TreeNode:
    return TreeNode(
        pk=org.pk,
        name=org.name,
        kind=org.kind,
        kind_label=org.get_kind_display(),
        has_children=org.numchild > 0,
        counts=getattr(org, "counts", None),
        dissolved=org.dissolved_on is not None,
    )


def nodes_on(links, user, on: dt.date) -> list[TreeNode]:
    """Dated links restricted to organizations the user sees today (structure only)."""
    links = links.filter(organization__in=Organization.objects.visible_to(user)).annotate(
        has_children=Exists(
            OrganizationLink.objects.filter(active_on_q(on), parent=OuterRef("organization"))
        )
    )
    return [
        TreeNode(
            pk=link.organization_id,
            name=link.name,
            kind=link.kind,
            kind_label=link.get_kind_display(),
            has_children=link.has_children,
        )
        for link in links
    ]


def tree(user, on: dt.date | None) -> dict[str, Any]:
    """The top of the user's tree: today's (with counts) or as of `on` (structure only)."""
    roots = list(tree_roots(user))
    if on is None:
        for root in roots:
            root.counts = organization_counts(root)
        nodes = [current_node(root) for root in roots]
    else:
        if user.sees_everything:
            links = children_on(None, on)
        else:
            links = (
                OrganizationLink.objects.filter(active_on_q(on), organization__in=roots)
                .select_related("organization")
                .order_by("organization__position", "name")
            )
        nodes = nodes_on(links, user, on)
    return {"nodes": nodes, "has_scope": bool(roots)}


def child_nodes(parent: Organization, user, on: dt.date | None) -> list[TreeNode]:
    """The children of `parent` the user sees: today's (with counts) or as of `on`."""
    if on is None:
        return [current_node(child) for child in children_with_counts(parent, user)]
    return nodes_on(children_on(parent, on), user, on)


# --- an organization's page ------------------------------------------------------------------


def current_seats(org: Organization, user) -> QuerySet:
    """The committee today, secretary first."""
    return (
        CommitteeSeat.objects.visible_to(user)
        .current()
        .filter(organization=org)
        .select_related("member")
        .order_by(SEAT_ORDER, "valid_from", "member__sort_key")
    )


def organization_page(org: Organization, user) -> dict[str, Any]:
    """The panels of an organization's page (figures, committee, children, localities, a
    branch's members) and what the user may do there."""
    page: dict[str, Any] = {
        "breadcrumbs": breadcrumbs(user, org),
        "counts": organization_counts(org),
        "seats": current_seats(org, user),
        "children": [current_node(child) for child in children_with_counts(org, user)],
        "show_localities": org.kind == Kind.COMMUNE_COMMITTEE,
        "localities": (
            Locality.objects.visible_to(user)
            .filter(commune=org)
            .select_related("branch", "head_member")
            .order_by("name")
        ),
        "can_manage": rules.may_manage(user, org),
        "may_add_seat": rules.may_add_seat(user, org),
    }
    if org.is_branch:
        page["branch_members"] = hooks.branch_members(org, user, BRANCH_MEMBERS_SHOWN)
    return page


def fresh_copy(org: Organization) -> Organization:
    """A second copy of the organization from the database (an edit form validates into it)."""
    return Organization.objects.get(pk=org.pk)


def seat_candidates(org: Organization, user):
    """Active members placed in the organization's subtree, as the user sees them."""
    return hooks.seat_candidates(org, user)


def reorganization_choices(user) -> QuerySet:
    """The organizations a reorganization form offers: active ones the user sees."""
    return Organization.objects.visible_to(user).active().order_by("path")
