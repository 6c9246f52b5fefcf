"""Demo evaluations (issue 5): three past years decided, the current year in progress.

Past years (the cycle year − 3 … − 1): the province opened a cycle, every member, branch and
grassroots organization was decided (excellent ~15%, good ~75–80%, completed ~5–8%, not
completed ~1%), within the rules: R4.5 excellent ≤ the profile's quota
(`rules.excellent_quota`, 20% × good) per grassroots organization (surplus excellent proposals
are decided "good"), R4.4 a member disciplined that year not above the profile's level, R4.6 a
committee member not above their collective, R4.8 exempted members not rated. Years before
`evaluation.points_from_year` carry levels only.
The current year's cycle is open: self-assessment running, some members self-assessed, some
branches have proposed, nothing decided, so that the demo accounts have work to do.

Rows are planned in memory and written with raw multi-row INSERTs (~300,000 member rows at
province scale); only the decision step is recorded in EvaluationRecord for past years.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.management.color import no_style
from django.db import connection

from dangvu.accounts.models import User
from dangvu.members.choices import ACTIVE_STATUSES
from dangvu.members.models import Discipline, Member
from dangvu.organizations.choices import GRASSROOTS_KINDS, Kind
from dangvu.organizations.models import CommitteeSeat

from .. import rules
from ..choices import Action, CycleStatus, EvaluationStep, Framework
from ..models import EvaluationCycle, EvaluationRecord, MemberEvaluation, OrganizationEvaluation
from .rows import (
    BRANCH_WEIGHTS,
    EX,
    EXEMPT_REASON,
    GOOD,
    GRASSROOTS_WEIGHTS,
    IN_SYSTEM,
    MEMBER_COLUMNS,
    MEMBER_WEIGHTS,
    ORG_COLUMNS,
    RECORD_COLUMNS,
    RowWriter,
    cycle_year,
    lower,
)


@dataclass
class Year:
    """One review year being planned: its dates, the seats held then, and each deciding
    committee's decision number and day (drawn the first time it is asked)."""

    cycle: EvaluationCycle
    rng: random.Random
    seats: dict[int, list[tuple[int, str]]]
    numbers: dict[int, str] = field(default_factory=dict)
    decided_on: dict[int, dt.date] = field(default_factory=dict)

    @property
    def year(self) -> int:
        return self.cycle.year

    @property
    def current(self) -> bool:
        return self.cycle.status == CycleStatus.OPEN

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 12, 31)

    @property
    def cutoff(self) -> dt.date:
        return dt.date(self.year, 10, 31)

    def decision(self, org) -> tuple[str, dt.date]:
        if org.pk not in self.numbers:
            suffix = "QĐ/CB" if org.kind == Kind.BASE_BRANCH else "QĐ/ĐU"
            self.numbers[org.pk] = f"{self.rng.randint(20, 400)}-{suffix}"
            self.decided_on[org.pk] = dt.date(self.year, 12, self.rng.randint(18, 29))
        return self.numbers[org.pk], self.decided_on[org.pk]

    def active(self, org) -> bool:
        return org.founded_on is None or org.founded_on <= self.cutoff


class EvaluationHistory(RowWriter):
    def __init__(self, generator) -> None:
        super().__init__(random.Random(f"{generator.seed}-evaluations"))
        self.g = generator
        self.today = generator.today
        self.year = cycle_year(self.today)
        self.values = rules.values_for(self.today)[1]

    # ---- the tree ----------------------------------------------------------------------------

    def load(self) -> None:
        nodes = [n for n in self.g.nodes if not n.org.dissolved_on]
        self.orgs = {n.org.pk: n.org for n in nodes}
        self.grassroots_of: dict[int, object] = {}  # branch id → its grassroots organization
        self.branch_nodes, self.grassroots_nodes = [], []
        for node in nodes:
            kind = node.org.kind
            if kind == Kind.BRANCH:
                self.branch_nodes.append(node)
            if kind in GRASSROOTS_KINDS:
                self.grassroots_nodes.append(node)
            if kind in (Kind.BRANCH, Kind.BASE_BRANCH):
                up = node
                while up is not None and up.org.kind not in GRASSROOTS_KINDS:
                    up = up.parent
                if up is not None:
                    self.grassroots_of[node.org.pk] = up.org
        self.parent_of = {n.org.pk: n.parent.org for n in nodes if n.parent is not None}
        fields = ("id", "organization_id", "status", "status_since", "admitted_on",
                  "exempt_since", "occupation")  # fmt: skip
        self.members = list(
            Member.objects.filter(organization_id__in=list(self.grassroots_of)).values_list(*fields)
        )
        # Seats held at a year's end: (member, organization) → role; R4.6 caps, form 2B.
        self.seats = list(
            CommitteeSeat.objects.values_list(
                "member_id", "organization_id", "role", "valid_from", "valid_to"
            )
        )
        self.disciplined = set(
            Discipline.objects.filter(signed_on__isnull=False, annulled_on__isnull=True)
            .values_list("member_id", "signed_on__year")
            .distinct()
        )
        self.users = {
            u.username: u
            for u in User.objects.filter(username__in=["tinh", "xa1", "coso", "bithu", "dangvien"])
        }

    def seats_on(self, on: dt.date) -> dict[int, list[tuple[int, str]]]:
        held = defaultdict(list)
        for member, org, role, start, end in self.seats:
            if start <= on and (end is None or end > on):
                held[member].append((org, role))
        return held

    # ---- one year ----------------------------------------------------------------------------

    def plan_year(self, cycle, ids: dict[str, int]) -> None:
        year = Year(cycle, self.rng, self.seats_on(min(dt.date(cycle.year, 12, 31), self.today)))
        org_level = self.plan_organizations(year, ids)
        self.plan_members(year, org_level, ids)

    def plan_organizations(self, y: Year, ids: dict[str, int]) -> dict[int, str]:
        """Collectives first: R4.6 caps their committee members by the collective's level.
        Returns the level of each organization."""
        cycle, year, rng = y.cycle, y.year, self.rng
        led_by = defaultdict(set)  # organization → members holding a seat there
        for member, held in y.seats.items():
            for org, _role in held:
                led_by[org].add(member)
        org_level: dict[int, str] = {}
        groups = [(n, "branch", BRANCH_WEIGHTS) for n in self.branch_nodes]
        groups += [(n, "grassroots", GRASSROOTS_WEIGHTS) for n in self.grassroots_nodes]
        # Levels are allotted in the weights' proportions (largest remainder), not drawn one
        # by one: a few dozen organizations would otherwise drift far from realistic shares
        # depending on which day the demo is built.
        allotted: dict[str, list[str]] = {}
        for level, weights in (("branch", BRANCH_WEIGHTS), ("grassroots", GRASSROOTS_WEIGHTS)):
            count = sum(1 for n, lvl, _w in groups if lvl == level and y.active(n.org))
            allotted[level] = self.allot(weights, count)
        for node, level, _weights in groups:
            org = node.org
            if not y.active(org):
                continue
            proposed = allotted[level].pop()
            final = proposed
            # QĐ 366 (R4.3): HTXSNV needs no member of the leadership disciplined.
            if final == EX and any((m, year) in self.disciplined for m in led_by[org.pk]):
                final = GOOD
            org_level[org.pk] = final
            deciding = self.grassroots_of[org.pk] if level == "branch" else self.parent_of[org.pk]
            number, decided = y.decision(deciding)
            step = EvaluationStep.DECIDED
            if y.current:
                step = rng.choices(
                    [EvaluationStep.PENDING, EvaluationStep.SELF, EvaluationStep.PROPOSED],
                    [0.55, 0.3, 0.15] if level == "branch" else [0.3, 0.45, 0.25],
                )[0]
            values = self.row(ids["org"], cycle, org.path, organization_id=org.pk, level=level)
            ids["org"] += 1
            if step != EvaluationStep.PENDING:
                values.update(
                    self.steps(
                        cycle, final, proposed=final, step=step, days=self.days(year, decided),
                        deciding=deciding, number=number,
                    )
                )  # fmt: skip
            self.record(values, member=False)
            self.org_rows.append(tuple(values[c] for c in ORG_COLUMNS))
        return org_level

    def member_plans(self, y: Year, org_level: dict[int, str]) -> dict[int, list[list]]:
        """Members: drawn, then capped (R4.4 discipline, R4.6 the collective they lead);
        grouped by grassroots organization."""
        year, end = y.year, y.end
        cap_disciplined = str(rules.disciplined_member_cap(rules.year_end_values(year)))
        plans = defaultdict(list)  # grassroots id → [plan]
        for pk, org_id, status, since, admitted, exempt, occupation in self.members:
            org = self.orgs.get(org_id)
            if org is None or not y.active(org) or admitted > y.cutoff:
                continue
            if status not in ACTIVE_STATUSES and since <= end:
                continue
            grassroots = self.grassroots_of[org_id]
            held = y.seats.get(pk, [])
            excluded = exempt is not None and exempt <= end
            proposed = self.draw(MEMBER_WEIGHTS)
            final = proposed
            if (pk, year) in self.disciplined:
                final = lower(final, cap_disciplined)
            for seat_org, _role in held:  # R4.6: not above the collective they lead
                final = lower(final, org_level.get(seat_org))
            framework = Framework.LEADER if held else Framework.NO_POST
            if not held and occupation not in IN_SYSTEM:
                framework = Framework.OUTSIDE
            # Admitted less than 12 months before the year's end: still probationary (R2).
            probationary = admitted > end - dt.timedelta(days=365)
            plans[grassroots.pk].append(
                [pk, org, grassroots, framework, probationary, excluded, proposed, final]
            )
        return plans

    def plan_members(self, y: Year, org_level: dict[int, str], ids: dict[str, int]) -> None:
        """The member rows, with the quota per grassroots organization (R4.5): surplus
        excellent levels are decided "good"."""
        cycle, year, rng = y.cycle, y.year, self.rng
        profile_values = rules.year_end_values(year)
        for grassroots_id, members in self.member_plans(y, org_level).items():
            rated = [p for p in members if not p[5]]
            good = sum(1 for p in rated if p[7] == GOOD)
            excellent = [p for p in rated if p[7] == EX]
            rng.shuffle(excellent)
            while excellent and len(excellent) > rules.excellent_quota(good, profile_values):
                excellent.pop()[7] = GOOD
                good += 1
            number, decided = y.decision(self.orgs[grassroots_id])
            progress = rng.random()
            coso = self.users.get("coso")
            share = 0.6 if coso and coso.organization_id == grassroots_id else 0.2
            # The branches that already met and proposed levels (the open cycle).
            branches = sorted({p[1].pk for p in members})
            proposing = {pk for pk in branches if rng.random() < share}
            for pk, org, grassroots, framework, probationary, excluded, proposed, final in members:
                values = self.row(
                    ids["member"], cycle, org.path, framework=framework, member_id=pk,
                    organization_id=org.pk, grassroots_id=grassroots.pk,
                    probationary=probationary, excluded=excluded,
                    excluded_reason=EXEMPT_REASON if excluded else "",
                )  # fmt: skip
                ids["member"] += 1
                step = EvaluationStep.DECIDED
                if y.current:
                    step = self.current_step(pk, org, progress, org.pk in proposing)
                if excluded:
                    if not y.current:
                        values.update(
                            step=EvaluationStep.DECIDED, decided_at=self.at(decided),
                            decision_number=number, deciding_organization_id=grassroots.pk,
                        )  # fmt: skip
                        self.records.append(
                            (values["id"], None, org.path, Action.EXCLUDED, "", None,
                             EXEMPT_REASON, values["decided_at"], None)
                        )  # fmt: skip
                elif step != EvaluationStep.PENDING:
                    values.update(
                        self.steps(
                            cycle, final, proposed=proposed, step=step,
                            days=self.days(year, decided),
                            deciding=grassroots, number=number,
                        )
                    )  # fmt: skip
                    self.record(values, member=True)
                self.member_rows.append(tuple(values[c] for c in MEMBER_COLUMNS))

    def days(self, year: int, decided: dt.date) -> tuple[dt.date, dt.date, dt.date]:
        """Self-assessment, proposal and decision days (the open cycle: up to today)."""
        rng = self.rng
        if year == self.year:
            today = self.today
            return today - dt.timedelta(days=rng.randint(1, 9)), today, today
        return (
            dt.date(year, 11, rng.randint(10, 28)),
            dt.date(year, 12, rng.randint(1, 12)),
            decided,
        )

    def current_step(self, member_id: int, org, progress: float, proposing: bool) -> str:
        """The open cycle: the demo accounts find work (dangvien: to self-assess; bithu: to
        propose; coso: proposals to decide)."""
        users = self.users
        if "dangvien" in users and member_id == users["dangvien"].member_id:
            return EvaluationStep.PENDING
        bithu = users.get("bithu")
        in_bithu = bithu is not None and org.pk == bithu.organization_id
        done = 0.75 if in_bithu else 0.25 + 0.6 * progress
        if self.rng.random() > done:
            return EvaluationStep.PENDING
        if in_bithu or not proposing:
            return EvaluationStep.SELF
        return EvaluationStep.PROPOSED

    # ---- run ---------------------------------------------------------------------------------

    def cycles(self) -> list[EvaluationCycle]:
        province = self.g.nodes[0].org
        tinh = self.users.get("tinh")
        cycles = []
        for year in range(self.year - 3, self.year + 1):
            current = year == self.year
            if current:
                start = self.today - dt.timedelta(days=10)
                dates = (start, start + dt.timedelta(days=20), start + dt.timedelta(days=30))
                dates += (start + dt.timedelta(days=45),)
            else:
                dates = (dt.date(year, 11, 10), dt.date(year, 11, 30), dt.date(year, 12, 12))
                dates += (dt.date(year, 12, 31),)
            profile = rules.profile_for(dates[0])
            cycles.append(
                EvaluationCycle(
                    organization=province,
                    org_path=province.path,
                    year=year,
                    title=f"Kiểm điểm, đánh giá, xếp loại chất lượng năm {year}",
                    self_from=dates[0],
                    self_until=dates[1],
                    propose_until=dates[2],
                    decide_until=dates[3],
                    status=CycleStatus.OPEN if current else CycleStatus.CLOSED,
                    uses_points=rules.scored_year(year, self.values),
                    rule_profile=profile,
                    recorded_by=tinh,
                )
            )
        return EvaluationCycle.objects.bulk_create(cycles)

    def run(self) -> dict[str, int]:
        self.load()
        cycles = self.cycles()
        ids = {
            "member": self.next_id(MemberEvaluation),
            "org": self.next_id(OrganizationEvaluation),
        }
        for cycle in cycles:
            self.plan_year(cycle, ids)
        self.insert(MemberEvaluation, MEMBER_COLUMNS, self.member_rows)
        self.insert(OrganizationEvaluation, ORG_COLUMNS, self.org_rows)
        self.insert(EvaluationRecord, RECORD_COLUMNS, self.records)
        models = [MemberEvaluation, OrganizationEvaluation, EvaluationRecord]
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
        return {
            "evaluation_cycles": len(cycles),
            "member_evaluations": len(self.member_rows),
            "organization_evaluations": len(self.org_rows),
            "evaluation_records": len(self.records),
        }


def generate(generator) -> dict[str, int]:
    return EvaluationHistory(generator).run()
