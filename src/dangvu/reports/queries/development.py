"""Development (admissions, recognitions, targets) and removals of a period, attributed to the
subtree of the report's date: events of the branches that belonged to it then."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from dangvu.admissions.choices import ADMITTED_STAGES
from dangvu.admissions.models import AdmissionTarget, Candidate
from dangvu.admissions.queries import _top_targets_by_prefix
from dangvu.members.choices import EventKind
from dangvu.members.models import Member, MemberEvent

from .base import Figure, Section, drill
from .members import placements_on
from .scope import Scope


def admitted(scope: Scope) -> QuerySet:
    """Admitted in the period: as on the admissions statistics page, candidates whose admission
    decision was signed in the period and whose ceremony was held (party age runs from the
    decision, R2.13)."""
    return Candidate.objects.filter(
        scope.where("org_path", "organization_id"),
        decided_on__gte=scope.start,
        decided_on__lte=scope.on,
        stage__in=ADMITTED_STAGES,
    )


def events(scope: Scope, kind: str) -> QuerySet:
    """Membership changes of a kind in the period, in the subtree's branches. A transfer
    counts only when it crosses the subtree's border (a move between two of its branches is
    neither in nor out)."""
    queryset = MemberEvent.objects.filter(
        scope.where("org_path", "organization_id"),
        occurred_on__gte=scope.start,
        occurred_on__lte=scope.on,
        kind=kind,
    )
    if kind in (EventKind.TRANSFERRED_IN, EventKind.TRANSFERRED_OUT):
        queryset = queryset.filter(
            Q(other_organization__isnull=True) | ~Q(other_organization_id__in=scope.org_ids())
        )
    return queryset


def target(scope: Scope) -> int | None:
    """The year's admission target: the organization's own, or the sum of the topmost
    targets set below it (the admissions app's rule, reused)."""
    organization = scope.organization
    own = (
        AdmissionTarget.objects.filter(organization=organization, year=scope.year)
        .values_list("target", flat=True)
        .first()
    )
    if own is not None:
        return own
    below = _top_targets_by_prefix(organization, scope.year, len(organization.path))
    return sum(below.values()) if below else None


def development_section(scope: Scope) -> Section:
    n_admitted = admitted(scope).count()
    recognized = events(scope, EventKind.RECOGNIZED).count()
    # The members on 1 January in the organizations that make up the subtree at the end of
    # the period: the same organizations as the admissions counted.
    at_start = placements_on(scope, scope.start).count()
    year_target = target(scope)
    figures = [
        Figure("development.admitted", _("Admitted"), n_admitted, drill=True),
        Figure(
            "development.recognized", _("Recognized as official members"), recognized, drill=True
        ),
        Figure(
            "development.members_at_start",
            _("Members at the start of the period"),
            at_start,
            drill=True,
        ),
        Figure(
            "development.rate",
            _("Admitted compared with the members at the start"),
            n_admitted,
            base=at_start,
        ),
        Figure("development.target", _("Admission target"), year_target),
        Figure(
            "development.target_met",
            _("Admitted compared with the target"),
            n_admitted,
            base=year_target,
        ),
    ]
    return Section("development", _("Member development"), figures)


# MemberEvent kinds of the removals section, in the order the articles list them.
REMOVAL_KINDS = (
    (EventKind.STRUCK_OFF, _("Struck off (xóa tên)")),
    (EventKind.LEFT, _("Allowed to leave (cho ra khỏi Đảng)")),
    (EventKind.EXPELLED, _("Expelled (khai trừ)")),
    (EventKind.NOT_RECOGNIZED, _("Not recognized as official members")),
    (EventKind.DECEASED, _("Deceased")),
    (EventKind.TRANSFERRED_OUT, _("Transferred out")),
    (EventKind.TRANSFERRED_IN, _("Transferred in")),
)


def removal_section(scope: Scope) -> Section:
    # One GROUP BY for the plain kinds; transfers need the border test.
    plain = [k for k, _l in REMOVAL_KINDS if k not in ("transferred_in", "transferred_out")]
    counts = {
        row["kind"]: row["n"]
        for row in MemberEvent.objects.filter(
            scope.where("org_path", "organization_id"),
            occurred_on__gte=scope.start,
            occurred_on__lte=scope.on,
            kind__in=plain,
        )
        .values("kind")
        .annotate(n=Count("id"))
        .order_by()
    }
    for kind in (EventKind.TRANSFERRED_OUT, EventKind.TRANSFERRED_IN):
        counts[kind] = events(scope, kind).count()
    figures = [
        Figure(f"removals.{kind}", label, counts.get(kind, 0), drill=True)
        for kind, label in REMOVAL_KINDS
    ]
    return Section("removals", _("Removals and transfers"), figures)


def admitted_by_year(scope: Scope, years: list[int]) -> dict[int, int]:
    """Admissions per year (trend chart), one GROUP BY over the decision year."""
    first = dt.date(years[0], 1, 1)
    rows = (
        Candidate.objects.filter(
            scope.where("org_path", "organization_id"),
            decided_on__gte=first,
            decided_on__lte=scope.on,
            stage__in=ADMITTED_STAGES,
        )
        .annotate(y=ExtractYear("decided_on"))
        .values("y")
        .annotate(n=Count("id"))
        .order_by()
    )
    found = {row["y"]: row["n"] for row in rows}
    return {year: found.get(year, 0) for year in years}


drill(
    "development.admitted",
    lambda scope: Member.objects.filter(pk__in=admitted(scope).values("member_id")),
)
drill(
    "development.recognized",
    lambda scope: events(scope, EventKind.RECOGNIZED),
)
drill(
    "development.members_at_start",
    lambda scope: Member.objects.filter(
        pk__in=placements_on(scope, scope.start).values("member_id")
    ),
)
for _kind, _label in REMOVAL_KINDS:
    drill(f"removals.{_kind}", lambda scope, kind=_kind: events(scope, kind))
