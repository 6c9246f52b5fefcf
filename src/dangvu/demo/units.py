"""The demo tree's units: grassroots organizations and branches of districts, provincial
agencies and the armed forces. A mixin of `TreeBuilder` (which owns `add`, `rng`, `scale`)."""

from __future__ import annotations

import datetime as dt

from dangvu.organizations.choices import Kind, Sector

from . import catalog
from .shapes import PROVINCE, Node


class UnitsMixin:
    def _unit(
        self,
        parent: Node,
        old_parent: Node | None,
        title: str,
        profile: str,
        founded,
        *,
        kind: str = Kind.BASE_COMMITTEE,
        branches: tuple[int, int] = (4, 10),
        sub: bool = False,
    ) -> Node:
        """A grassroots organization of an agency or enterprise, with its branches."""
        sector = {
            "agency": Sector.AGENCY,
            "public_service": Sector.PUBLIC_SERVICE,
            "health": Sector.HEALTH,
            "school": Sector.SCHOOL,
            "state_enterprise": Sector.STATE_ENTERPRISE,
            "private_enterprise": Sector.PRIVATE_ENTERPRISE,
            "military": Sector.MILITARY,
            "police": Sector.POLICE,
        }[profile]
        prefix = "Đảng bộ" if kind == Kind.BASE_COMMITTEE else "Chi bộ"
        congress = self._day_between(dt.date(2025, 4, 1), dt.date(2025, 6, 30))
        node = self.add(
            parent,
            f"{prefix} {title}",
            kind,
            sector,
            founded,
            old_parent=old_parent,
            profile=profile,
            workplace=title,
            congress=congress,
        )
        if kind == Kind.BASE_BRANCH:
            return node
        fixed, numbered = catalog.BRANCH_NAMES[profile]
        count = self.rng.randint(*branches)
        names = list(fixed[:count]) + [
            numbered.format(n=k) for k in range(1, max(0, count - len(fixed)) + 1)
        ]
        for branch_name in names:
            self._branch(
                node,
                f"Chi bộ {branch_name}",
                profile,
                sector,
                self._date(1995, 2015),
                workplace=title,
            )
        if sub:
            sub_name = catalog.SUB_COMMITTEE_NAMES.get(profile, "Đảng bộ bộ phận Khối {n}")
            sub_node = self.add(
                node,
                sub_name.format(n=1),
                Kind.SUB_COMMITTEE,
                sector,
                max(founded, dt.date(2005, 1, 1)),
                profile=profile,
                workplace=title,
                congress=congress,
            )
            for k in range(1, self.rng.randint(3, 6) + 1):
                self._branch(
                    sub_node,
                    f"Chi bộ Tổ sản xuất {k}" if "enterprise" in profile else f"Chi bộ Đơn vị {k}",
                    profile,
                    sector,
                    self._date(2005, 2018),
                    workplace=title,
                )
        return node

    def _fill(self, fixed: list, fill: list, count: int) -> list:
        """The first `count` entries of `fixed`, then entries from `fill` with fresh places."""
        chosen = list(fixed[:count])
        k = 0
        while len(chosen) < count:
            chosen.append(fill[k % len(fill)])
            k += 1
        return chosen

    def _title(self, template: str, **extra) -> str:
        return template.format(p=PROVINCE, place=self.places.place(), **extra)

    def _add_district_units(self, district: Node, communes: list[Node]) -> None:
        s, rng = self.scale, self.rng
        centre = communes[0]
        units = self._fill(catalog.DISTRICT_UNITS, catalog.DISTRICT_UNITS, s.district_units)
        for template, profile in units:
            title = template.format(d=district.place, place=self.places.place())
            self._unit(
                centre,
                district,
                title,
                profile,
                self._date(1990, 2015),
                branches=(8, 16),
                sub=self._take_sub(profile),
            )
        pool = list(catalog.DISTRICT_BRANCHES)
        rng.shuffle(pool)
        for template, profile in self._fill(pool, pool, s.district_branches):
            title = template.format(d=district.place, place=self.places.place())
            self._unit(
                rng.choice(communes),
                district,
                title,
                profile,
                self._date(1985, 2018),
                kind=Kind.BASE_BRANCH,
            )

    def _take_sub(self, profile: str) -> bool:
        """Sub-committees (đảng ủy bộ phận) go to the first large enterprise/armed units."""
        if profile not in catalog.SUB_COMMITTEE_NAMES:
            return False
        if self._codes["sub"] >= self.scale.sub_committees:
            return False
        self._codes["sub"] += 1
        return True

    def _add_provincial_units(self) -> None:
        s = self.scale
        for template, profile in catalog.PARTY_AGENCIES[: s.party_agencies]:
            self._unit(
                self.cq_dang,
                self.khoi_cq,
                self._title(template),
                profile,
                self._date(1988, 2010),
                branches=(4, 9),
            )
        states = self._fill(catalog.STATE_AGENCIES, catalog.STATE_AGENCY_FILL, s.state_agencies)
        for template, profile in states:
            big = profile in ("health", "school")
            self._unit(
                self.ubnd,
                self.khoi_cq,
                self._title(template),
                profile,
                self._date(1988, 2012),
                branches=(12, 26) if big else (6, 14),
                sub=big and self._take_sub(profile),
            )
        enterprises = self._fill(catalog.ENTERPRISES, catalog.ENTERPRISE_FILL, s.enterprises)
        for template, profile in enterprises:
            self._unit(
                self.ubnd,
                self.khoi_dn,
                self._title(template),
                profile,
                self._date(1995, 2015),
                branches=(16, 36) if "Than" in template else (8, 18),
                sub=self._take_sub(profile),
            )
        smalls = self._fill(
            catalog.SMALL_PROVINCIAL_UNITS, catalog.SMALL_PROVINCIAL_FILL, s.provincial_branches
        )
        for template, profile, side in smalls:
            parent = self.cq_dang if side == "party" else self.ubnd
            old = self.khoi_dn if "Công ty" in template else self.khoi_cq
            self._unit(
                parent,
                old,
                self._title(template),
                profile,
                self._date(1990, 2018),
                kind=Kind.BASE_BRANCH,
            )

    def _add_armed_forces(self) -> None:
        s = self.scale
        units = self._fill(catalog.MILITARY_UNITS, catalog.MILITARY_FILL, s.military)
        for k, template in enumerate(units, 1):
            title = template.format(n=k - len(catalog.MILITARY_UNITS), place=self.places.place())
            self._unit(
                self.military,
                None,
                title,
                "military",
                self._date(1976, 2010),
                branches=(10, 24),
                sub=self._take_sub("military"),
            )
        units = self._fill(catalog.POLICE_UNITS, catalog.POLICE_FILL, s.police)
        for template in units:
            title = template.format(place=self.places.place())
            self._unit(
                self.police,
                None,
                title,
                "police",
                self._date(1976, 2012),
                branches=(10, 26),
                sub=self._take_sub("police"),
            )
