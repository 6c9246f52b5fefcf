"""Read paths for the tree and organization pages: counts as GROUP BY over path prefixes, the
tree's nodes (today's or a dated one), an organization page's panels, and the breadcrumbs other
apps' pages share. Member figures come through `hooks` (this app imports no domain app)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
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


def subtrees_on_sql(roots: Sequence[int], on: dt.date) -> tuple[str, list]:
    """The subtrees of `roots` as they stood on `on`, rebuilt from the dated links with one
    recursive CTE (as the reports' `subtree_sql` does for one root): rows (root, id, kind), the
    kind each organization had on that date. The roots are siblings, so their subtrees do not
    overlap; UNION (not UNION ALL) stops a cycle in bad data."""
    table = OrganizationLink._meta.db_table
    active = "l.valid_from <= %s AND (l.valid_to IS NULL OR l.valid_to > %s)"
    marks = ", ".join(["%s"] * len(roots))
    sql = (
        "WITH RECURSIVE sub(root, id, kind) AS ("
        f"SELECT l.organization_id, l.organization_id, l.kind FROM {table} l"
        f" WHERE l.organization_id IN ({marks}) AND {active}"
        " UNION "
        f"SELECT sub.root, l.organization_id, l.kind FROM {table} l"
        f" JOIN sub ON l.parent_id = sub.id WHERE {active}"
        ") SELECT root, id, kind FROM sub"
    )
    return sql, [*roots, on, on, on, on]


def subtree_counts_on(roots: Sequence[int], on: dt.date) -> dict[int, dict[str, int]]:
    """The figures of each root's subtree on a past date, like `subtree_counts` for today:
    members placed there on that date (official, probationary: `hooks.member_counts_on`) and
    its branches and grassroots organizations of that date (founded, not yet dissolved). One
    GROUP BY per kind of figure, whatever the number of roots."""
    counts: dict[int, dict[str, int]] = {
        root: {"official": 0, "probationary": 0, "branches": 0, "grassroots": 0} for root in roots
    }
    if not roots:
        return counts
    for root, members in hooks.member_counts_on(roots, on).items():
        counts[root].update(members)
    subtrees, params = subtrees_on_sql(roots, on)
    kinds = (*BRANCH_KINDS, *GRASSROOTS_KINDS)
    sql = (
        f"SELECT s.root, s.kind, COUNT(*) FROM ({subtrees}) s "
        f"JOIN {Organization._meta.db_table} o ON o.id = s.id "
        f"WHERE s.kind IN ({', '.join(['%s'] * len(kinds))}) "
        "AND (o.founded_on IS NULL OR o.founded_on <= %s) "
        "AND (o.dissolved_on IS NULL OR o.dissolved_on > %s) GROUP BY s.root, s.kind"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *kinds, on, on])
        for root, kind, n in cursor.fetchall():
            if kind in BRANCH_KINDS:
                counts[root]["branches"] += n
            if kind in GRASSROOTS_KINDS:
                counts[root]["grassroots"] += n
    return counts


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
    """One line of the tree, from today's tree or a dated link, with its subtree's figures."""

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
    """Dated links restricted to organizations the user sees today, each with the figures of
    its subtree on that date (issue 14: a past tree showed no counts)."""
    links = list(
        links.filter(organization__in=Organization.objects.visible_to(user)).annotate(
            has_children=Exists(
                OrganizationLink.objects.filter(active_on_q(on), parent=OuterRef("organization"))
            )
        )
    )
    counts = subtree_counts_on([link.organization_id for link in links], on)
    return [
        TreeNode(
            pk=link.organization_id,
            name=link.name,
            kind=link.kind,
            kind_label=link.get_kind_display(),
            has_children=link.has_children,
            counts=counts[link.organization_id],
        )
        for link in links
    ]


def tree(user, on: dt.date | None) -> dict[str, Any]:
    """The top of the user's tree, today's or as of `on`, with each node's figures."""
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
    """The children of `parent` the user sees, today's or as of `on`, with their figures."""
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


def organization_page_on(org: Organization, user, on: dt.date) -> dict[str, Any]:
    """The organization's page as it stood on `on` (issue 14): its name and kind of that date
    (from its history link), its subtree's figures then (members placed there on that date,
    branches of that date), the committee seated then and the sub-organizations linked under
    it then, with their figures. Today's lists (a branch's members, the localities) and the
    seat forms stay on today's page."""
    link = (
        OrganizationLink.objects.filter(active_on_q(on), organization=org)
        .order_by("-valid_from")
        .first()
    )
    return {
        "on": on,
        "link_on": link,  # None: the organization did not exist on that date
        "breadcrumbs": breadcrumbs(user, org),
        "counts": subtree_counts_on([org.pk], on)[org.pk] if link else None,
        "seats": (
            CommitteeSeat.objects.visible_to(user)
            .current(on)
            .filter(organization=org)
            .select_related("member")
            .order_by(SEAT_ORDER, "valid_from", "member__sort_key")
        ),
        "children": nodes_on(children_on(org, on), user, on) if link else [],
        "show_localities": False,
        "localities": Locality.objects.none(),
        "can_manage": rules.may_manage(user, org),
        "may_add_seat": False,
    }


def fresh_copy(org: Organization) -> Organization:
    """A second copy of the organization from the database (an edit form validates into it)."""
    return Organization.objects.get(pk=org.pk)


def seat_candidates(org: Organization, user):
    """Active members placed in the organization's subtree, as the user sees them."""
    return hooks.seat_candidates(org, user)


def reorganization_choices(user) -> QuerySet:
    """The organizations a reorganization form offers: active ones the user sees."""
    return Organization.objects.visible_to(user).active().order_by("path")
