"""Read paths of member development: the pages' reads, counts and statistics as SQL aggregates
(GROUP BY). Views read through these functions, never the ORM directly."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Substr
from django.utils.translation import gettext as _

from dangvu.core.filters import parse_id
from dangvu.core.scope import subtree_q
from dangvu.members.choices import ACTIVE_STATUSES, EventKind, PlacementKind, Status
from dangvu.members.models import Member, MemberEvent, Placement
from dangvu.organizations.models import Organization, active_on_q

from . import rules
from .choices import CATEGORY_Q, Category
from .models import AdmissionTarget, Candidate, Certificate, Course


def official_members_on(branch: Organization, on: dt.date) -> int:
    """Official members of `branch` on `on` (R2.3's denominator): an official placement there
    covering the date, recognized by then, and not out of the party before it."""
    return (
        Placement.objects.filter(active_on_q(on), organization=branch, kind=PlacementKind.OFFICIAL)
        .filter(member__recognized_on__lte=on)
        .filter(Q(member__status=Status.OFFICIAL) | Q(member__status_since__gt=on))
        .values("member")
        .distinct()
        .count()
    )


def branch_members_for_choice(branch: Organization) -> QuerySet:
    """The branch's official members, for the introducer and mentor choices."""
    return Member.objects.filter(organization=branch, status=Status.OFFICIAL).order_by(
        "sort_key", "id"
    )


def probationers_due(members: QuerySet, on: dt.date, ahead_days: int = 30) -> QuerySet:
    """Probationary members whose probation ends by `on` + `ahead_days` (R2.10, the rules
    home's `probationers_due` with the profile in force on `on`), soonest first."""
    return rules.probationers_due(members, on, rules.in_force(on)[1], ahead_days)


def mark_recognition_dates(members, today: dt.date) -> None:
    """Give each probationary member `probation_end`, `consider_by` (R2.10–R2.11a, today's
    profile) and `overdue`."""
    values = rules.in_force(today)[1]
    for member in members:
        member.probation_end = rules.probation_end(member.status_since, values)
        member.consider_by = rules.recognition_consider_deadline(member.probation_end, values)
        member.overdue = member.consider_by < today


def probationers_in(user, organization: Organization) -> QuerySet:
    """Members of `organization`'s subtree the user sees (the recognitions-due list)."""
    return (
        Member.objects.filter(subtree_q("org_path", organization.path))
        & Member.objects.visible_to(user)
    ).select_related("organization")


def former_members(user) -> QuerySet:
    """Former members (struck off, left, expelled) in the user's scope (R2.12)."""
    return (
        Member.objects.visible_to(user)
        .filter(status__in=rules.OUT_OF_PARTY)
        .select_related("organization")
        .order_by("sort_key", "id")
    )


def former_member(user, chosen) -> Member | None:
    """The former member `chosen` (an id from the query string) if the user sees them."""
    if parse_id(chosen) is None:
        return None
    return (
        Member.objects.visible_to(user)
        .filter(pk=parse_id(chosen), status__in=rules.OUT_OF_PARTY)
        .first()
    )


def mark_readmission_earliest(members, today: dt.date) -> None:
    """Give each former member `earliest`: the first day they may be re-admitted (R2.12)."""
    values = rules.in_force(today)[1]
    for member in members:
        member.earliest = rules.readmission_earliest(member.status_since, values)


def branches_for(user) -> QuerySet:
    """The active branches the user sees: where a candidate may be introduced."""
    return Organization.objects.visible_to(user).branches().active().order_by("path")


def target_organizations(user) -> QuerySet:
    """The organizations a yearly admission target may be set for (above the branches)."""
    return (
        Organization.objects.visible_to(user)
        .active()
        .exclude(kind__in=("branch", "party_group"))
        .order_by("path")
    )


def targets_of_year(user, year: int, limit: int = 500) -> QuerySet:
    return (
        AdmissionTarget.objects.visible_to(user)
        .filter(year=year)
        .select_related("organization")
        .order_by("organization__path")[:limit]
    )


def courses_for(candidate: Candidate, user) -> QuerySet:
    """Courses a candidate's certificate may come from: those in the user's scope and those of
    the organizations above the candidate's branch."""
    step = Organization.steplen
    path = candidate.org_path
    ancestors = [path[:i] for i in range(step, len(path) + 1, step)]
    visible = Course.objects.visible_to(user).values("pk")
    return (
        Course.objects.filter(organization__path__in=ancestors)
        | Course.objects.filter(pk__in=visible)
    ).order_by("-starts_on", "id")


def candidate_file(candidate: Candidate) -> dict:
    """What the candidate's page shows of the file: the step log, introducers, certificates,
    the decisions."""
    return {
        "steps": candidate.steps.select_related("recorded_by", "rule_profile").order_by(
            "occurred_on", "id"
        ),
        "introductions": candidate.introductions.select_related("member").order_by("-active", "id"),
        "certificates": Certificate.objects.filter(candidate=candidate).select_related("course"),
        "decision": getattr(candidate, "decision", None),
        "recognition": getattr(candidate, "recognition", None),
    }


def chosen_organization(user, chosen) -> Organization:
    """`chosen` (an id from `?organization=`) among the organizations the user sees, else the
    user's own (the top of their scope)."""
    visible = Organization.objects.visible_to(user)
    if parse_id(chosen):
        found = visible.filter(pk=parse_id(chosen)).first()
        if found is not None:
            return found
    if user.organization_id and not user.sees_everything:
        return user.organization
    root = visible.order_by("depth", "path").first()
    if root is None:
        raise PermissionDenied(_("You do not work for any organization."))
    return root


def breadcrumbs(user, organization: Organization) -> list[Organization]:
    """The organization and its ancestors the user sees, from the top."""
    step = Organization.steplen
    paths = [organization.path[:i] for i in range(step, len(organization.path) + 1, step)]
    return list(Organization.objects.visible_to(user).filter(path__in=paths).order_by("depth"))


# ---- statistics (a subtree, a year) ---------------------------------------------------------


@dataclass
class Row:
    """Admissions of one organization's subtree in a year."""

    organization: Organization | None
    admitted: int = 0
    readmitted: int = 0
    categories: dict[str, int] = field(default_factory=dict)
    target: int | None = None
    members_at_start: int = 0

    @property
    def fulfilment(self) -> float | None:
        if not self.target:
            return None
        return self.admitted * 100 / self.target

    @property
    def rate(self) -> float | None:
        if not self.members_at_start:
            return None
        return self.admitted * 100 / self.members_at_start

    def share(self, category: str) -> float | None:
        if not self.admitted:
            return None
        return self.categories.get(category, 0) * 100 / self.admitted


@dataclass
class Statistics:
    organization: Organization
    year: int
    total: Row
    children: list[Row]

    @property
    def categories(self) -> list[tuple[str, str]]:
        return list(Category.choices)

    @property
    def category_rows(self) -> list[tuple[str, str, int]]:
        """(key, label, admitted in that category) for the whole subtree."""
        return [(key, label, self.total.categories.get(key, 0)) for key, label in Category.choices]


def _on_member(q: Q) -> Q:
    """A condition on the candidate's person fields, read on the admitted member instead (the
    village-head mark lives on the candidate record: read it through the member's file)."""
    moved = Q()
    moved.connector, moved.negated = q.connector, q.negated
    for child in q.children:
        if isinstance(child, Q):
            moved.children.append(_on_member(child))
        else:
            key, value = child
            prefix = "member__admission_records__" if key == "is_village_head" else "member__"
            moved.children.append((prefix + key, value))
    return moved


def _admissions_by_prefix(path: str, year: int, prefix_len: int) -> dict[str, dict]:
    """Members admitted (or re-admitted) in `year` per subtree prefix, from the registry's
    facts (the ADMITTED/READMITTED event of the ceremony, whatever wrote it: this workflow or
    an import), with every category counted in the same GROUP BY."""
    aggregates = {
        "admitted": Count("member_id", distinct=True),
        "readmitted": Count("member_id", distinct=True, filter=Q(kind=EventKind.READMITTED)),
        **{
            f"cat_{key}": Count("member_id", distinct=True, filter=_on_member(q))
            for key, q in CATEGORY_Q.items()
        },
    }
    rows = (
        MemberEvent.objects.filter(subtree_q("org_path", path))
        .filter(
            kind__in=(EventKind.ADMITTED, EventKind.READMITTED),
            occurred_on__gte=dt.date(year, 1, 1),
            occurred_on__lt=dt.date(year + 1, 1, 1),
        )
        .annotate(prefix=Substr("org_path", 1, prefix_len))
        .values("prefix")
        .annotate(**aggregates)
        .order_by()
    )
    return {row["prefix"]: row for row in rows}


def _members_at_start_by_prefix(path: str, on: dt.date, prefix_len: int) -> dict[str, int]:
    """Members in the party on `on` (1 January), from placement intervals and status dates:
    an official placement covering the date in a branch of the subtree, admitted by then (the
    ceremony opens the placement), and not out of the party before it."""
    rows = (
        Placement.objects.filter(subtree_q("organization__path", path))
        .filter(active_on_q(on), kind=PlacementKind.OFFICIAL)
        .filter(Q(member__status__in=ACTIVE_STATUSES) | Q(member__status_since__gt=on))
        .annotate(prefix=Substr("organization__path", 1, prefix_len))
        .values("prefix")
        .annotate(n=Count("id"))  # one official placement at a time per member
        .order_by()
    )
    return {row["prefix"]: row["n"] for row in rows}


def top_targets_by_prefix(organization: Organization, year: int, prefix_len: int):
    """Targets set below `organization` that no target in between already covers (a commune's
    own target replaces the sum of its grassroots targets), summed per prefix.

    At most one row per organization and year, read in path order: an organization's
    descendants follow it, so one pass keeps the topmost targets. (A correlated NOT EXISTS
    over the ancestors' paths did the same in SQL, but SQLite's planner picked a plan that
    took 0.5 s for a province.)"""
    rows = (
        AdmissionTarget.objects.filter(year=year)
        .filter(subtree_q("organization__path", organization.path))
        .exclude(organization=organization)
        .order_by("organization__path")
        .values_list("organization__path", "target")
    )
    totals: dict[str, int] = defaultdict(int)
    covering = None
    for path, target in rows:
        if covering is not None and path.startswith(covering):
            continue
        covering = path
        totals[path[:prefix_len]] += target
    return dict(totals)


def admission_statistics(organization: Organization, year: int, user) -> Statistics:
    """Admissions of `organization`'s subtree in `year`: by category, against the targets and
    against the members at the start of the year; the same per visible child organization.
    Four GROUP BY queries whatever the size of the subtree."""
    path = organization.path
    child_len = len(path) + Organization.steplen
    start = dt.date(year, 1, 1)

    admissions = _admissions_by_prefix(path, year, child_len)
    at_start = _members_at_start_by_prefix(path, start, child_len)
    targets = top_targets_by_prefix(organization, year, child_len)
    own_target = (
        AdmissionTarget.objects.filter(organization=organization, year=year)
        .values_list("target", flat=True)
        .first()
    )
    children = list(
        Organization.objects.visible_to(user)
        .filter(subtree_q("path", path), depth=organization.depth + 1)
        .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=start))
        .order_by("position", "path")
    )

    def row_for(org: Organization | None, data: dict | None, members: int, target) -> Row:
        data = data or {}
        return Row(
            organization=org,
            admitted=data.get("admitted", 0),
            readmitted=data.get("readmitted", 0),
            categories={key: data.get(f"cat_{key}", 0) for key in CATEGORY_Q},
            target=target,
            members_at_start=members,
        )

    rows = [
        row_for(
            child, admissions.get(child.path), at_start.get(child.path, 0), targets.get(child.path)
        )
        for child in children
    ]
    # The organization itself may hold members or candidates (a chi bộ cơ sở): its own prefix.
    total_data: dict = defaultdict(int)
    for data in admissions.values():
        for key, value in data.items():
            if key != "prefix":
                total_data[key] += value
    child_targets = sum(targets.values()) if targets else None
    total = row_for(
        organization,
        total_data,
        sum(at_start.values()),
        own_target if own_target is not None else child_targets,
    )
    return Statistics(organization=organization, year=year, total=total, children=rows)


def candidate_counts_by_stage(queryset: QuerySet) -> dict[str, int]:
    return {
        row["stage"]: row["n"]
        for row in queryset.values("stage").annotate(n=Count("id")).order_by()
    }
