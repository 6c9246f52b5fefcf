"""Member figures as of a date, from placement intervals (not today's denormalized state):
one conditional-aggregation query for every figure of the section."""

from __future__ import annotations

import datetime as dt

import pygal
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from dangvu.core.scope import subtree_q
from dangvu.core.templatetags.vn import vn_number
from dangvu.members.choices import (
    ACTIVE_STATUSES,
    AGE_BANDS,
    MAJORITY_ETHNICITY,
    Gender,
    PlacementKind,
    ProfessionalLevel,
    TheoryLevel,
)
from dangvu.members.models import Member, Placement
from dangvu.members.queries import birth_range_for_age
from dangvu.reports.charts import SMALL, chart_config, render
from dangvu.reports.narrative import counted, listing
from dangvu.reports.queries import Report
from dangvu.reports.queries.base import Figure, Section, drill
from dangvu.reports.queries.scope import Scope


def members_on(scope: Scope) -> QuerySet:
    """Party members of the subtree on `scope.on`: an official placement covering the date in
    one of the subtree's organizations of that date. Leaving the roll (removal, death, transfer
    out) closes the placement, so nobody who had left is counted; one official placement at a
    time means one row per member."""
    on = scope.on
    if scope.current:
        return Member.objects.filter(
            subtree_q("org_path", scope.organization.path), status__in=ACTIVE_STATUSES
        )
    return Member.objects.filter(
        Q(placements__kind=PlacementKind.OFFICIAL)
        & Q(placements__valid_from__lte=on)
        & (Q(placements__valid_to__isnull=True) | Q(placements__valid_to__gt=on))
        & Q(placements__organization_id__in=scope.org_ids())
    )


def placements_on(scope: Scope, day: dt.date | None = None) -> QuerySet:
    """The official placements of `members_on` (one per member): counting these is cheaper
    than counting members when no member column is needed. With `day`, the placements of that
    day in the organizations of the scope's date (e.g. the start of the year, in the
    organizations that make up the subtree at the end of the period)."""
    on = day or scope.on
    return Placement.objects.filter(
        Q(kind=PlacementKind.OFFICIAL)
        & Q(valid_from__lte=on)
        & (Q(valid_to__isnull=True) | Q(valid_to__gt=on))
        & Q(organization_id__in=scope.org_ids())
    )


def member_filters(on: dt.date) -> dict[str, tuple[str, str, Q]]:
    """figure key -> (group, label, condition on Member) for a date; the figure and its
    drill-down list use the same condition."""
    official = Q(recognized_on__lte=on)
    filters: dict[str, tuple] = {
        "total": ("", _("Party members"), Q()),
        "official": ("", _("Official members"), official),
        "probationary": (
            "",
            _("Probationary members"),
            Q(recognized_on__isnull=True) | Q(recognized_on__gt=on),
        ),
        "women": ("", _("Women"), Q(gender=Gender.FEMALE)),
        "minority": ("", _("Ethnic minorities"), ~Q(ethnicity=MAJORITY_ETHNICITY)),
    }
    for key, label, low, high in AGE_BANDS:
        earliest, latest = birth_range_for_age(low, high, on)
        filters[f"age_{key}"] = (
            _("Age"),
            label,
            Q(birth_date__gte=earliest, birth_date__lte=latest),
        )
    for value, label in ProfessionalLevel.choices:
        filters[f"education_{value}"] = (
            _("Professional qualification"),
            label,
            Q(professional_level=value),
        )
    for value, label in TheoryLevel.choices:
        filters[f"theory_{value}"] = (_("Political theory"), label, Q(theory_level=value))
    return filters


def member_section(scope: Scope) -> Section:
    filters = member_filters(scope.on)
    counts = members_on(scope).aggregate(
        **{key: Count("id", filter=q) if q else Count("id") for key, (_g, _l, q) in filters.items()}
    )
    total = counts["total"]
    figures = [
        Figure(
            key=f"members.{key}",
            label=label,
            value=counts[key],
            base=None if key == "total" else total,
            group=group,
            drill=True,
        )
        for key, (group, label, _q) in filters.items()
    ]
    return Section("members", _("Party members"), figures)


def _member_drill(key: str):
    def run(scope: Scope) -> QuerySet:
        return members_on(scope).filter(member_filters(scope.on)[key][2])

    return run


for _key in member_filters(dt.date(2000, 1, 1)):
    drill(f"members.{_key}", _member_drill(_key))


def members_by_year_end(scope: Scope, years: list[int]) -> dict[int, int]:
    """Members at the end of each year (the trend chart; the last year stops at `scope.on`),
    each year counted in that year's subtree, in one conditional-aggregation query."""
    aggregates = {}
    for year in years:
        day = min(dt.date(year, 12, 31), scope.on)
        aggregates[f"y{year}"] = Count(
            "id",
            filter=Q(valid_from__lte=day)
            & (Q(valid_to__isnull=True) | Q(valid_to__gt=day))
            & Q(organization_id__in=scope.at(day).org_ids()),
        )
    counts = Placement.objects.filter(
        kind=PlacementKind.OFFICIAL, valid_from__lte=scope.on
    ).aggregate(**aggregates)
    return {year: counts[f"y{year}"] for year in years}


def narrative(report: Report, words: str) -> str:
    """The section in the words of a year-end report (reports.narrative)."""
    s = report.section("members")
    total = s.value("members.total")
    values = {"date": report.scope.on.strftime("%d/%m/%Y"), "scope": words}
    if not total:
        return gettext("As of %(date)s, %(scope)s had no party members.") % values

    def part(key: str, msgid: str, share: bool = True) -> str:
        figure = s.figure(key)
        return counted(figure.value, msgid, figure.percent if share else None)

    details = listing(
        [
            part("members.official", gettext_noop("%(n)s official members")),
            part("members.probationary", gettext_noop("%(n)s probationary members"), False),
            part("members.women", gettext_noop("%(n)s women")),
            part("members.minority", gettext_noop("%(n)s members of ethnic minorities")),
        ]
    )
    return gettext(
        "As of %(date)s, %(scope)s had %(total)s party members, of whom %(details)s."
    ) % {**values, "total": vn_number(total), "details": details}


def members_chart(members: Section) -> str:
    chart = pygal.HorizontalBar(**chart_config(title=gettext("Party members by age"), **SMALL))
    for figure in members.figures:
        if figure.key.startswith("members.age_"):
            chart.add(str(figure.label), figure.value)
    return render(chart)


def charts(section: Section) -> dict[str, str]:
    return {"members": members_chart(section)}
