"""Demo history of membership changes (issue 3), coherent with the members' current state.

Runs inside the demo transaction after the foundation is written (`generate(generator)`), with
bulk inserts only. What it adds, for a realistic province:
- the events matching what the foundation already drew: deaths, departures to other
  provinces, members working away or exempted from party work;
- where members came from: members placed in their branch after their admission arrived by a
  transfer within the province (an earlier placement, a confirmed transfer), from another
  province, or by a move inside their commune;
- transfers awaiting arrival (some past the R9.3 deadline), temporary transfers;
- members struck off, allowed to leave or expelled (one or two later restored), disciplines
  (a few in force, a few cases under consideration);
- residence contacts of members working in agencies, with their yearly comments (some
  missing for this year's evaluation season).
Every branch keeps at least 3 official members (R1.4), as the foundation guarantees.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict

from dangvu.core.calendar import add_months
from dangvu.demo.names import PLACE_SYLLABLES
from dangvu.demo.people import PROVINCE_CODES
from dangvu.organizations.choices import BRANCH_KINDS, SeatRole

from .choices import (
    ACTIVE_STATUSES,
    DisciplineForm,
    EventKind,
    PlacementKind,
    ResidenceCategory,
    Status,
    StrikeOffGround,
    TransferKind,
    TransferScope,
    TransferStatus,
)
from .models import (
    Discipline,
    Member,
    MemberEvent,
    Placement,
    ResidenceComment,
    ResidenceContact,
    Transfer,
)
from .rules import residence_comment_window

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


def generate(generator) -> dict[str, int]:
    return _History(generator).run()


class _History:
    def __init__(self, generator) -> None:
        self.g = generator
        self.rng = random.Random(f"{generator.seed}-members")
        self.today = generator.today
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

    # ---- what the foundation already drew --------------------------------------------------

    def current_states(self) -> None:
        for m in self.g.members:
            org = m.organization
            if m.status == Status.DECEASED:
                self.busy.add(m.pk)
                self.event(
                    m,
                    EventKind.DECEASED,
                    m.status_since,
                    org,
                    details={"admitted_on": m.admitted_on.isoformat()},
                )
            elif m.status == Status.TRANSFERRED_OUT:
                self.busy.add(m.pk)
                party = self.other_party()
                letter = self.number("GGT/TU")
                scope = (
                    TransferScope.ABROAD
                    if self.rng.random() < 0.05
                    else TransferScope.OTHER_PROVINCE
                )
                if scope == TransferScope.ABROAD:
                    party = "Đảng ủy Ngoài nước"
                self.transfers.append(
                    Transfer(
                        member_id=m.pk,
                        kind=TransferKind.OFFICIAL,
                        scope=scope,
                        status=TransferStatus.ISSUED,
                        from_organization_id=org.pk,
                        from_org_path=org.path,
                        to_party=party,
                        letter_number=letter,
                        issued_on=m.status_since,
                        issuing_body=self.committee(org),
                    )
                )
                self.event(
                    m,
                    EventKind.TRANSFERRED_OUT,
                    m.status_since,
                    org,
                    party=party,
                    decision=(letter, m.status_since, self.committee(org)),
                )
            if m.away_since:
                self.busy.add(m.pk)
                self.event(m, EventKind.AWAY_STARTED, m.away_since, org)
            if m.exempt_since:
                self.busy.add(m.pk)
                self.event(
                    m,
                    EventKind.EXEMPTED,
                    m.exempt_since,
                    org,
                    decision=(self.number("NQ/CB"), m.exempt_since, org.name),
                )

    def past_away_spells(self) -> None:
        """Some residential members worked away for a while and came back."""
        residential = [
            m
            for m in self.active()
            if self.node_of[m.organization_id].profile in RESIDENTIAL and self.age(m) < 50
        ]
        for m in self.pick(residential, 0.08):
            start = self.day_between(
                m.demo_placed_on + dt.timedelta(days=30), self.today - dt.timedelta(days=400)
            )
            end = self.day_between(
                start + dt.timedelta(days=90), self.today - dt.timedelta(days=60)
            )
            if not m.demo_placed_on < start < end < self.today:
                continue
            self.event(
                m, EventKind.AWAY_STARTED, start, m.organization, details={"place": "Bình Dương"}
            )
            self.event(m, EventKind.AWAY_ENDED, end, m.organization)

    # ---- where members came from -----------------------------------------------------------

    def arrivals(self) -> None:
        for m in self.g.members:
            arrived = m.demo_placed_on
            if (arrived - m.admitted_on).days < 90:
                continue
            node = self.node_of[m.organization_id]
            draw = self.rng.random()
            if draw < 0.15:
                other = self.other_branch(node, arrived, same_commune=True)
                if other is not None and self._earlier_placement(m, other, arrived):
                    self.event(m, EventKind.MOVED, arrived, other.org, other=m.organization)
                    continue
            if draw < 0.7:
                other = self.other_branch(node, arrived - dt.timedelta(days=60))
                if other is not None:
                    issued = arrived - dt.timedelta(days=self.rng.randint(3, 25))
                    if self._earlier_placement(m, other, arrived, issued):
                        letter = self.number("GGT/ĐU")
                        body = self.committee(other.org)
                        self.transfers.append(
                            Transfer(
                                member_id=m.pk,
                                status=TransferStatus.CONFIRMED,
                                from_organization_id=other.org.pk,
                                from_org_path=other.org.path,
                                to_organization_id=m.organization_id,
                                to_org_path=m.organization.path,
                                received_in_id=m.organization_id,
                                letter_number=letter,
                                issued_on=issued,
                                issuing_body=body,
                                received_on=arrived,
                            )
                        )
                        decision = (letter, issued, body)
                        self.event(
                            m,
                            EventKind.TRANSFERRED_OUT,
                            issued,
                            other.org,
                            other=m.organization,
                            decision=decision,
                        )
                        self.event(
                            m,
                            EventKind.TRANSFERRED_IN,
                            arrived,
                            m.organization,
                            other=other.org,
                            decision=decision,
                        )
                        continue
            # From another province: the letter's date is when they left (R2.13 gap).
            issued = arrived - dt.timedelta(days=self.rng.randint(5, 40))
            if issued <= m.admitted_on:
                continue
            party, letter = self.other_party(), self.number("GGT/TU")
            self.transfers.append(
                Transfer(
                    member_id=m.pk,
                    scope=TransferScope.OTHER_PROVINCE,
                    status=TransferStatus.CONFIRMED,
                    from_party=party,
                    to_organization_id=m.organization_id,
                    to_org_path=m.organization.path,
                    received_in_id=m.organization_id,
                    letter_number=letter,
                    issued_on=issued,
                    issuing_body=f"Ban Tổ chức Tỉnh ủy {party.rsplit('tỉnh ', 1)[-1]}",
                    received_on=arrived,
                )
            )
            self.event(
                m,
                EventKind.TRANSFERRED_IN,
                arrived,
                m.organization,
                party=party,
                decision=(letter, issued, ""),
                details={"left_on": issued.isoformat()},
            )

    def _earlier_placement(self, m, other, arrived, issued=None) -> bool:
        start = max(m.admitted_on, other.org.founded_on)
        if (issued or arrived) <= start + dt.timedelta(days=1):
            return False
        self.placements.append(
            Placement(
                member_id=m.pk,
                organization_id=other.org.pk,
                kind=PlacementKind.OFFICIAL,
                valid_from=start,
                valid_to=arrived,
            )
        )
        return True

    # ---- transfers in progress -------------------------------------------------------------

    def pending_transfers(self) -> None:
        today = self.today
        xa1 = self.g.communes[0]
        eligible = [
            m
            for m in self.active()
            if m.status == Status.OFFICIAL and m.demo_placed_on < today - dt.timedelta(days=120)
        ]
        near = [m for m in eligible if self.node_of[m.organization_id].commune is xa1]
        chosen = self.pick(near, 0, minimum=4) + self.pick(eligible, 0.0025, minimum=3)
        for m in chosen:
            node = self.node_of[m.organization_id]
            target = self.other_branch(node, today)
            if target is None:
                continue
            receiver = target.org
            if target.commune is not None and self.rng.random() < 0.5:
                receiver = target.commune.org  # the commune committee will choose the branch
            issued = today - dt.timedelta(days=self.rng.randint(3, 80))
            self.transfers.append(
                Transfer(
                    member_id=m.pk,
                    status=TransferStatus.ISSUED,
                    from_organization_id=m.organization_id,
                    from_org_path=m.organization.path,
                    to_organization_id=receiver.pk,
                    to_org_path=receiver.path,
                    letter_number=self.number("GGT/ĐU"),
                    issued_on=issued,
                    issuing_body=self.committee(m.organization),
                )
            )

    def temporary_transfers(self) -> None:
        today = self.today
        young = [
            m
            for m in self.active()
            if self.age(m) < 40 and m.demo_placed_on < today - dt.timedelta(days=400)
        ]
        for m in self.pick(young, 0.0015, minimum=2):
            host = self.other_branch(
                self.node_of[m.organization_id], today - dt.timedelta(days=400)
            )
            if host is None:
                continue
            issued = today - dt.timedelta(days=self.rng.randint(40, 330))
            received = issued + dt.timedelta(days=self.rng.randint(2, 15))
            ended = received + dt.timedelta(days=self.rng.randint(60, 200))
            if ended >= today - dt.timedelta(days=5) or self.rng.random() < 0.6:
                ended = None
            letter = self.number("GGT/ĐU")
            self.transfers.append(
                Transfer(
                    member_id=m.pk,
                    kind=TransferKind.TEMPORARY,
                    status=TransferStatus.CONFIRMED,
                    from_organization_id=m.organization_id,
                    from_org_path=m.organization.path,
                    to_organization_id=host.org.pk,
                    to_org_path=host.org.path,
                    received_in_id=host.org.pk,
                    letter_number=letter,
                    issued_on=issued,
                    issuing_body=self.committee(m.organization),
                    until=add_months(issued, 9),
                    received_on=received,
                    ended_on=ended,
                )
            )
            self.placements.append(
                Placement(
                    member_id=m.pk,
                    organization_id=host.org.pk,
                    kind=PlacementKind.TEMPORARY,
                    valid_from=received,
                    valid_to=ended,
                )
            )
            decision = (letter, issued, self.committee(m.organization))
            self.event(
                m,
                EventKind.TEMPORARY_OUT,
                issued,
                m.organization,
                other=host.org,
                decision=decision,
            )
            self.event(
                m,
                EventKind.TEMPORARY_IN,
                received,
                host.org,
                other=m.organization,
                decision=decision,
            )
            if ended:
                self.event(
                    m,
                    EventKind.TEMPORARY_ENDED,
                    ended,
                    m.organization,
                    other=host.org,
                    decision=decision,
                )

    # ---- leaving the roll, discipline ------------------------------------------------------

    def _spare(self, m) -> bool:
        """Taking this official member off the roll keeps their branch at ≥ 3 (R1.4)."""
        return (
            m.status == Status.OFFICIAL
            and self.official[m.organization_id] > 4
            and m.pk not in self.seated
        )

    def _leave_date(self, m) -> dt.date | None:
        start = max(m.demo_placed_on, m.recognized_on or m.admitted_on) + dt.timedelta(days=30)
        day = self.day_between(
            max(start, self.today - dt.timedelta(days=4 * 365)), self.today - dt.timedelta(days=20)
        )
        return day if start < day < self.today else None

    def _off_roll(self, m, status, on) -> None:
        self.official[m.organization_id] -= 1
        m.status, m.status_since = status, on
        self.changed.append(m)
        self.closing[m.pk] = on

    def leaving(self) -> None:
        active = self.active()
        for m in self.pick(active, 0.0012, minimum=2, condition=self._spare):
            on = self._leave_date(m)
            if on is None or not self._spare(m):
                continue
            ground = self.rng.choices(
                [StrikeOffGround.ABANDONED, StrikeOffGround.DECLINED, StrikeOffGround.STANDARDS],
                weights=[70, 20, 10],
            )[0]
            self._off_roll(m, Status.STRUCK_OFF, on)
            self.event(
                m,
                EventKind.STRUCK_OFF,
                on,
                m.organization,
                decision=(self.number("QĐ/ĐU"), on, self.committee(m.organization)),
                details={"admitted_on": m.admitted_on.isoformat(), "ground": ground},
            )
        for m in self.pick(active, 0.0005, minimum=1, condition=self._spare):
            on = self._leave_date(m)
            if on is None or not self._spare(m):
                continue
            self._off_roll(m, Status.LEFT, on)
            self.event(
                m,
                EventKind.LEFT,
                on,
                m.organization,
                decision=(self.number("QĐ/ĐU"), on, self.committee(m.organization)),
                details={"admitted_on": m.admitted_on.isoformat()},
            )
        expelled = self.pick(active, 0.0003, minimum=2, condition=self._spare)
        for index, m in enumerate(expelled):
            on = self._leave_date(m)
            if on is None or not self._spare(m):
                continue
            restored_on = None
            if index == 0:  # wrongly expelled and cleared: continuous party age (R2.13)
                restored_on = on + dt.timedelta(days=self.rng.randint(150, 400))
                if restored_on >= self.today:
                    restored_on = None
            number, body = self.number("QĐ/UBKT"), self.committee(m.organization)
            self.disciplines.append(
                Discipline(
                    member_id=m.pk,
                    organization_id=m.organization_id,
                    org_path=m.org_path,
                    form=DisciplineForm.EXPULSION,
                    reason=self.rng.choice(VIOLATIONS),
                    decision_number=number,
                    decision_body=body,
                    signed_on=on,
                    announced_on=min(self.today, on + dt.timedelta(days=self.rng.randint(1, 10))),
                    annulled_on=restored_on,
                )
            )
            decision = (number, on, body)
            details = {"admitted_on": m.admitted_on.isoformat(), "form": DisciplineForm.EXPULSION}
            self.event(
                m, EventKind.DISCIPLINED, on, m.organization, decision=decision, details=details
            )
            self.event(
                m, EventKind.EXPELLED, on, m.organization, decision=decision, details=details
            )
            if restored_on is None:
                self._off_roll(m, Status.EXPELLED, on)
                continue
            # Back on the roll: the placement closed at the expulsion, a new one since.
            self.closing[m.pk] = on
            self.placements.append(
                Placement(
                    member_id=m.pk,
                    organization_id=m.organization_id,
                    kind=PlacementKind.OFFICIAL,
                    valid_from=restored_on,
                )
            )
            m.status_since = restored_on
            self.changed.append(m)
            self.event(
                m,
                EventKind.RESTORED,
                restored_on,
                m.organization,
                decision=(self.number("QĐ/TU"), restored_on, "Ủy ban Kiểm tra Tỉnh ủy"),
            )

    def disciplines_of_active_members(self) -> None:
        today = self.today
        active = [m for m in self.active() if m.status == Status.OFFICIAL]
        for m in self.pick(active, 0.005, minimum=5):
            signed = self.day_between(
                max(m.demo_placed_on, m.recognized_on) + dt.timedelta(days=30),
                today - dt.timedelta(days=10),
            )
            if signed >= today:
                continue
            form = self.rng.choices(
                [DisciplineForm.REPRIMAND, DisciplineForm.WARNING], weights=[65, 35]
            )[0]
            announced = min(today, signed + dt.timedelta(days=self.rng.randint(0, 14)))
            self._decided(m, form, signed, announced)
        # Removal from post (cách chức) of committee members (never the branch secretary).
        seats = [
            s
            for s in self.g.seats
            if s.role == SeatRole.MEMBER and s.valid_to is None and s.member.pk not in self.busy
        ]
        for seat in self.rng.sample(seats, min(len(seats), 4)):
            m = seat.member
            signed = self.day_between(
                max(seat.valid_from, self.today - dt.timedelta(days=300)),
                today - dt.timedelta(days=5),
            )
            if signed <= seat.valid_from:
                continue
            self.busy.add(m.pk)
            seat.valid_to = signed
            self.closed_seats.append(seat)
            post = f"{seat.get_role_display()} {seat.organization.name}"
            self._decided(m, DisciplineForm.DISMISSAL, signed, signed + dt.timedelta(days=3), post)
        # A few cases under consideration (R6.5: they block transfers).
        for m in self.pick(active, 0.0002, minimum=2):
            self.disciplines.append(
                Discipline(
                    member_id=m.pk,
                    organization_id=m.organization_id,
                    org_path=m.org_path,
                    form=DisciplineForm.WARNING,
                    reason=self.rng.choice(VIOLATIONS),
                    opened_on=today - dt.timedelta(days=self.rng.randint(5, 60)),
                )
            )

    def _decided(self, m, form, signed, announced, post="") -> None:
        number, body = self.number("QĐ/ĐU"), self.committee(m.organization)
        announced = min(announced, self.today)
        self.disciplines.append(
            Discipline(
                member_id=m.pk,
                organization_id=m.organization_id,
                org_path=m.org_path,
                form=form,
                reason=self.rng.choice(VIOLATIONS),
                post=post,
                decision_number=number,
                decision_body=body,
                signed_on=signed,
                announced_on=announced,
                expires_on=add_months(announced, 12),
            )
        )
        self.event(
            m,
            EventKind.DISCIPLINED,
            signed,
            m.organization,
            decision=(number, signed, body),
            details={"form": form},
        )

    # ---- residence contact (QĐ 213) --------------------------------------------------------

    def residence(self) -> None:
        today = self.today
        year, _due, opens = residence_comment_window(today)
        working = [
            m for m in self.active() if self.node_of[m.organization_id].profile not in RESIDENTIAL
        ]
        for m in working:
            if self.rng.random() > 0.55:
                continue
            node = self.node_of[m.organization_id]
            local = self.residential_by_commune.get(id(node.commune)) if node.commune else None
            home = self.rng.choice(local or self.residential)
            if node.profile in ("military", "police"):
                category = self.rng.choices(list(ResidenceCategory.values), weights=[40, 40, 20])[0]
            else:
                category = (
                    ResidenceCategory.EXEMPT_ACTIVITY
                    if self.rng.random() < 0.08
                    else ResidenceCategory.NONE
                )
            since = dt.date(
                self.rng.randint(2019, 2025), self.rng.randint(1, 12), self.rng.randint(1, 28)
            )
            since = max(since, m.demo_placed_on)
            if since >= today - dt.timedelta(days=30):
                continue
            contact = ResidenceContact(
                member_id=m.pk,
                residence_organization_id=home.org.pk,
                residence_org_path=home.org.path,
                letter_number=self.number("GT/ĐU"),
                letter_date=since - dt.timedelta(days=self.rng.randint(0, 20)),
                issuing_body=self.committee(m.organization),
                category=category,
                valid_from=since,
            )
            self.contacts.append(contact)
            if category != ResidenceCategory.NONE:
                continue
            for y in range(max(since.year, year - 3), year + 1):
                present = 0.96 if y < year else (0.85 if today >= opens else 0.0)
                if self.rng.random() > present:
                    continue
                received = dt.date(y, self.rng.randint(9, 11), self.rng.randint(1, 28))
                received = min(max(received, since), today)
                self.comments.append(
                    (
                        contact,
                        ResidenceComment(
                            year=y,
                            content=self.rng.choice(COMMENTS),
                            signed_by=f"Bí thư {home.org.name}",
                            received_on=received,
                        ),
                    )
                )

    # ---- run -------------------------------------------------------------------------------

    def write(self) -> None:
        Discipline.objects.bulk_create(self.disciplines, batch_size=BATCH)
        MemberEvent.objects.bulk_create(self.events, batch_size=BATCH)
        Transfer.objects.bulk_create(self.transfers, batch_size=BATCH)
        Member.objects.bulk_update(self.changed, ["status", "status_since"], batch_size=BATCH)
        if self.closing:
            open_placements = list(
                Placement.objects.filter(member_id__in=list(self.closing), valid_to__isnull=True)
            )
            for placement in open_placements:
                placement.valid_to = self.closing[placement.member_id]
            Placement.objects.bulk_update(open_placements, ["valid_to"], batch_size=BATCH)
        Placement.objects.bulk_create(self.placements, batch_size=BATCH)
        if self.closed_seats:
            type(self.closed_seats[0]).objects.bulk_update(self.closed_seats, ["valid_to"])
        ResidenceContact.objects.bulk_create(self.contacts, batch_size=BATCH)
        comments = []
        for contact, comment in self.comments:
            comment.contact_id = contact.pk
            comments.append(comment)
        ResidenceComment.objects.bulk_create(comments, batch_size=BATCH)

    def run(self) -> dict[str, int]:
        self.current_states()
        self.arrivals()
        self.leaving()
        self.disciplines_of_active_members()
        self.pending_transfers()
        self.temporary_transfers()
        self.past_away_spells()
        self.residence()
        self.write()
        return {
            "member_events": len(self.events),
            "transfers": len(self.transfers),
            "transfers_awaiting": sum(
                1
                for t in self.transfers
                if t.status == TransferStatus.ISSUED and t.to_organization_id is not None
            ),
            "disciplines": len(self.disciplines),
            "residence_contacts": len(self.contacts),
            "residence_comments": len(self.comments),
        }
