"""Organization figures as of a date: kinds from the dated links (a re-classified organization
counts under the kind it had then), existence from founded/dissolved dates."""

from __future__ import annotations

import pygal
from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from dangvu.core.templatetags.vn import vn_number
from dangvu.members.choices import Status
from dangvu.members.models import Member
from dangvu.organizations.choices import (
    BRANCH_KINDS,
    GRASSROOTS_KINDS,
    KIND_LEVEL,
    Kind,
    Level,
)
from dangvu.organizations.models import Organization
from dangvu.organizations.rules import branch_min_official_on
from dangvu.reports.charts import SMALL, chart_config, render
from dangvu.reports.narrative import counted, listing
from dangvu.reports.queries import Report
from dangvu.reports.queries.base import Figure, Section, drill
from dangvu.reports.queries.scope import Scope, subtree_sql

from .members import placements_on


def branch_min_official(scope: Scope) -> int:
    """R1.4 [C] Điều lệ Đ24.1: the official members a branch needs, from the rule profile in
    force on the report's date (the work list reads the same key)."""
    return branch_min_official_on(scope.on)


def organizations_on(scope: Scope, kinds: tuple[str, ...] | None = None) -> QuerySet:
    """The subtree's organizations on `scope.on` (the organization itself included)."""
    on = scope.on
    return Organization.objects.filter(pk__in=scope.org_ids(kinds)).filter(
        Q(founded_on__isnull=True) | Q(founded_on__lte=on),
        Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=on),
    )


def _full_branches(scope: Scope) -> QuerySet:
    """Ids of the subtree's organizations with enough official members on the date (R1.4): one
    GROUP BY over the members (today) or the placements of the date."""
    if scope.current:
        # The (organization, status) index answers this without reading the members.
        rows = Member.objects.filter(
            status=Status.OFFICIAL, organization_id__in=scope.org_ids(BRANCH_KINDS)
        )
    else:
        rows = placements_on(scope).filter(member__recognized_on__lte=scope.on)
    return (
        rows.values("organization_id")
        .annotate(n=Count("id"))
        .filter(n__gte=branch_min_official(scope))
        .order_by()
        .values("organization_id")
    )


def small_branches(scope: Scope) -> QuerySet:
    """R1.4 [C] Điều lệ Đ24.1: branches with fewer official members on the date than the
    profile's `org.branch_min_official`."""
    return organizations_on(scope, BRANCH_KINDS).exclude(pk__in=_full_branches(scope))


def _kind_counts(scope: Scope) -> dict[str, int]:
    """Organizations of the subtree per kind of the date (one GROUP BY over the CTE)."""
    on = scope.on
    if scope.current:
        return {
            row["kind"]: row["n"]
            for row in organizations_on(scope).values("kind").annotate(n=Count("id")).order_by()
        }
    table = Organization._meta.db_table
    sql = (
        f"SELECT ids.kind, COUNT(*) FROM ({subtree_sql(select='sub.id, sub.kind')}) ids "
        f"JOIN {table} o ON o.id = ids.id "
        "WHERE (o.founded_on IS NULL OR o.founded_on <= %s) "
        "AND (o.dissolved_on IS NULL OR o.dissolved_on > %s) GROUP BY ids.kind"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [scope.organization.pk, on, on, on, on, on, on])
        return {kind: n for kind, n in cursor.fetchall()}


def organization_section(scope: Scope) -> Section:
    by_kind = _kind_counts(scope)
    figures: list[Figure] = []
    branches = sum(by_kind.get(k, 0) for k in BRANCH_KINDS)
    grassroots = sum(by_kind.get(k, 0) for k in GRASSROOTS_KINDS)
    figures.append(
        Figure("organizations.grassroots", _("Grassroots organizations"), grassroots, drill=True)
    )
    figures.append(Figure("organizations.branches", _("Party branches"), branches, drill=True))
    figures.append(
        Figure(
            "organizations.small_branches",
            _("Branches with fewer than %(min)s official members")
            % {"min": branch_min_official(scope)},
            small_branches(scope).count(),
            base=branches,
            drill=True,
        )
    )
    levels: dict[str, int] = {}
    for kind, n in by_kind.items():
        level = KIND_LEVEL[Kind(kind)]
        levels[level] = levels.get(level, 0) + n
    for level, label in Level.choices:
        figures.append(
            Figure(
                f"organizations.level_{level}",
                label,
                levels.get(level, 0),
                group=_("By level"),
                drill=True,
            )
        )
    for kind, label in Kind.choices:
        if by_kind.get(kind):
            figures.append(
                Figure(
                    f"organizations.kind_{kind}",
                    label,
                    by_kind[kind],
                    group=_("By kind"),
                    drill=True,
                )
            )
    return Section("organizations", _("Party organizations"), figures, extra={"levels": levels})


drill("organizations.grassroots", lambda scope: organizations_on(scope, GRASSROOTS_KINDS))
drill("organizations.branches", lambda scope: organizations_on(scope, BRANCH_KINDS))
drill("organizations.small_branches", small_branches)
for _level in Level.values:
    drill(
        f"organizations.level_{_level}",
        lambda scope, level=_level: organizations_on(
            scope, tuple(k for k, lv in KIND_LEVEL.items() if lv == level)
        ),
    )
for _kind in Kind.values:
    drill(f"organizations.kind_{_kind}", lambda scope, kind=_kind: organizations_on(scope, (kind,)))


def narrative(report: Report, words: str) -> str:
    """The section in the words of a year-end report (reports.narrative)."""
    s = report.section("organizations")
    items = listing(
        [
            counted(
                s.value("organizations.grassroots"), gettext_noop("%(n)s grassroots organizations")
            ),
            counted(s.value("organizations.branches"), gettext_noop("%(n)s branches")),
        ]
    )
    if not items:
        return ""
    # The scope words of the other sections ("toàn tỉnh", "toàn Đảng bộ", "chi bộ"): one
    # text never switches between "toàn tỉnh" and "Đảng bộ có".
    sentences = [gettext("%(scope)s has %(items)s.") % {"scope": words, "items": items}]
    if small := s.value("organizations.small_branches"):
        sentences.append(
            gettext("%(small)s branches have fewer than %(min)s official members.")
            % {"small": vn_number(small), "min": vn_number(branch_min_official(report.scope))}
        )
    return " ".join(sentences)


def levels_chart(organizations: Section) -> str:
    """Organizations by level (a share chart)."""
    chart = pygal.Pie(
        **chart_config(title=gettext("Organizations by level"), inner_radius=0.4, **SMALL)
    )
    for figure in organizations.figures:
        if figure.key.startswith("organizations.level_") and figure.value:
            chart.add(str(figure.label), figure.value)
    return render(chart)


def charts(section: Section) -> dict[str, str]:
    return {"levels": levels_chart(section)}
