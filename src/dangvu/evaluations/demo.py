"""Demo evaluations (issue 5): three past years decided, the current year in progress.

Past years (the cycle year − 3 … − 1): the province opened a cycle, every member, branch and
grassroots organization was decided (excellent ~15%, good ~75–80%, completed ~5–8%, not
completed ~1%), within the rules: R4.5 excellent ≤ floor(20% × good) per grassroots
organization (surplus excellent proposals are decided "good"), R4.4 a member disciplined that
year not above the profile's level, R4.6 a committee member not above their collective, R4.8
exempted members not rated. Years before `evaluation.points_from_year` carry levels only.
The current year's cycle is open: self-assessment running, some members self-assessed, some
branches have proposed, nothing decided, so that the demo accounts have work to do.

Rows are planned in memory and written with raw multi-row INSERTs (~300,000 member rows at
province scale); only the decision step is recorded in EvaluationRecord for past years.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.management.color import no_style
from django.db import connection
from django.utils import timezone

from dangvu.accounts.models import User
from dangvu.core.profiles import profile_on, rule_value
from dangvu.members.choices import ACTIVE_STATUSES, Occupation
from dangvu.members.models import Discipline, Member
from dangvu.organizations.choices import GRASSROOTS_KINDS, Kind
from dangvu.organizations.models import CommitteeSeat

from .choices import RATING_RANK, Action, CycleStatus, EvaluationStep, Framework, Rating
from .models import EvaluationCycle, EvaluationRecord, MemberEvaluation, OrganizationEvaluation

CHUNK = 5_000
EX, GOOD, DONE, NOT = Rating.EXCELLENT, Rating.GOOD, Rating.COMPLETED, Rating.NOT_COMPLETED
RATINGS = [EX, GOOD, DONE, NOT]
MEMBER_WEIGHTS = [0.175, 0.76, 0.055, 0.01]  # before the quota trims the excellent
BRANCH_WEIGHTS = [0.16, 0.75, 0.075, 0.015]
GRASSROOTS_WEIGHTS = [0.17, 0.76, 0.06, 0.01]
POINTS = {EX: (90, 98), GOOD: (72, 89), DONE: (52, 69), NOT: (38, 49)}
BY_RANK = {rank: rating for rating, rank in RATING_RANK.items()}
IN_SYSTEM = {
    Occupation.CIVIL_SERVANT,
    Occupation.PUBLIC_EMPLOYEE,
    Occupation.TEACHER,
    Occupation.ARMED_FORCES,
}
SELF_TEXTS = [
    "Chấp hành nghiêm chủ trương của Đảng, chính sách, pháp luật của Nhà nước; hoàn thành "
    "các nhiệm vụ được giao.",
    "Giữ gìn phẩm chất đạo đức, lối sống; tham gia đầy đủ sinh hoạt chi bộ.",
    "Hoàn thành tốt nhiệm vụ chuyên môn; còn hạn chế trong công tác tuyên truyền, vận động.",
    "Gương mẫu ở nơi cư trú; thực hiện đúng quy định những điều đảng viên không được làm.",
]
QUOTA_REASON = "Vượt tỷ lệ hoàn thành xuất sắc nhiệm vụ (R4.5)"
DISCIPLINE_REASON = "Bị xử lý kỷ luật trong năm (R4.4)"
EXEMPT_REASON = "Miễn công tác và sinh hoạt đảng (R4.8)"

COMMON = ["id", "created_at", "updated_at", "version", "cycle_id", "year", "org_path", "step",
          "framework", "self_scores", "self_general", "self_tasks", "self_total", "self_rating",
          "self_text", "self_at", "self_by_id", "proposed_rating", "proposed_reason",
          "proposed_at", "proposed_by_id", "rating", "decided_reason", "decision_number",
          "decided_at", "decided_by_id", "deciding_organization_id", "flags",
          "rule_profile_id"]  # fmt: skip
MEMBER_COLUMNS = COMMON + ["member_id", "organization_id", "grassroots_id", "probationary",
                           "excluded", "excluded_reason"]  # fmt: skip
ORG_COLUMNS = COMMON + ["organization_id", "level"]
RECORD_COLUMNS = ["member_evaluation_id", "organization_evaluation_id", "org_path", "action",
                  "rating", "points", "reason", "at", "recorded_by_id"]  # fmt: skip


def cycle_year(today: dt.date) -> int:
    """The year under review: the annual review runs at the year's end (R4.9), so before
    July the review in progress (or last done) is the previous year's."""
    return today.year if today.month >= 7 else today.year - 1


def lower(a: str, b: str | None) -> str:
    if b is None:
        return a
    return a if RATING_RANK[a] <= RATING_RANK[b] else b


class EvaluationHistory:
    def __init__(self, generator) -> None:
        self.g = generator
        self.rng = random.Random(f"{generator.seed}-evaluations")
        self.today = generator.today
        self.now = timezone.now()
        self.tz = ZoneInfo(str(timezone.get_current_timezone()))
        self.year = cycle_year(self.today)
        self.points_from = int(rule_value("evaluation.points_from_year", self.today))
        ops = connection.ops
        self.adapt_dt, self.adapt_date = ops.adapt_datetimefield_value, ops.adapt_datefield_value
        json_field = MemberEvaluation._meta.get_field("flags")
        self.empty_list = json_field.get_db_prep_save([], connection)
        self.empty_dict = json_field.get_db_prep_save({}, connection)
        self.member_rows: list[tuple] = []
        self.org_rows: list[tuple] = []
        self.records: list[tuple] = []

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

    # ---- helpers -----------------------------------------------------------------------------

    def at(self, day: dt.date, hour: int = 9):
        return self.adapt_dt(dt.datetime(day.year, day.month, day.day, hour, tzinfo=self.tz))

    def allot(self, weights: list[float], count: int) -> list[str]:
        """`count` levels in the proportions of `weights` (largest remainder), shuffled."""
        levels = RATINGS
        exact = [w / sum(weights) * count for w in weights]
        counts = [int(x) for x in exact]
        by_remainder = sorted(range(len(exact)), key=lambda i: exact[i] - counts[i], reverse=True)
        for i in by_remainder[: count - sum(counts)]:
            counts[i] += 1
        result = [level for level, n in zip(levels, counts, strict=True) for _i in range(n)]
        self.rng.shuffle(result)
        return result

    def draw(self, weights: list[float]) -> str:
        return self.rng.choices(RATINGS, weights)[0]

    def points(self, rating: str) -> tuple[Decimal, Decimal, Decimal]:
        low, high = POINTS[rating]
        total = self.rng.randint(low * 2, high * 2 + 1) / 2
        general = min(30.0, max(0.0, round(total * 0.3 * 2 + self.rng.choice((-1, 0, 1))) / 2))
        tasks = min(70.0, total - general)
        general = total - tasks
        return Decimal(str(general)), Decimal(str(tasks)), Decimal(str(total))

    def row(self, ident: int, cycle, path: str, **values) -> dict:
        now = self.adapt_dt(self.now)
        return {
            "id": ident, "created_at": now, "updated_at": now, "version": 1,
            "cycle_id": cycle.pk, "year": cycle.year, "org_path": path,
            "step": EvaluationStep.PENDING, "framework": Framework.COLLECTIVE,
            "self_scores": self.empty_dict, "self_general": None, "self_tasks": None,
            "self_total": None, "self_rating": "", "self_text": "", "self_at": None,
            "self_by_id": None, "proposed_rating": "", "proposed_reason": "",
            "proposed_at": None, "proposed_by_id": None, "rating": "", "decided_reason": "",
            "decision_number": "", "decided_at": None, "decided_by_id": None,
            "deciding_organization_id": None, "flags": self.empty_list,
            "rule_profile_id": cycle.rule_profile_id, **values,
        }  # fmt: skip

    def steps(self, cycle, final: str, *, proposed: str, step: str, days, deciding, number):
        """Self-assessment, proposal and decision values of one row."""
        self_day, propose_day, decide_day = days
        values = {"step": step}
        self_rating = proposed
        if self.rng.random() < 0.08 and proposed != EX:  # some rate themselves higher
            self_rating = BY_RANK[RATING_RANK[proposed] + 1]
        if cycle.uses_points:
            general, tasks, total = self.points(self_rating)
            values.update(self_general=general, self_tasks=tasks, self_total=total)
        values.update(
            self_rating=self_rating,
            self_text=self.rng.choice(SELF_TEXTS),
            self_at=self.at(self_day, self.rng.randint(7, 21)),
        )
        if step in (EvaluationStep.PROPOSED, EvaluationStep.DECIDED):
            values.update(proposed_rating=proposed, proposed_at=self.at(propose_day, 15))
        if step == EvaluationStep.DECIDED:
            values.update(
                rating=final,
                decided_at=self.at(decide_day, 9),
                decision_number=number,
                deciding_organization_id=deciding.pk,
            )
            if final != proposed:
                values["decided_reason"] = QUOTA_REASON if proposed == EX else DISCIPLINE_REASON
        return values

    def record(self, values: dict, member: bool) -> None:
        """The history lines matching the row's step (past years: the decision only)."""
        step = values["step"]
        ident = values["id"]
        target = (ident, None) if member else (None, ident)
        path = values["org_path"]
        if step == EvaluationStep.DECIDED:
            self.records.append(
                (*target, path, Action.DECIDED, values["rating"], values["self_total"],
                 values["decided_reason"], values["decided_at"], None)
            )  # fmt: skip
            return
        if step in (EvaluationStep.SELF, EvaluationStep.PROPOSED):
            self.records.append(
                (*target, path, Action.SELF, values["self_rating"], values["self_total"], "",
                 values["self_at"], None)
            )  # fmt: skip
        if step == EvaluationStep.PROPOSED:
            self.records.append(
                (*target, path, Action.PROPOSED, values["proposed_rating"], None, "",
                 values["proposed_at"], None)
            )  # fmt: skip

    # ---- one year ----------------------------------------------------------------------------

    def plan_year(self, cycle, ids: dict[str, int]) -> None:
        year, current = cycle.year, cycle.status == CycleStatus.OPEN
        end = dt.date(year, 12, 31)
        cutoff = dt.date(year, 10, 31)
        rng = self.rng
        seats = self.seats_on(min(end, self.today))
        numbers: dict[int, str] = {}
        decided_on: dict[int, dt.date] = {}

        def decision(org) -> tuple[str, dt.date]:
            if org.pk not in numbers:
                suffix = "QĐ/CB" if org.kind == Kind.BASE_BRANCH else "QĐ/ĐU"
                numbers[org.pk] = f"{rng.randint(20, 400)}-{suffix}"
                decided_on[org.pk] = dt.date(year, 12, rng.randint(18, 29))
            return numbers[org.pk], decided_on[org.pk]

        def active(org) -> bool:
            return org.founded_on is None or org.founded_on <= cutoff

        # Collectives first: R4.6 caps their committee members by the collective's level.
        led_by = defaultdict(set)  # organization → members holding a seat there
        for member, held in seats.items():
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
            count = sum(1 for n, lvl, _w in groups if lvl == level and active(n.org))
            allotted[level] = self.allot(weights, count)
        for node, level, _weights in groups:
            org = node.org
            if not active(org):
                continue
            proposed = allotted[level].pop()
            final = proposed
            # QĐ 366 (R4.3): HTXSNV needs no member of the leadership disciplined.
            if final == EX and any((m, year) in self.disciplined for m in led_by[org.pk]):
                final = GOOD
            org_level[org.pk] = final
            deciding = self.grassroots_of[org.pk] if level == "branch" else self.parent_of[org.pk]
            number, decided = decision(deciding)
            step = EvaluationStep.DECIDED
            if current:
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

        # Members: draw, cap (R4.4, R4.6), then the quota per grassroots organization (R4.5).
        cap_disciplined = str(rule_value("evaluation.disciplined_member_max", end))
        quota = float(rule_value("evaluation.excellent_quota_percent", end)) / 100
        plans = defaultdict(list)  # grassroots id → [plan]
        for pk, org_id, status, since, admitted, exempt, occupation in self.members:
            org = self.orgs.get(org_id)
            if org is None or not active(org) or admitted > cutoff:
                continue
            if status not in ACTIVE_STATUSES and since <= end:
                continue
            grassroots = self.grassroots_of[org_id]
            held = seats.get(pk, [])
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
        for grassroots_id, members in plans.items():
            rated = [p for p in members if not p[5]]
            good = sum(1 for p in rated if p[7] == GOOD)
            excellent = [p for p in rated if p[7] == EX]
            rng.shuffle(excellent)
            while excellent and len(excellent) > int(quota * good):  # floor (R4.5 profile)
                excellent.pop()[7] = GOOD
                good += 1
            number, decided = decision(self.orgs[grassroots_id])
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
                if current:
                    step = self.current_step(pk, org, progress, org.pk in proposing)
                if excluded:
                    if not current:
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
            profile = profile_on(dates[0])
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
                    uses_points=year >= self.points_from,
                    rule_profile=profile,
                    recorded_by=tinh,
                )
            )
        return EvaluationCycle.objects.bulk_create(cycles)

    def insert(self, model, columns: list[str], rows: list[tuple]) -> None:
        table = connection.ops.quote_name(model._meta.db_table)
        names = ", ".join(connection.ops.quote_name(c) for c in columns)
        sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
        with connection.cursor() as cursor:
            for start in range(0, len(rows), CHUNK):
                cursor.executemany(sql, rows[start : start + CHUNK])

    def next_id(self, model) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX(id) FROM {connection.ops.quote_name(model._meta.db_table)}")
            return (cursor.fetchone()[0] or 0) + 1

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
