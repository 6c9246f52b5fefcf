"""The rows of the demo evaluations: columns, levels' weights, and the writer that plans rows
in memory (a row's steps, its history lines) and inserts them with raw multi-row INSERTs."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import connection
from django.utils import timezone

from dangvu.members.choices import Occupation

from ..choices import RATING_RANK, Action, EvaluationStep, Framework, Rating
from ..models import MemberEvaluation

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
          "rule_profile_id", "draft_rating", "drafted_at", "drafted_by_id"]  # fmt: skip
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


class RowWriter:
    """Rows planned as tuples of column values (`member_rows`, `org_rows`, `records`)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.now = timezone.now()
        self.tz = ZoneInfo(str(timezone.get_current_timezone()))
        ops = connection.ops
        self.adapt_dt, self.adapt_date = ops.adapt_datetimefield_value, ops.adapt_datefield_value
        json_field = MemberEvaluation._meta.get_field("flags")
        self.empty_list = json_field.get_db_prep_save([], connection)
        self.empty_dict = json_field.get_db_prep_save({}, connection)
        self.member_rows: list[tuple] = []
        self.org_rows: list[tuple] = []
        self.records: list[tuple] = []

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
            "rule_profile_id": cycle.rule_profile_id, "draft_rating": "", "drafted_at": None,
            "drafted_by_id": None, **values,
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
