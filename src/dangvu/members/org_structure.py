"""The members placed in organizations, as the organizations app needs them: it imports no domain
app (issue 11), so what it asks about members is provided here through
`dangvu.organizations.hooks` (member counts per subtree, a branch's members, who may take a
committee seat, member moves in a reorganization), together with the work-list checks that count
members against the organization rules (rules.md §1: R1.1, R1.2, R1.3, R1.4, R1.5).

The thresholds, their rule ids and regulations are the organizations rules home's
(`dangvu.organizations.rules`); the checks keep the ids `organizations.*`. This module is
imported at start-up by the members checks module (`members.rules.checks`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Count, Exists, F, Func, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Concat, Substr
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core import worklist
from dangvu.core.scope import subtree_q
from dangvu.organizations import hooks
from dangvu.organizations import rules as org_rules
from dangvu.organizations.choices import BRANCH_KINDS, Kind
from dangvu.organizations.models import CommitteeSeat, Locality, Organization, active_on_q
from dangvu.organizations.queries import subtrees_on_sql

from . import reorganization
from .choices import ACTIVE_STATUSES, PlacementKind, Status
from .models import Member, Placement
from .rules.discipline import check_may_stand_for_committee

# --- hooks: member figures for the organization pages and services ----------------------------


@hooks.provide("member_counts")
def member_counts(parent_path: str, prefix_len: int) -> dict[str, dict[str, int]]:
    """Official and probationary members under `parent_path`, per path prefix (one GROUP BY)."""
    counts: dict[str, dict[str, int]] = {}
    rows = (
        Member.objects.filter(subtree_q("org_path", parent_path))
        .filter(status__in=(Status.OFFICIAL, Status.PROBATIONARY))
        .annotate(prefix=Substr("org_path", 1, prefix_len))
        .values("prefix", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        counts.setdefault(row["prefix"], {})[row["status"]] = row["n"]
    return counts


@hooks.provide("member_counts_on")
def member_counts_on(roots: list[int], on: dt.date) -> dict[int, dict[str, int]]:
    """Official and probationary members of each root's subtree on a past date, counted as the
    reports count them (`reporting.members.members_on`): an official placement covering the
    date in an organization of the subtree of that date; official when recognized by then.
    One GROUP BY over the organizations' CTE (`subtrees_on_sql`)."""
    subtrees, params = subtrees_on_sql(roots, on)
    sql = (
        "SELECT s.root, CASE WHEN m.recognized_on IS NOT NULL AND m.recognized_on <= %s "
        "THEN 'official' ELSE 'probationary' END, COUNT(*) "
        f"FROM ({subtrees}) s JOIN {Placement._meta.db_table} p ON p.organization_id = s.id "
        f"JOIN {Member._meta.db_table} m ON m.id = p.member_id "
        "WHERE p.kind = %s AND p.valid_from <= %s AND (p.valid_to IS NULL OR p.valid_to > %s) "
        "GROUP BY 1, 2"
    )
    counts: dict[int, dict[str, int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [on, *params, PlacementKind.OFFICIAL, on, on])
        for root, standing, n in cursor.fetchall():
            counts.setdefault(root, {})[standing] = n
    return counts


def _active_in(organization: Organization, subtree: bool):
    members = Member.objects.active()
    if subtree:
        return members.filter(subtree_q("org_path", organization.path))
    return members.filter(organization=organization)


@hooks.provide("active_members")
def active_members(organization: Organization, subtree: bool) -> int:
    return _active_in(organization, subtree).count()


@hooks.provide("has_active_members")
def has_active_members(organization: Organization, subtree: bool) -> bool:
    return _active_in(organization, subtree).exists()


@hooks.provide("official_members")
def official_members(organization: Organization) -> int:
    """Official members placed in the branch today (probationary members do not count, R1.1)."""
    return Member.objects.filter(organization=organization, status=Status.OFFICIAL).count()


@hooks.provide("branch_members")
def branch_members(organization: Organization, user, limit: int):
    return (
        Member.objects.visible_to(user)
        .active()
        .filter(organization=organization)
        .order_by("sort_key", "id")[:limit]
    )


@hooks.provide("seat_candidates")
def seat_candidates(organization: Organization, user):
    """Active members placed in the organization's subtree, as the user sees them."""
    return Member.objects.visible_to(user).active().filter(subtree_q("org_path", organization.path))


@hooks.provide("check_seat_candidate")
def check_seat_candidate(member: Member, organization: Organization, on: dt.date) -> Member:
    """May `member` take a seat on `organization`'s committee from `on`? The member, locked for
    update, or the refusal: not active, not placed in the organization's subtree, admitted after
    the date, not official on it (Điều lệ Đ5), or under the ban after a removal (R6.4)."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    names = {"member": member.full_name, "org": organization.name}
    if member.status not in ACTIVE_STATUSES:
        raise org_rules.refusal(
            "member", _("%(member)s is not an active party member.") % names, "not_active"
        )
    if not member.org_path.startswith(organization.path):
        raise org_rules.refusal(
            "member", _("%(member)s is not placed in %(org)s or under it.") % names, "outside"
        )
    if member.admitted_on and on < member.admitted_on:
        raise org_rules.refusal(
            "valid_from",
            _("%(member)s was admitted on %(date)s, after this date.")
            % {**names, "date": org_rules.short_date(member.admitted_on)},
            "before_admission",
        )
    # Điều lệ Đ5: a probationary member has a member's rights except to vote, stand for
    # election and be elected to the party's leading bodies.
    if member.status != Status.OFFICIAL or (
        member.recognized_on is not None and on < member.recognized_on
    ):
        raise org_rules.refusal(
            "member",
            _(
                "%(member)s is not an official member on that date: only official members are "
                "elected to a committee (Điều lệ Đ5)."
            )
            % names,
            "not_official",
        )
    try:
        check_may_stand_for_committee(member, on)  # R6.4
    except ValidationError as error:
        raise ValidationError({"member": error.error_list}) from error
    return member


hooks.provide("move_members")(reorganization.move_members)


# --- work-list checks (rules.md §1), one SQL query each in the user's scope ------------------


def _outer_subtree_q(field: str, outer_path: str = "path") -> Q:
    """`field` lies in the subtree of the outer query's `outer_path`. On SQLite a range (paths
    use 0-9A-Z, so `path || '~'` bounds every descendant) lets the index seek; PostgreSQL's
    collation may not sort '~' last, so it uses LIKE there (pattern-ops index). The same as
    meetings.rules.outer_subtree_q."""
    if connection.vendor == "sqlite":
        return Q(**{f"{field}__gte": OuterRef(outer_path)}) & Q(
            **{f"{field}__lt": Concat(OuterRef(outer_path), Value("~"))}
        )
    return Q(**{f"{field}__startswith": OuterRef(outer_path)})


def _count(queryset) -> Coalesce:
    """COUNT(*) of a correlated queryset as a scalar subquery (no GROUP BY)."""
    return Coalesce(
        Subquery(queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")),
        0,
    )


def _detail_base() -> str:
    return reverse("organizations:detail", args=[0])[: -len("0/")]


@worklist.register(
    "organizations.branch_too_small",
    gettext_lazy("Branches with too few official members"),
    rule="R1.4",
)
def branches_too_small(ctx: worklist.Context) -> Iterable[worklist.WorkItem]:
    """R1.4 (Điều lệ Đ24.1): every branch needs at least 3 official members (probationary
    members do not count; R1.1); otherwise the superior attaches its members elsewhere."""
    minimum = org_rules.branch_min_official(org_rules.worklist_values(ctx))
    if minimum <= 0:
        return
    official = Member.objects.filter(organization=OuterRef("pk"), status=Status.OFFICIAL)
    # "No `minimum`-th official member" stops after `minimum` index entries per branch; the
    # count is computed only for the branches listed.
    nth = official.order_by().values("pk")[minimum - 1 : minimum]
    count = official.order_by().values("organization").annotate(n=Count("pk")).values("n")
    rows = (
        ctx.visible(Organization)
        .filter(kind__in=BRANCH_KINDS, dissolved_on__isnull=True)
        .filter(~Exists(nth))
        .annotate(official=Coalesce(Subquery(count), 0))
        .order_by("official", "path")
        .values_list("pk", "name", "official")
    )
    base = _detail_base()
    for pk, name, official in rows:
        yield worklist.WorkItem(
            check="organizations.branch_too_small",
            title=_("%(org)s has %(count)s official members (at least %(min)s needed)")
            % {"org": name, "count": official, "min": minimum},
            url=f"{base}{pk}/",
            organization=name,
            rule="R1.4",
        )


@worklist.register(
    "organizations.white_locality",
    gettext_lazy('Localities without a branch or a member ("white")'),
    rule="R1.1",
)
def white_localities(ctx: worklist.Context) -> Iterable[worklist.WorkItem]:
    """Thôn/bản "trắng" (glossary): a locality no branch covers, or whose branch has no active
    member. Listed to the commune-level committee that must build one (R1.1)."""
    has_member = Member.objects.active().filter(organization=OuterRef("branch_id"))
    rows = (
        ctx.visible(Locality)
        .annotate(has_member=Exists(has_member))
        .filter(Q(branch__isnull=True) | Q(has_member=False))
        .order_by("commune__path", "name")
        .values_list("commune_id", "commune__name", "name", "branch_id")
    )
    base = _detail_base()
    for commune_id, commune, name, branch_id in rows:
        if branch_id is None:
            title = _("%(locality)s has no party branch") % {"locality": name}
        else:
            title = _("%(locality)s has no party member") % {"locality": name}
        yield worklist.WorkItem(
            check="organizations.white_locality",
            title=title,
            url=f"{base}{commune_id}/",
            organization=commune,
            subject=name,
            rule="R1.1",
        )


def _grassroots_by_headcount(ctx: worklist.Context, kind: str, minimum: int, at_least: bool):
    """Active grassroots organizations of `kind` in scope whose members (official and
    probationary, in the whole subtree) reach `minimum` (`at_least`) or stay below it, with
    their headcount; one query."""
    members = Member.objects.active().filter(_outer_subtree_q("org_path"))
    # "A `minimum`-th member exists" stops after `minimum` index entries per organization; the
    # count is computed only for the organizations listed.
    reached = Exists(members.order_by().values("pk")[minimum - 1 : minimum])
    return (
        ctx.visible(Organization)
        .filter(kind=kind, dissolved_on__isnull=True)
        .filter(reached if at_least else ~reached)
        .annotate(headcount=_count(members))
        .order_by("path")
        .values_list("pk", "name", "headcount")
    )


@worklist.register(
    "organizations.base_branch_too_large",
    gettext_lazy("Grassroots branches large enough to be a grassroots committee"),
    rule="R1.2",
)
def base_branches_too_large(ctx: worklist.Context) -> Iterable[worklist.WorkItem]:
    """R1.2 (Điều lệ Đ21.3–4): a grassroots organization with at least 30 members (the
    profile's number; probationary members count, "đảng viên") is a grassroots committee
    (đảng bộ cơ sở) with branches under it, not a grassroots branch."""
    if ctx.user.is_plain_member:
        return
    minimum = org_rules.base_committee_min_members(org_rules.worklist_values(ctx))
    if minimum <= 0:
        return
    rows = _grassroots_by_headcount(ctx, Kind.BASE_BRANCH, minimum, at_least=True)
    base = _detail_base()
    for pk, name, headcount in rows:
        yield worklist.WorkItem(
            check="organizations.base_branch_too_large",
            title=_(
                "%(org)s has %(count)s members: from %(min)s members a grassroots organization "
                "is a grassroots committee (R1.2)"
            )
            % {"org": name, "count": headcount, "min": minimum},
            url=f"{base}{pk}/",
            organization=name,
            rule="R1.2",
        )


@worklist.register(
    "organizations.base_committee_too_small",
    gettext_lazy("Grassroots committees with fewer members than the rule"),
    rule="R1.3",
)
def base_committees_too_small(ctx: worklist.Context) -> Iterable[worklist.WorkItem]:
    """R1.3 (Điều lệ Đ21.5): a grassroots committee (đảng bộ cơ sở) with fewer than 30
    members (the profile's number) exists only with the directly superior committee's
    approval. No approval is recorded yet, so every such committee is listed."""
    if ctx.user.is_plain_member:
        return
    minimum = org_rules.base_committee_min_members(org_rules.worklist_values(ctx))
    if minimum <= 0:
        return
    rows = _grassroots_by_headcount(ctx, Kind.BASE_COMMITTEE, minimum, at_least=False)
    base = _detail_base()
    for pk, name, headcount in rows:
        yield worklist.WorkItem(
            check="organizations.base_committee_too_small",
            title=_(
                "%(org)s has %(count)s members, fewer than %(min)s: a grassroots committee this "
                "small needs the superior committee's approval (R1.3)"
            )
            % {"org": name, "count": headcount, "min": minimum},
            url=f"{base}{pk}/",
            organization=name,
            rule="R1.3",
        )


@worklist.register(
    "organizations.branch_committee_missing",
    gettext_lazy("Branches that should elect a branch committee"),
    rule="R1.5",
)
def branch_committees_missing(ctx: worklist.Context) -> Iterable[worklist.WorkItem]:
    """R1.5 (Điều lệ Đ24.4): a branch with at least 9 official members (the profile's number)
    elects a branch committee (chi ủy); listed while it holds no current committee-member
    seat (only a secretary, a deputy, or nobody)."""
    if ctx.user.is_plain_member:
        return
    minimum = org_rules.branch_committee_min_official(org_rules.worklist_values(ctx))
    if minimum <= 0:
        return
    official = Member.objects.filter(organization=OuterRef("pk"), status=Status.OFFICIAL)
    nth = official.order_by().values("pk")[minimum - 1 : minimum]
    committee = CommitteeSeat.objects.filter(
        active_on_q(ctx.on), organization=OuterRef("pk"), role__in=org_rules.COMMITTEE_ROLES
    )
    rows = (
        ctx.visible(Organization)
        .filter(kind__in=BRANCH_KINDS, dissolved_on__isnull=True)
        .filter(Exists(nth), ~Exists(committee))
        .annotate(official=_count(official))
        .order_by("path")
        .values_list("pk", "name", "official")
    )
    base = _detail_base()
    for pk, name, official_count in rows:
        yield worklist.WorkItem(
            check="organizations.branch_committee_missing",
            title=_(
                "%(org)s has %(count)s official members and no branch committee: from %(min)s "
                "official members a branch elects one (R1.5)"
            )
            % {"org": name, "count": official_count, "min": minimum},
            url=f"{base}{pk}/",
            organization=name,
            rule="R1.5",
        )
