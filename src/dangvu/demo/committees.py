"""Committees (terms and seats), localities and their heads, concurrent posts, demo users.

A mixin of `DemoGenerator`: it reads the planned tree and members, writes nothing itself.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.hashers import make_password

from dangvu.accounts.models import Role, User
from dangvu.core.calendar import add_months
from dangvu.members.choices import Occupation, PostKind, Status
from dangvu.members.models import Member, MemberPost
from dangvu.organizations.choices import BRANCH_KINDS, Kind, LocalityKind, SeatRole
from dangvu.organizations.models import CommitteeSeat, Locality, Term

from .tree import REFORM, Node

CADRE_OCCUPATIONS = {
    Occupation.CIVIL_SERVANT,
    Occupation.PUBLIC_EMPLOYEE,
    Occupation.ARMED_FORCES,
    Occupation.TEACHER,
}


class CommitteeBuilder:
    """Who leads each organization and each locality."""

    def _age(self, member: Member) -> int:
        return self.today.year - member.birth_date.year

    def _eligible(self, members: list[Member], on: dt.date, low: int, high: int) -> list[Member]:
        """Official, active in the branch, placed and recognized by `on`, aged low..high."""
        return [
            m
            for m in members
            if m.status == Status.OFFICIAL
            and m.away_since is None
            and m.exempt_since is None
            and m.recognized_on <= on
            and m.demo_placed_on <= on
            and low <= self._age(m) <= high
        ]

    def _weighted_sample(self, members: list[Member], k: int, prefer=None) -> list[Member]:
        """k members without replacement, weighted (Efraimidis–Spirakis), deterministic."""
        rng = self.rng
        weights = [prefer(m) if prefer else 1.0 for m in members]
        keyed = sorted(
            zip(members, weights, strict=True),
            key=lambda mw: rng.random() ** (1.0 / mw[1]),
            reverse=True,
        )
        return [m for m, _ in keyed[:k]]

    @staticmethod
    def _seniority(member: Member) -> float:
        """Committees are drawn mostly from cadres with higher political theory."""
        theory = {"advanced": 5.0, "bachelor": 5.0, "intermediate": 2.5}.get(
            member.theory_level, 1.0
        )
        return theory * (3.0 if member.occupation in CADRE_OCCUPATIONS else 1.0)

    def _term(self, node: Node) -> Term:
        start = node.congress or REFORM
        months = 60 if node.term_name.endswith("2030") else 30
        term = Term(
            organization=node.org,
            name=node.term_name,
            congress_on=start,
            starts_on=start,
            ends_on=add_months(start, months),
        )
        self.terms.append(term)
        return term

    def _seat_all(
        self,
        node: Node,
        term: Term,
        chosen: list[Member],
        deputies: int,
        standing: int,
        valid_from: dt.date | None = None,
    ) -> None:
        for i, member in enumerate(chosen):
            if i == 0:
                role = SeatRole.SECRETARY
            elif i <= deputies:
                role = SeatRole.DEPUTY
            elif i < standing:
                role = SeatRole.STANDING
            else:
                role = SeatRole.MEMBER
            self.seats.append(
                CommitteeSeat(
                    term=term,
                    organization=node.org,
                    member=member,
                    role=role,
                    valid_from=valid_from or term.starts_on,
                )
            )
        node.secretary = chosen[0] if chosen else None

    def _subtree(self, node: Node) -> list[Member]:
        if node.subtree is None:
            node.subtree = list(node.members)
            for child in node.children:
                node.subtree.extend(self._subtree(child))
        return node.subtree

    def build_committees(self) -> None:
        rng = self.rng
        for node in self.nodes:
            org = node.org
            if org.dissolved_on:
                continue
            term = self._term(node)
            on = term.starts_on
            if org.kind in BRANCH_KINDS:
                official = self._eligible(node.members, on, 18, 120)
                if not official:
                    # No full member yet when the term began (all recognized since, which
                    # depends on today's date): the first one elected secretary once they were.
                    later = self._eligible(node.members, self.today, 18, 120)
                    if later:
                        first = min(later, key=lambda m: max(m.recognized_on, m.demo_placed_on))
                        since = max(first.recognized_on, first.demo_placed_on)
                        self._seat_all(node, term, [first], 0, 0, valid_from=since)
                    continue
                residential = node.locality is not None
                low, high = (35, 68) if residential else (30, 58)
                window = [m for m in official if low <= self._age(m) <= high] or official
                secretary = rng.choice(window)
                others = [m for m in official if m is not secretary]
                if len(official) >= 9:
                    # A cell committee (chi ủy) for 9+ full members, at most 7 (R1.5).
                    size = 3 if len(official) < 30 else 5
                    chosen = [secretary, *self._weighted_sample(others, size - 1)]
                    self._seat_all(node, term, chosen, 1, 0)
                elif others and rng.random() < 0.8:
                    self._seat_all(node, term, [secretary, rng.choice(others)], 1, 0)
                else:
                    self._seat_all(node, term, [secretary], 0, 0)
                continue
            everyone = self._subtree(node)
            if org.kind == Kind.PROVINCE_COMMITTEE:
                pool = [
                    m
                    for agency in (self.cq_dang, self.ubnd, self.military, self.police)
                    for m in self._subtree(agency)
                ]
                size, deputies, standing, ages = 53, 3, 15, (42, 60)
            elif org.kind in (Kind.COMMUNE_COMMITTEE, Kind.AGENCY_COMMITTEE):
                pool = everyone
                size, deputies = rng.randint(15, 25), 2
                standing, ages = rng.randint(5, 7), (30, 58)
            elif org.kind == Kind.SUB_COMMITTEE:
                pool, size, deputies, standing, ages = everyone, 5, 1, 0, (28, 58)
            else:
                pool, deputies, ages = everyone, 1, (28, 60)
                n = len(everyone)
                size = 5 if n < 60 else 7 if n < 150 else 9 if n < 300 else 11 if n < 600 else 13
                standing = 0 if size < 9 else (3 if size < 13 else 5)
                deputies = 2 if size >= 11 else 1
            eligible = self._eligible(pool, on, *ages)
            chosen = self._weighted_sample(eligible, min(size, len(eligible)), self._seniority)
            # Secretary first: the most senior of those chosen by political theory.
            chosen.sort(key=lambda m: -self._seniority(m))
            self._seat_all(node, term, chosen, deputies, standing)

    def build_localities(self) -> None:
        rng = self.rng
        residential = [n for n in self.nodes if n.locality is not None]
        non_member_heads = max(0, round(len(residential) * 0.002))
        non_member = set(rng.sample(range(len(residential)), non_member_heads))
        for index, node in enumerate(residential):
            loc_kind, loc_name = node.locality
            urban = node.profile == "urban"
            locality = Locality(
                name=loc_name,
                kind=loc_kind,
                commune=node.commune.org,
                branch=node.org,
                households=rng.randint(150, 520) if urban else rng.randint(70, 380),
            )
            self.localities.append(locality)
            official = self._eligible(node.members, self.today, 25, 75)
            secretary = node.secretary
            head = None
            if index not in non_member and official:
                if secretary is not None and rng.random() < 0.8:
                    head = secretary  # the usual "bí thư kiêm trưởng thôn"
                else:
                    head = rng.choice(official)
            if head is None:
                locality.head_name = self.names.full_name(rng.random() < 0.2, 1970)
            else:
                locality.head_name = head.full_name
                locality.head_member = head
                self._post(head, PostKind.VILLAGE_HEAD, locality, loc_name)
            self._mass_posts(node, locality, official, secretary)
        white = max(1, round(len(residential) * 0.002))
        rural = [c for c in self.communes if c.unit == "xã"] or self.communes
        for _ in range(white):
            commune = rng.choice(rural)
            word = self.places.village(commune.taken)
            self.localities.append(
                Locality(
                    name=f"Thôn {word}",
                    kind=LocalityKind.VILLAGE,
                    commune=commune.org,
                    households=rng.randint(30, 110),
                    head_name=self.names.full_name(False, 1975),
                )
            )

    def _post(self, member: Member, kind: str, locality: Locality, title: str) -> None:
        self.posts.append(
            MemberPost(
                member=member,
                kind=kind,
                title=title,
                locality=locality,
                valid_from=self._day_between(dt.date(2022, 6, 1), dt.date(2025, 6, 30)),
            )
        )

    def _mass_posts(
        self, node: Node, locality: Locality, official: list[Member], secretary: Member | None
    ) -> None:
        """Heads of the Front work board and mass associations who are party members."""
        rng = self.rng
        if not official:
            return
        if rng.random() < 0.85:
            front = secretary if secretary and rng.random() < 0.4 else rng.choice(official)
            self._post(front, PostKind.FRONT_HEAD, locality, locality.name)
        women = [m for m in official if m.gender == "female"]
        if women and rng.random() < 0.6:
            self._post(rng.choice(women), PostKind.WOMEN_HEAD, locality, locality.name)
        if node.profile == "rural" and rng.random() < 0.7:
            self._post(rng.choice(official), PostKind.FARMERS_HEAD, locality, locality.name)
        veterans = [m for m in official if m.gender == "male" and self._age(m) >= 55]
        if veterans and rng.random() < 0.85:
            self._post(rng.choice(veterans), PostKind.VETERANS_HEAD, locality, locality.name)
        young = [
            m
            for m in node.members
            if m.status in (Status.OFFICIAL, Status.PROBATIONARY) and self._age(m) <= 30
        ]
        if young and rng.random() < 0.5:
            self._post(rng.choice(young), PostKind.YOUTH_SECRETARY, locality, locality.name)

    # ---- users -----------------------------------------------------------------------------

    def build_users(self) -> list[User]:
        hashed = make_password(self.password)
        xa1, xa2 = self.communes[0], self.communes[1]
        coso = next(n for n in xa1.children if n.old_parent is not None and n.unit)
        branch = next(
            n for n in coso.children if n.locality is not None and n.secretary is not None
        )
        secretary = branch.secretary
        plain = next(
            m
            for m in branch.members
            if m is not secretary and m.status == Status.OFFICIAL and m.exempt_since is None
        )

        def user(username, role, node=None, member=None, **extra) -> User:
            display = member.full_name if member else ""
            return User(
                username=username,
                password=hashed,
                role=role,
                organization=node.org if node else None,
                member=member,
                first_name=display,
                **extra,
            )

        return [
            user("admin", Role.ADMIN, is_superuser=True, is_staff=True),
            user("tinh", Role.PROVINCIAL_BOARD, self.province),
            user("xa1", Role.DIRECT_BOARD, xa1),
            user("xa2", Role.DIRECT_BOARD, xa2),
            user("coso", Role.GRASSROOTS_STAFF, coso),
            user("bithu", Role.BRANCH_SECRETARY, branch, secretary),
            user("dangvien", Role.MEMBER, branch, plain),
            user("ubkt", Role.INSPECTION, self.province),
        ]
