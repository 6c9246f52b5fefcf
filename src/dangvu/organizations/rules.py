"""Organization rules (rules.md §1): the committee seats a branch may elect (R1.5), and the
work-list checks: thin branches (R1.4), "white" localities (R1.1), grassroots organizations
whose kind disagrees with their headcount (R1.2, R1.3), branches that should elect a branch
committee (R1.5).

Every number comes from the dated rule profile (core.profiles). The checks are registered with
core.worklist when the app is ready (the app registry imports this module); each is one SQL
query limited to the user's scope.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Count, Exists, F, Func, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Concat
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core import worklist

from .choices import BRANCH_KINDS, Kind, SeatRole
from .models import CommitteeSeat, Locality, Organization, active_on_q

# Seats that make a branch committee (chi ủy) rather than a secretary and a deputy (R1.5).
COMMITTEE_ROLES = (SeatRole.MEMBER, SeatRole.STANDING)


def short_date(day: dt.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def refusal(field: str, message: str, code: str) -> ValidationError:
    """A refusal shown on `field` of the form, with a code tests and callers can read (a code
    given beside a dict is dropped by ValidationError)."""
    return ValidationError({field: ValidationError(message, code=code)})


def _profile(ctx: worklist.Context) -> dict:
    """The rule profile in force on the work list's date, read once per work list."""
    from dangvu.members.rules import profile_values

    return profile_values(ctx)


def _outer_subtree_q(field: str, outer_path: str = "path") -> Q:
    """`field` lies in the subtree of the outer query's `outer_path`. On SQLite a range (paths
    use 0-9A-Z, so `path || '~'` bounds every descendant) lets the index seek; PostgreSQL's
    collation may not sort '~' last, so it uses LIKE there (pattern-ops index). The same as
    meetings.rules.outer_subtree_q, which this app cannot import."""
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


# --- R1.5 committee seats ------------------------------------------------------------------


def official_members(org: Organization) -> int:
    """Official members placed in the branch today (probationary members do not count, R1.1)."""
    from dangvu.members.choices import Status
    from dangvu.members.models import Member

    return Member.objects.filter(organization=org, status=Status.OFFICIAL).count()


def seats_from(org: Organization, on: dt.date):
    """The organization's seats held on `on` or later: those an open seat from `on` would sit
    beside (a seat ended on its first day never existed)."""
    return CommitteeSeat.objects.filter(organization=org).filter(
        Q(valid_to__isnull=True) | (Q(valid_to__gt=on) & Q(valid_to__gt=F("valid_from")))
    )


def peak_seats(seats: Iterable[CommitteeSeat], on: dt.date) -> int:
    """The most seats held together on any day from `on` on (the count only rises on a day a
    seat starts, so those days and `on` are the ones to count)."""
    seats = list(seats)

    def held_on(day: dt.date) -> int:
        return sum(
            1 for s in seats if s.valid_from <= day and (s.valid_to is None or s.valid_to > day)
        )

    return max(held_on(day) for day in {on, *(s.valid_from for s in seats if s.valid_from > on)})


def check_seat_composition(
    org: Organization, member, role: str, valid_from: dt.date, values: dict
) -> None:
    """Who may take a seat from `valid_from` on (the new seat is open-ended):
    - one seat per member on the same committee at a time;
    - one secretary per organization;
    - R1.5 (Điều lệ Đ24.4; QĐ 294-QĐ/TW): a branch with fewer official members than the
      profile's number elects only a secretary and at most one deputy; from that number it
      elects a branch committee (chi ủy) of at most the profile's size, with one deputy; a
      branch committee has no standing committee (ban thường vụ is a đảng ủy's)."""
    seats = list(seats_from(org, valid_from).select_related("member"))
    for seat in seats:
        if seat.member_id == member.pk:
            raise refusal(
                "member",
                _("%(member)s already holds a seat on this committee from %(date)s: end it first.")
                % {"member": member.full_name, "date": short_date(seat.valid_from)},
                "seat_overlap",
            )
    for seat in seats:
        if role == SeatRole.SECRETARY and seat.role == SeatRole.SECRETARY:
            raise refusal(
                "role",
                _(
                    "%(org)s already has a secretary from %(date)s (%(member)s): end that "
                    "seat first."
                )
                % {
                    "org": org.name,
                    "date": short_date(seat.valid_from),
                    "member": seat.member.full_name,
                },
                "one_secretary",
            )
    if org.kind not in BRANCH_KINDS:
        return
    minimum = values["org.branch_committee_min_official"]
    official = official_members(org)
    if role in COMMITTEE_ROLES and official < minimum:
        raise refusal(
            "role",
            _(
                "%(org)s has %(count)s official members: with fewer than %(min)s a branch "
                "elects only a secretary and at most one deputy secretary, not a branch "
                "committee (R1.5)."
            )
            % {"org": org.name, "count": official, "min": minimum},
            "no_branch_committee",
        )
    if role == SeatRole.STANDING:
        raise refusal(
            "role",
            _(
                "A branch committee has no standing committee members: choose committee "
                "member (R1.5)."
            ),
            "branch_standing",
        )
    if role == SeatRole.DEPUTY:
        for seat in seats:
            if seat.role == SeatRole.DEPUTY:
                raise refusal(
                    "role",
                    _(
                        "A branch has one deputy secretary: %(member)s holds that seat from "
                        "%(date)s (R1.5)."
                    )
                    % {"member": seat.member.full_name, "date": short_date(seat.valid_from)},
                    "one_deputy",
                )
    maximum = values["org.branch_committee_max_size"]
    if official >= minimum and peak_seats(seats, valid_from) + 1 > maximum:
        raise ValidationError(
            _(
                "The committee of %(org)s would have %(count)s members; a branch committee "
                "has at most %(max)s (R1.5)."
            )
            % {"org": org.name, "count": peak_seats(seats, valid_from) + 1, "max": maximum},
            code="branch_committee_size",
        )


# --- work-list checks ----------------------------------------------------------------------


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
    from dangvu.members.choices import Status
    from dangvu.members.models import Member

    minimum = _profile(ctx)["org.branch_min_official"]
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
    from dangvu.members.models import Member

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
    from dangvu.members.models import Member

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
    minimum = _profile(ctx)["org.base_committee_min_members"]
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
    minimum = _profile(ctx)["org.base_committee_min_members"]
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
    from dangvu.members.choices import Status
    from dangvu.members.models import Member

    if ctx.user.is_plain_member:
        return
    minimum = _profile(ctx)["org.branch_committee_min_official"]
    if minimum <= 0:
        return
    official = Member.objects.filter(organization=OuterRef("pk"), status=Status.OFFICIAL)
    nth = official.order_by().values("pk")[minimum - 1 : minimum]
    committee = CommitteeSeat.objects.filter(
        active_on_q(ctx.on), organization=OuterRef("pk"), role__in=COMMITTEE_ROLES
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
