"""The membership balance of a period (form 1-BTCTW, R15.4): members at the start + admitted +
arrived + restored − deceased − expelled − struck off − left − departed = members at the end,
and the same for probationary members (− recognized).

Every term is read from the registry's dated facts, whatever wrote them (a workflow, a
lifecycle service, an import): the roll is the official placement intervals [valid_from,
valid_to); each start and end of an interval inside the unit is a boundary, classified by the
member's event of that day (admitted, re-admitted, restored; deceased, expelled, struck off,
not recognized, left); any other boundary is an arrival or a departure (a transfer, a move
from or to a branch outside the unit, a reorganization). A move between two branches of the
unit closes one interval and opens the next on the same day inside the unit: neither is
counted (R15.4 "transfers within the reporting unit are not counted"). So the identities hold
by construction for every organization and period, and the figures agree with the events
exactly when every boundary has its event (`unexplained`, checked by `dangvu check_balance`).

The unit's organizations are those of its subtree on the period's last day (as every report
figure), plus the organizations it had the day before the period that were dissolved during it
(a merger inside the unit hands their members over, it does not add arrivals).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from dangvu.members.choices import EventKind, PlacementKind
from dangvu.members.models import Member, MemberEvent, Placement
from dangvu.organizations.models import Organization
from dangvu.reports.queries.base import Figure, Section, drill
from dangvu.reports.queries.scope import Scope

DAY = dt.timedelta(days=1)

# The event of a start day that says why the member came onto the unit's roll; none of these:
# an arrival (transfer in, a move from a branch outside, a reorganization).
START_REASONS = {
    EventKind.ADMITTED: "admitted",
    EventKind.READMITTED: "admitted",  # R15.5: re-admitted members are counted as admitted
    EventKind.RESTORED: "restored",
}
# The event of an end day that says why the member left the roll; none of these: a departure.
END_REASONS = {
    EventKind.DECEASED: "deceased",
    EventKind.EXPELLED: "expelled",
    EventKind.STRUCK_OFF: "struck_off",
    EventKind.NOT_RECOGNIZED: "not_recognized",
    EventKind.LEFT: "left",
}
INCREASES = ("admitted", "arrived", "restored")
DECREASES = ("deceased", "expelled", "struck_off", "not_recognized", "left", "departed")

LABELS = {
    "start": _("Members at the start of the period"),
    "admitted": _("Admitted"),
    "readmitted": _("of whom re-admitted"),
    "arrived": _("Transferred in"),
    "restored": _("Membership restored"),
    "deceased": _("Deceased"),
    "expelled": _("Expelled (khai trừ)"),
    "struck_off": _("Struck off (xóa tên)"),
    "not_recognized": _("Probationary members not recognized (xóa tên)"),
    "left": _("Allowed to leave (cho ra khỏi Đảng)"),
    "departed": _("Transferred out"),
    "end": _("Members at the end of the period"),
    "recognized": _("Recognized as official members"),
}


def unit_ids(scope: Scope) -> QuerySet:
    """The ids of the unit's organizations (module docstring). Today's tree keeps the
    dissolved organizations under their last parent, so it already holds them."""
    if scope.current:
        return scope.org_ids()
    before = scope.at(scope.start - DAY)
    return Organization.objects.filter(
        Q(pk__in=scope.org_ids()) | Q(pk__in=before.org_ids(), dissolved_on__lte=scope.on)
    ).values("pk")


def _roll(scope: Scope) -> QuerySet:
    # The ids once per report, as a list: PostgreSQL re-ran the recursive CTE inside every
    # correlated subquery of starts()/ends() (close to a minute per query on the small demo).
    ids = scope.remember("balance.unit", lambda: list(unit_ids(scope).values_list("pk", flat=True)))
    return Placement.objects.filter(organization_id__in=ids, kind=PlacementKind.OFFICIAL)


def _covering(queryset: QuerySet, day: dt.date) -> QuerySet:
    return queryset.filter(
        Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gt=day))
    )


def _probationary_on(day_field: str) -> Case:
    """Was the member probationary on the day in the placement's `day_field`?"""
    return Case(
        When(
            Q(member__recognized_on__isnull=True) | Q(member__recognized_on__gt=F(day_field)),
            then=True,
        ),
        default=False,
        output_field=BooleanField(),
    )


def starts(scope: Scope) -> QuerySet:
    """Placements that bring a member onto the unit's roll in the period, annotated with the
    start `reason` event kind (or None) and whether the member was then `probationary`."""
    roll = _roll(scope)
    handed_over = roll.filter(member_id=OuterRef("member_id"), valid_to=OuterRef("valid_from"))
    reason = MemberEvent.objects.filter(
        member_id=OuterRef("member_id"),
        occurred_on=OuterRef("valid_from"),
        kind__in=list(START_REASONS),
    ).values("kind")[:1]
    return (
        roll.filter(valid_from__gte=scope.start, valid_from__lte=scope.on)
        .exclude(Exists(handed_over))
        .annotate(reason=Subquery(reason), probationary=_probationary_on("valid_from"))
    )


def ends(scope: Scope) -> QuerySet:
    """Placements that take a member off the unit's roll in the period (closed on a day of the
    period, no next placement of the unit that day), with the end `reason` and whether the
    member was `probationary` on the last day on the roll."""
    roll = _roll(scope)
    taken_over = roll.filter(member_id=OuterRef("member_id"), valid_from=OuterRef("valid_to"))
    reason = MemberEvent.objects.filter(
        member_id=OuterRef("member_id"),
        occurred_on=OuterRef("valid_to"),
        kind__in=list(END_REASONS),
    ).values("kind")[:1]
    # Probationary on the last day (valid_to − 1): not recognized before valid_to.
    probationary = Case(
        When(
            Q(member__recognized_on__isnull=True) | Q(member__recognized_on__gte=F("valid_to")),
            then=True,
        ),
        default=False,
        output_field=BooleanField(),
    )
    return (
        roll.filter(valid_to__gte=scope.start, valid_to__lte=scope.on)
        .exclude(Exists(taken_over))
        .annotate(reason=Subquery(reason), probationary=probationary)
    )


def recognized(scope: Scope) -> QuerySet:
    """Members recognized in the period while on the unit's roll: on it the day before the
    date from which they are official (R2.11b) and on that day."""
    roll = _roll(scope)
    eve = roll.filter(
        member_id=OuterRef("pk"),
        valid_from__lt=OuterRef("recognized_on"),
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=OuterRef("recognized_on")))
    day = roll.filter(
        member_id=OuterRef("pk"),
        valid_from__lte=OuterRef("recognized_on"),
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=OuterRef("recognized_on")))
    return Member.objects.filter(
        recognized_on__gte=scope.start, recognized_on__lte=scope.on
    ).filter(Exists(eve), Exists(day))


def _classify(kind: str | None, table: dict[str, str], other: str) -> str:
    return table.get(kind, other) if kind else other


@dataclass
class Balance:
    start: int
    end: int
    flows: dict[str, int]
    readmitted: int
    probationary_start: int
    probationary_end: int
    probationary_flows: dict[str, int]
    recognized: int
    unexplained: int = 0  # boundaries without their event (a gap in the facts)

    @property
    def computed_end(self) -> int:
        return (
            self.start
            + sum(self.flows[k] for k in INCREASES)
            - sum(self.flows[k] for k in DECREASES)
        )

    @property
    def computed_probationary_end(self) -> int:
        flows = self.probationary_flows
        return (
            self.probationary_start
            + sum(flows[k] for k in INCREASES)
            - sum(flows[k] for k in DECREASES)
            - self.recognized
        )

    @property
    def holds(self) -> bool:
        return self.computed_end == self.end and self.computed_probationary_end == (
            self.probationary_end
        )


def start_counts(scope: Scope) -> tuple[dict[str, int], dict[str, int], int]:
    """Increases by category, those of probationary members, and the re-admitted."""
    return scope.remember("balance.starts", lambda: _start_counts(scope))


def end_counts(scope: Scope) -> tuple[dict[str, int], dict[str, int]]:
    """Decreases by category, and those of probationary members."""
    return scope.remember("balance.ends", lambda: _end_counts(scope))


def _start_counts(scope: Scope) -> tuple[dict[str, int], dict[str, int], int]:
    flows = dict.fromkeys(INCREASES, 0)
    probationary = dict.fromkeys(INCREASES, 0)
    readmitted = 0
    rows = starts(scope).values("reason", "probationary").annotate(n=Count("id")).order_by()
    for row in rows:
        category = _classify(row["reason"], START_REASONS, "arrived")
        flows[category] += row["n"]
        if row["probationary"]:
            probationary[category] += row["n"]
        if row["reason"] == EventKind.READMITTED:
            readmitted += row["n"]
    return flows, probationary, readmitted


def _end_counts(scope: Scope) -> tuple[dict[str, int], dict[str, int]]:
    flows = dict.fromkeys(DECREASES, 0)
    probationary = dict.fromkeys(DECREASES, 0)
    for row in ends(scope).values("reason", "probationary").annotate(n=Count("id")).order_by():
        category = _classify(row["reason"], END_REASONS, "departed")
        flows[category] += row["n"]
        if row["probationary"]:
            probationary[category] += row["n"]
    return flows, probationary


def totals(scope: Scope) -> dict[str, int]:
    """The rolls at the start (end of the day before the period) and at the end, all members
    and probationary ones, in one pass over the placements that touch the period."""

    def compute() -> dict[str, int]:
        eve, on = scope.start - DAY, scope.on
        at_start = Q(valid_from__lte=eve) & (Q(valid_to__isnull=True) | Q(valid_to__gt=eve))
        at_end = Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gt=on))
        not_yet = Q(member__recognized_on__isnull=True)
        return (
            _roll(scope)
            .filter(Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gte=eve)))
            .aggregate(
                start=Count("id", filter=at_start),
                end=Count("id", filter=at_end),
                probationary_start=Count(
                    "id", filter=at_start & (not_yet | Q(member__recognized_on__gt=eve))
                ),
                probationary_end=Count(
                    "id", filter=at_end & (not_yet | Q(member__recognized_on__gt=on))
                ),
            )
        )

    return scope.remember("balance.totals", compute)


def recognized_count(scope: Scope) -> int:
    return scope.remember("balance.recognized", lambda: recognized(scope).count())


def balance(scope: Scope, *, with_unexplained: bool = True) -> Balance:
    """Every term of both identities in a handful of aggregate queries; `unexplained` (the
    check of the facts) only when asked."""
    counts = totals(scope)
    ins, probationary_ins, readmitted = start_counts(scope)
    outs, probationary_outs = end_counts(scope)
    return Balance(
        start=counts["start"],
        end=counts["end"],
        flows={**ins, **outs},
        readmitted=readmitted,
        probationary_start=counts["probationary_start"],
        probationary_end=counts["probationary_end"],
        probationary_flows={**probationary_ins, **probationary_outs},
        recognized=recognized_count(scope),
        unexplained=unexplained(scope).count() if with_unexplained else 0,
    )


def unexplained(scope: Scope) -> QuerySet:
    """Boundaries of the period with no membership event of the member on that day (an
    import or a hand edit that wrote a placement without its fact)."""
    any_event = MemberEvent.objects.filter(member_id=OuterRef("member_id"))
    return Member.objects.filter(
        Q(
            pk__in=starts(scope)
            .exclude(Exists(any_event.filter(occurred_on=OuterRef("valid_from"))))
            .values("member_id")
        )
        | Q(
            pk__in=ends(scope)
            .exclude(Exists(any_event.filter(occurred_on=OuterRef("valid_to"))))
            .values("member_id")
        )
    )


def balance_section(scope: Scope) -> Section:
    b = balance(scope, with_unexplained=False)
    group_in, group_out = _("Increases"), _("Decreases")
    figures = [Figure("balance.start", LABELS["start"], b.start, drill=True)]
    for key in INCREASES:
        figures.append(
            Figure(f"balance.{key}", LABELS[key], b.flows[key], group=group_in, drill=True)
        )
        if key == "admitted":
            figures.append(
                Figure(
                    "balance.readmitted",
                    LABELS["readmitted"],
                    b.readmitted,
                    group=group_in,
                    drill=True,
                )
            )
    for key in DECREASES:
        figures.append(
            Figure(f"balance.{key}", LABELS[key], b.flows[key], group=group_out, drill=True)
        )
    figures.append(Figure("balance.end", LABELS["end"], b.end, drill=True))
    group_p = _("Probationary members")
    figures.append(
        Figure(
            "balance.probationary_start",
            _("Probationary members at the start"),
            b.probationary_start,
            group=group_p,
        )
    )
    for key in ("admitted", "arrived", "restored"):
        figures.append(
            Figure(
                f"balance.probationary_{key}",
                LABELS[key],
                b.probationary_flows[key],
                group=group_p,
            )
        )
    figures.append(
        Figure("balance.recognized", LABELS["recognized"], b.recognized, group=group_p, drill=True)
    )
    for key in DECREASES:
        figures.append(
            Figure(
                f"balance.probationary_{key}", LABELS[key], b.probationary_flows[key], group=group_p
            )
        )
    figures.append(
        Figure(
            "balance.probationary_end",
            _("Probationary members at the end"),
            b.probationary_end,
            group=group_p,
        )
    )
    return Section("balance", _("Increase and decrease of party members (form 1-BTCTW)"), figures)


def _members(queryset: QuerySet) -> QuerySet:
    return Member.objects.filter(pk__in=queryset.values("member_id"))


def flow_members(scope: Scope, key: str) -> QuerySet:
    """The members behind a flow figure (drill-down)."""
    if key in INCREASES or key == "readmitted":
        rows = starts(scope)
        if key == "readmitted":
            return _members(rows.filter(reason=EventKind.READMITTED))
        kinds = [k for k, v in START_REASONS.items() if v == key]
        return _members(
            rows.filter(reason__in=kinds) if kinds else rows.filter(reason__isnull=True)
        )
    rows = ends(scope)
    kinds = [k for k, v in END_REASONS.items() if v == key]
    return _members(rows.filter(reason__in=kinds) if kinds else rows.filter(reason__isnull=True))


def start_members(scope: Scope) -> QuerySet:
    """The members on the unit's roll at the end of the day before the period."""
    return _members(_covering(_roll(scope), scope.start - DAY))


def start_total(scope: Scope) -> int:
    return totals(scope)["start"]


drill("balance.start", start_members)
drill("balance.end", lambda scope: _members(_covering(_roll(scope), scope.on)))
drill("balance.recognized", recognized)
for _key in (*INCREASES, "readmitted", *DECREASES):
    drill(f"balance.{_key}", lambda scope, key=_key: flow_members(scope, key))


def admitted_by_year(scope: Scope, years: list[int]) -> dict[int, int]:
    """Admissions per year (trend chart): starts on the roll by admission or re-admission, in
    the organizations of the scope's date, one GROUP BY over the year."""
    first = dt.date(years[0], 1, 1)
    wide = Scope(scope.organization, scope.on, first, scope.current)
    rows = (
        starts(wide)
        .filter(reason__in=[k for k, v in START_REASONS.items() if v == "admitted"])
        .annotate(y=ExtractYear("valid_from"))
        .values("y")
        .annotate(n=Count("id"))
        .order_by()
    )
    found = {row["y"]: row["n"] for row in rows}
    return {year: found.get(year, 0) for year in years}
