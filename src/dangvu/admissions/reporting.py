"""The reports' development section (admissions, recognitions, targets) of a period,
attributed to the subtree of the report's date: events of the branches that belonged to it then."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dangvu.admissions.choices import ADMITTED_STAGES
from dangvu.admissions.models import AdmissionTarget, Candidate
from dangvu.admissions.queries import top_targets_by_prefix
from dangvu.core.templatetags.vn import vn_number
from dangvu.members.choices import EventKind
from dangvu.members.models import Member
from dangvu.members.reporting.members import placements_on
from dangvu.members.reporting.removals import events
from dangvu.reports.narrative import percent
from dangvu.reports.queries import Report
from dangvu.reports.queries.base import Figure, Section, drill
from dangvu.reports.queries.scope import Scope


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
    below = top_targets_by_prefix(organization, scope.year, len(organization.path))
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


def narrative(report: Report, words: str) -> str:
    """The section in the words of a year-end report (reports.narrative)."""
    s = report.section("development")
    values = {
        "year": report.scope.year,
        "scope": words,
        "admitted": vn_number(s.value("development.admitted")),
        "rate": percent(s.figure("development.rate").percent),
        "recognized": vn_number(s.value("development.recognized")),
        "target_pct": percent(s.figure("development.target_met").percent),
    }
    if s.value("development.target"):
        text = gettext(
            "In %(year)s, %(scope)s admitted %(admitted)s party members (%(rate)s of the "
            "members at the start of the year, %(target_pct)s of the target) and recognized "
            "%(recognized)s official members."
        )
    else:
        text = gettext(
            "In %(year)s, %(scope)s admitted %(admitted)s party members (%(rate)s of the "
            "members at the start of the year) and recognized %(recognized)s official members."
        )
    return text % values
