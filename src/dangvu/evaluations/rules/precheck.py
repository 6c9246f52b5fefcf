"""The checks made before a decision (R4.3–R4.8, R5.5), in a few SQL queries per page.

The pre-check page and the decision service call the same functions: what the page lists as
a blocker is exactly what the service refuses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _

from dangvu.members.choices import ResidenceCategory
from dangvu.members.models import Discipline, ResidenceComment, ResidenceContact
from dangvu.organizations.choices import SeatRole
from dangvu.organizations.models import CommitteeSeat, active_on_q

from ..choices import RATING_RANK, EvaluationStep, Rating
from ..models import EvaluationCycle, MemberEvaluation, OrganizationEvaluation
from .profile import cycle_values
from .regulations import (
    Quota,
    collective_cap,
    collective_share_exceeded,
    disciplined_member_cap,
    leader_cap,
    probationary_cap,
    quota,
    self_remedied_excepted,
    year_bounds,
)


def _label(rating: str) -> str:
    return str(Rating(rating).label)


@dataclass
class Check:
    """What limits one row: caps (highest level allowed, with why), floors (lowest level
    allowed, with why) and warnings that do not block."""

    caps: list[tuple[str, str]] = field(default_factory=list)
    floors: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def cap(self) -> str:
        return min((c for c, _m in self.caps), key=lambda r: RATING_RANK[Rating(r)], default="")

    def blockers(self, rating: str) -> list[str]:
        if not rating:
            return []
        rank = RATING_RANK[Rating(rating)]
        found = [message for cap, message in self.caps if rank > RATING_RANK[Rating(cap)]]
        found += [message for low, message in self.floors if rank < RATING_RANK[Rating(low)]]
        return found


def disciplined_in_year(
    member_ids: Iterable[int], year: int, values: dict | None = None
) -> set[int]:
    """R4.4: members with a discipline decision signed in the year and not annulled; with
    `evaluation.self_remedied_exception` (QĐ 124-QĐ/TW), disciplines flagged as self-detected
    and remedied do not count."""
    start, end = year_bounds(year)
    disciplines = Discipline.objects.filter(
        member_id__in=list(member_ids),
        signed_on__gte=start,
        signed_on__lte=end,
        annulled_on__isnull=True,
    )
    if values is not None and self_remedied_excepted(values):
        disciplines = disciplines.filter(self_remedied=False)
    return set(disciplines.values_list("member_id", flat=True))


def _disciplined_exists(year: int, member_ref: str = "member_id") -> Exists:
    start, end = year_bounds(year)
    return Exists(
        Discipline.objects.filter(
            member_id=OuterRef(member_ref),
            signed_on__gte=start,
            signed_on__lte=end,
            annulled_on__isnull=True,
        )
    )


def missing_residence_comment(member_ids: Iterable[int], year: int) -> set[int]:
    """R5.4/R5.5 (QĐ 213 Đ3.4, HD 33 §1): a working member in regular contact with a
    residence branch (category "none") during the year, whose comment for the year is missing."""
    start, end = year_bounds(year)
    return set(
        ResidenceContact.objects.filter(
            member_id__in=list(member_ids),
            category=ResidenceCategory.NONE,
            valid_from__lte=end,
        )
        .exclude(valid_to__lte=start)
        .filter(~Exists(ResidenceComment.objects.filter(contact=OuterRef("pk"), year=year)))
        .values_list("member_id", flat=True)
    )


def member_checks(
    cycle: EvaluationCycle,
    rows: list[MemberEvaluation],
    on: dt.date,
    values: dict,
    org_ratings: dict[int, str] | None = None,
) -> dict[int, Check]:
    """R4.4 discipline, R4.8 probation, R4.6 leaders, R5.5 residence comments, per row.
    `org_ratings` overrides the collectives' decided levels (those decided in the same batch)."""
    ids = [row.member_id for row in rows]
    disciplined = disciplined_in_year(ids, cycle.year, values)
    missing = missing_residence_comment(ids, cycle.year)
    heads: dict[int, list[tuple[int, str]]] = {}
    for member_id, org_id, org_name in (
        CommitteeSeat.objects.filter(active_on_q(on), role=SeatRole.SECRETARY, member_id__in=ids)
        .values_list("member_id", "organization_id", "organization__name")
        .order_by("organization__path")
    ):
        heads.setdefault(member_id, []).append((org_id, org_name))
    led = {org_id for pairs in heads.values() for org_id, _n in pairs}
    decided = dict(
        OrganizationEvaluation.objects.filter(
            cycle=cycle, organization_id__in=led, step=EvaluationStep.DECIDED
        ).values_list("organization_id", "rating")
    )
    in_cycle = set(
        OrganizationEvaluation.objects.filter(cycle=cycle, organization_id__in=led).values_list(
            "organization_id", flat=True
        )
    )
    decided.update(org_ratings or {})
    checks: dict[int, Check] = {}
    for row in rows:
        check = Check()
        if row.member_id in disciplined:
            cap = disciplined_member_cap(values)
            check.caps.append(
                (
                    cap,
                    _("Disciplined in %(year)s: at most “%(level)s” (R4.4).")
                    % {"year": cycle.year, "level": _label(cap)},
                )
            )
        if row.probationary and probationary_cap(values) != Rating.EXCELLENT:
            cap = probationary_cap(values)
            check.caps.append(
                (
                    cap,
                    _("Probationary member: at most “%(level)s” (R4.8).") % {"level": _label(cap)},
                )
            )
        for org_id, org_name in heads.get(row.member_id, []):
            if org_id not in in_cycle:
                continue
            rating = decided.get(org_id)
            cap = leader_cap(rating, values)
            if cap:
                check.caps.append(
                    (
                        cap,
                        _("Secretary of %(org)s, rated “%(level)s”: not above it (R4.6).")
                        % {"org": org_name, "level": _label(cap)},
                    )
                )
            elif rating is None and values["evaluation.leader_not_above_collective"]:
                check.warnings.append(
                    _("Secretary of %(org)s, not decided yet: the collective comes first (R4.6).")
                    % {"org": org_name}
                )
        if row.member_id in missing:
            check.warnings.append(
                _("No %(year)s comment from the residence branch (R5.5).") % {"year": cycle.year}
            )
        if row.step == EvaluationStep.PENDING:
            check.warnings.append(_("Not self-assessed."))
        if row.step in (EvaluationStep.PENDING, EvaluationStep.SELF):
            check.warnings.append(_("No proposal from the branch yet."))
        checks[row.pk] = check
    return checks


def organization_checks(
    cycle: EvaluationCycle, rows: list[OrganizationEvaluation], on: dt.date, values: dict
) -> dict[int, Check]:
    """R4.4 collective (share of disciplined members), R4.3 (leadership disciplined → not
    HTXSNV) and R4.6 seen from the collective (its secretary already rated higher)."""
    org_ids = [row.organization_id for row in rows]
    rated = MemberEvaluation.objects.filter(cycle=cycle, excluded=False).annotate(
        disciplined=_disciplined_exists(cycle.year)
    )
    counts: dict[tuple[str, int], tuple[int, int]] = {}
    undecided: dict[tuple[str, int], int] = {}
    for key in ("organization_id", "grassroots_id"):
        for group, total, disc, open_rows in (
            rated.filter(**{f"{key}__in": org_ids})
            .values(key)
            .annotate(
                n=Count("pk"),
                d=Count("pk", filter=Q(disciplined=True)),
                u=Count("pk", filter=~Q(step=EvaluationStep.DECIDED)),
            )
            .values_list(key, "n", "d", "u")
            .order_by()
        ):
            counts[(key, group)] = (total, disc)
            undecided[(key, group)] = open_rows
    seats = CommitteeSeat.objects.filter(active_on_q(on), organization_id__in=org_ids)
    leadership = set(
        seats.filter(_disciplined_exists(cycle.year)).values_list("organization_id", flat=True)
    )
    head_ratings: dict[int, list[tuple[str, str]]] = {}
    for org_id, name, rating in (
        seats.filter(role=SeatRole.SECRETARY)
        .annotate(
            rating=MemberEvaluation.objects.filter(
                cycle=cycle, member_id=OuterRef("member_id"), step=EvaluationStep.DECIDED
            ).values("rating")[:1]
        )
        .values_list("organization_id", "member__full_name", "rating")
    ):
        if rating:
            head_ratings.setdefault(org_id, []).append((name, rating))
    checks: dict[int, Check] = {}
    for row in rows:
        key = "grassroots_id" if row.level == "grassroots" else "organization_id"
        total, disc = counts.get((key, row.organization_id), (0, 0))
        cap = collective_cap(
            disciplined=disc,
            members=total,
            leadership_disciplined=row.organization_id in leadership,
            values=values,
        )
        check = Check()
        if collective_share_exceeded(disc, total, values):
            check.caps.append(
                (
                    cap,
                    _(
                        "%(disciplined)s of %(members)s members disciplined in %(year)s, more "
                        "than %(percent)s%%: at most “%(level)s” (R4.4)."
                    )
                    % {
                        "disciplined": disc,
                        "members": total,
                        "year": cycle.year,
                        "percent": values["evaluation.collective_disciplined_share_percent"],
                        "level": _label(cap),
                    },
                )
            )
        elif cap != Rating.EXCELLENT:
            check.caps.append(
                (
                    cap,
                    _("A committee member was disciplined in %(year)s: at most “%(level)s” (R4.3).")
                    % {"year": cycle.year, "level": _label(cap)},
                )
            )
        if values["evaluation.leader_not_above_collective"]:
            for name, rating in head_ratings.get(row.organization_id, []):
                check.floors.append(
                    (
                        rating,
                        _(
                            "Its secretary %(name)s is already rated “%(level)s”: reopen that "
                            "rating first or choose at least that level (R4.6)."
                        )
                        % {"name": name, "level": _label(rating)},
                    )
                )
        if row.step == EvaluationStep.PENDING:
            check.warnings.append(_("Not self-assessed."))
        # R4.4/R4.6 read the members' levels: deciding the collective first may miss them.
        if undecided.get((key, row.organization_id)):
            check.warnings.append(
                _("%(open)s of %(members)s members are not decided yet.")
                % {"open": undecided[(key, row.organization_id)], "members": total}
            )
        checks[row.pk] = check
    return checks


def proposal(row: MemberEvaluation | OrganizationEvaluation) -> str:
    """R4.7 step 2: what the level below proposes for a row: a member's branch proposal; for a
    collective (proposed by nobody), its own self-assessed level."""
    if isinstance(row, MemberEvaluation):
        return row.proposed_rating or ""
    return row.self_rating or ""


def projected(row: MemberEvaluation | OrganizationEvaluation, posted: str | None = None) -> str:
    """The level a row stands at while the committee works (issue 14): decided, else the
    level just posted, else the committee's draft, else the proposal; "" for a row not rated
    (R4.8) or with none of them. The quota and the checks of the decision page count these."""
    if row.step == EvaluationStep.DECIDED:
        return row.rating
    if getattr(row, "excluded", False):
        return ""
    if posted is not None:
        return posted if posted in Rating.values else ""
    return row.draft_rating or proposal(row)


def quota_counts(cycle: EvaluationCycle, grassroots_id: int, exclude: Iterable[int] = ()) -> dict:
    """R4.5: members already decided HTXSNV and HTTNV in the grassroots organization."""
    found = dict(
        MemberEvaluation.objects.filter(
            cycle=cycle,
            grassroots_id=grassroots_id,
            excluded=False,
            step=EvaluationStep.DECIDED,
            rating__in=(Rating.EXCELLENT, Rating.GOOD),
        )
        .exclude(pk__in=list(exclude))
        .values("rating")
        .annotate(n=Count("pk"))
        .values_list("rating", "n")
        .order_by()
    )
    return {"excellent": found.get(Rating.EXCELLENT, 0), "good": found.get(Rating.GOOD, 0)}


def quota_after(
    cycle: EvaluationCycle, grassroots_id: int, ratings: Iterable[str], values: dict
) -> Quota:
    """R4.5 as it would stand with `ratings` (levels about to be decided) added to those
    already decided in the grassroots organization: the decision service refuses what the
    list page shows."""
    counts = quota_counts(cycle, grassroots_id)
    for rating in ratings:
        if rating in (Rating.EXCELLENT, Rating.GOOD):
            counts[rating] += 1
    return quota(counts["excellent"], counts["good"], values)


def quota_message(quota: Quota, org_name: str) -> str | None:
    """R4.5 refused when HTXSNV > floor(20% × HTTNV) in the grassroots organization."""
    if quota.ok:
        return None
    return _(
        "%(excellent)s members rated “excellent” in %(org)s, more than the %(allowed)s allowed "
        "(%(percent)s%% of the %(good)s rated “good”) (R4.5)."
    ) % {
        "excellent": quota.excellent,
        "org": org_name,
        "allowed": quota.allowed,
        "percent": quota.percent,
        "good": quota.good,
    }


def row_check(row: MemberEvaluation | OrganizationEvaluation, on: dt.date) -> Check:
    """The checks of one row on `on` (the one-row decision page)."""
    _profile, values = cycle_values(row.cycle, on)
    if isinstance(row, MemberEvaluation):
        return member_checks(row.cycle, [row], on, values)[row.pk]
    return organization_checks(row.cycle, [row], on, values)[row.pk]
