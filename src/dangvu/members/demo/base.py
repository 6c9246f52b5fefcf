"""The demo history's state and helpers (see `members.demo`)."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict

from dangvu.core.demo_names import PLACE_SYLLABLES, PROVINCE_CODES
from dangvu.organizations.choices import BRANCH_KINDS

from .. import rules
from ..choices import (
    ACTIVE_STATUSES,
    Status,
)
from ..models import (
    Discipline,
    Member,
    MemberEvent,
    Placement,
    ResidenceComment,
    ResidenceContact,
    Transfer,
)

BATCH = 2000
RESIDENTIAL = ("rural", "urban")
COMMENTS = [
    "Gương mẫu chấp hành chủ trương của Đảng, chính sách, pháp luật của Nhà nước và quy định "
    "của địa phương.",
    "Tích cực tham gia các hoạt động ở khu dân cư, giữ mối quan hệ tốt với Nhân dân nơi cư trú.",
    "Gia đình gương mẫu, tham gia đầy đủ các buổi sinh hoạt với chi bộ nơi cư trú.",
    "Thực hiện tốt nghĩa vụ công dân; đóng góp đầy đủ các quỹ do địa phương phát động.",
    "Có ý thức giữ gìn đoàn kết ở khu dân cư; chưa tham gia đầy đủ sinh hoạt định kỳ.",
]
VIOLATIONS = [
    "Vi phạm quy định về những điều đảng viên không được làm.",
    "Thiếu trách nhiệm trong thực hiện nhiệm vụ được giao, để xảy ra sai phạm.",
    "Vi phạm nguyên tắc tập trung dân chủ, quy chế làm việc của chi bộ.",
    "Không thực hiện đúng quy định về kê khai tài sản, thu nhập.",
    "Vi phạm quy định về quản lý, sử dụng đất đai ở địa phương.",
]


class HistoryBase:
    def __init__(self, generator) -> None:
        self.g = generator
        self.rng = random.Random(f"{generator.seed}-members")
        self.today = generator.today
        self.values = rules.values_in_force(self.today)  # the rule profile, read once
        self.events: list[MemberEvent] = []
        self.transfers: list[Transfer] = []
        self.placements: list[Placement] = []
        self.disciplines: list[Discipline] = []
        self.contacts: list[ResidenceContact] = []
        self.comments: list[tuple[ResidenceContact, ResidenceComment]] = []
        self.changed: list[Member] = []  # status changes to write
        self.closing: dict[int, dt.date] = {}  # member id → date their placements close
        self.busy: set[int] = set()  # members who already have a story of their own
        self.closed_seats: list = []  # seats ended by a removal from post
        # Committee members stay on the roll (their seats are current).
        self.seated = {s.member.pk for s in generator.seats if s.valid_to is None}
        self.numbers = Counter()
        self.branches = [
            n for n in generator.nodes if n.org.kind in BRANCH_KINDS and not n.org.dissolved_on
        ]
        self.node_of = {n.org.pk: n for n in generator.nodes}
        self.official = Counter(
            m.organization_id for m in generator.members if m.status == Status.OFFICIAL
        )
        self.residential = [n for n in self.branches if n.profile in RESIDENTIAL]
        self.pools: dict[str, list] = defaultdict(list)
        for node in self.branches:
            self.pools[self._kind_of(node)].append(node)
        self.residential_by_commune: dict[int, list] = defaultdict(list)
        for node in self.residential:
            if node.commune is not None:
                self.residential_by_commune[id(node.commune)].append(node)

    # ---- helpers ---------------------------------------------------------------------------

    def number(self, suffix: str) -> str:
        self.numbers[suffix] += 1
        return f"{self.numbers[suffix] % 400 + 1}-{suffix}"

    def committee(self, org) -> str:
        """The committee deciding for a branch: its parent organization's name."""
        node = self.node_of[org.pk]
        return node.parent.org.name if node.parent else org.name

    def day_between(self, start: dt.date, end: dt.date) -> dt.date:
        if end <= start:
            return start
        return start + dt.timedelta(days=self.rng.randint(0, (end - start).days))

    def event(self, member, kind, on, org, *, other=None, party="", decision=None, **extra):
        number, date, body = decision or ("", None, "")
        self.events.append(
            MemberEvent(
                member_id=member.pk,
                kind=kind,
                occurred_on=on,
                organization_id=org.pk,
                org_path=org.path,
                other_organization_id=other.pk if other is not None else None,
                other_party=party,
                decision_number=number,
                decision_date=date,
                decision_body=body,
                **extra,
            )
        )

    def other_party(self) -> str:
        first, second = self.rng.sample(PLACE_SYLLABLES, 2)
        province = self.rng.choice(list(PROVINCE_CODES))
        unit = self.rng.choice(["xã", "phường", "xã"])
        return f"Đảng bộ {unit} {first} {second}, tỉnh {province}"

    @staticmethod
    def _kind_of(node) -> str:
        """Villages exchange members with villages, units with units (realistic moves)."""
        if node.profile in RESIDENTIAL:
            return "residential"
        return "armed" if node.profile in ("military", "police") else "work"

    def other_branch(self, node, before: dt.date, same_commune: bool = False):
        pool = self.pools[self._kind_of(node)]
        if same_commune and node.parent is not None:
            pool = [n for n in node.parent.children if n.org.kind in BRANCH_KINDS]
        for _ in range(20):
            other = self.rng.choice(pool)
            if other is not node and other.org.founded_on < before and not other.org.dissolved_on:
                return other
        return None

    def active(self):
        return [m for m in self.g.members if m.status in ACTIVE_STATUSES]

    def pick(self, members, share: float, minimum: int = 1, condition=None) -> list[Member]:
        pool = [m for m in members if m.pk not in self.busy and (condition is None or condition(m))]
        count = min(len(pool), max(minimum, round(share * len(members))))
        chosen = self.rng.sample(pool, count) if count else []
        self.busy.update(m.pk for m in chosen)
        return chosen

    def age(self, member) -> int:
        return self.today.year - member.birth_date.year
