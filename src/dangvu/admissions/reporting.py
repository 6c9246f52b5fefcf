"""The reports' development section (admissions, recognitions, targets) of a period,
attributed to the subtree of the report's date: events of the branches that belonged to it then."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from dangvu.admissions.models import AdmissionTarget
from dangvu.admissions.queries import top_targets_by_prefix
from dangvu.core.templatetags.vn import vn_number
from dangvu.members.reporting import balance
from dangvu.reports.narrative import counted, listing, percent
from dangvu.reports.queries import Report
from dangvu.reports.queries.base import Figure, Section, drill
from dangvu.reports.queries.scope import Scope


def admitted(scope: Scope) -> QuerySet:
    """Admitted in the period: members who came onto the unit's roll by admission or
    re-admission (the ceremony opens the placement, R2.10), whatever wrote the fact (this
    workflow, an import): the balance's term (members.reporting.balance)."""
    return balance.flow_members(scope, "admitted")


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
    n_admitted = balance.start_counts(scope)[0]["admitted"]
    recognized = balance.recognized_count(scope)
    # The members on 1 January in the organizations that make up the subtree at the end of
    # the period: the same organizations as the admissions counted.
    at_start = balance.start_total(scope)
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
    """Admissions per year (trend chart), from the same facts as the figure."""
    return balance.admitted_by_year(scope, years)


drill("development.admitted", admitted)
drill("development.recognized", balance.recognized)
drill(
    "development.members_at_start",
    balance.start_members,
)


def narrative(report: Report, words: str) -> str:
    """The section in the words of a year-end report (reports.narrative)."""
    s = report.section("development")
    admitted = s.value("development.admitted")
    if admitted:
        shares = []
        if (rate := s.figure("development.rate").percent) is not None:
            shares.append(
                gettext("%(rate)s of the members at the start of the year")
                % {"rate": percent(rate)}
            )
        target = s.figure("development.target_met").percent
        if s.value("development.target") and target is not None:
            shares.append(gettext("%(share)s of the target") % {"share": percent(target)})
        first = gettext("admitted %(n)s party members") % {"n": vn_number(admitted)}
        if shares:
            first += f" ({', '.join(shares)})"
    else:
        first = gettext("admitted no new party members")
    recognized = counted(
        s.value("development.recognized"), gettext_noop("recognized %(n)s official members")
    )
    return gettext("In %(year)s, %(scope)s %(actions)s.") % {
        "year": report.scope.year,
        "scope": words,
        "actions": listing([first, recognized]),
    }
